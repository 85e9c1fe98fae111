import { EmptyState, ErrorState, Loading } from '../../components/States';
import { Money } from '../../components/Money';
import { formatDate } from '../../lib/dates';
import { useTaxSummary } from './useTax';

/** The tax year's deductible expenses: totals per tax category, then each transaction. */
export function TaxSummaryView({ year, currency }: { year: number; currency: string }) {
  const { data, loading, error, refetch } = useTaxSummary(year);
  const summary = data?.taxSummary;
  if (!summary && loading) return <Loading label="Loading the tax summary…" />;
  if (!summary) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return (
    <>
      <p className="muted">
        Tax year {summary.year}: {formatDate(summary.from)} to {formatDate(summary.to)}
      </p>
      {summary.byTaxCategory.length === 0 ? (
        <EmptyState title="Nothing deductible in this tax year">
          <p>Mark a category below, or a single expense in the transactions list.</p>
        </EmptyState>
      ) : (
        <>
          <table className="table" aria-label="Totals per tax category">
            <thead>
              <tr>
                <th scope="col">Tax category</th>
                <th scope="col" className="numeric">
                  Expenses
                </th>
                <th scope="col" className="numeric">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {summary.byTaxCategory.map((row) => (
                <tr key={row.key}>
                  <td data-label="Tax category">{row.key}</td>
                  <td data-label="Expenses" className="numeric">
                    {row.count}
                  </td>
                  <td data-label="Total" className="numeric">
                    <Money amount={row.total} currency={currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="tax-total">
            Total deductible:{' '}
            <strong>
              <Money amount={summary.total} currency={currency} />
            </strong>
          </p>
          <h3>Deductible expenses</h3>
          <table className="table" aria-label="Deductible expenses">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Description</th>
                <th scope="col">Tax category</th>
                <th scope="col" className="numeric">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {summary.transactions.map(({ taxCategory, transaction: t }) => (
                <tr key={t.id}>
                  <td data-label="Date">
                    <time dateTime={t.date}>{formatDate(t.date)}</time>
                  </td>
                  <td data-label="Description" className="description">
                    <span>
                      {t.description}
                      {t.category && <span className="muted"> · {t.category.name}</span>}
                    </span>
                  </td>
                  <td data-label="Tax category">{taxCategory}</td>
                  <td data-label="Amount" className="numeric">
                    <Money amount={t.reportingAmount} currency={currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
