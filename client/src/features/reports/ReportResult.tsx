import { lazy, Suspense, useState } from 'react';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import type { ReportInput, TransactionFilter } from '../../graphql/graphql';
import { formatMoney } from '../../lib/money';
import { TransactionTable } from '../transactions/TransactionTable';
import { useTransactionList } from '../transactions/useTransactionList';
import { GROUP_LABELS } from './ReportBuilder';
import { exportHref, type ChartKind, type Report, type ReportRow } from './useReports';

/** The key of a tax report's row of expenses that are not deductible. */
const NOT_DEDUCTIBLE = 'Not deductible';

const ReportChart = lazy(() => import('./ReportChart'));

const CHARTS: [ChartKind, string][] = [
  ['bar', 'Bars'],
  ['line', 'Line'],
  ['donut', 'Donut'],
];

/** The transactions behind one row, through the transactions list's own filters. */
export function drillDownFilter(
  report: Report,
  input: ReportInput,
  row: ReportRow,
): TransactionFilter {
  const base: TransactionFilter = {
    kind: 'EXPENSE',
    from: report.from,
    to: report.to,
    // The list filters by one account and one category: a single choice carries over.
    ...(input.accountIds?.length === 1 ? { accountId: input.accountIds[0] } : {}),
    ...(input.categories?.length === 1 ? { category: input.categories[0] } : {}),
    ...(input.taxDeductibleOnly ? { taxDeductible: true } : {}),
  };
  switch (report.groupBy) {
    case 'MONTH': {
      const last = new Date(Date.UTC(Number(row.key.slice(0, 4)), Number(row.key.slice(5, 7)), 0));
      const monthEnd = last.toISOString().slice(0, 10);
      return {
        ...base,
        from: `${row.key}-01` > report.from ? `${row.key}-01` : report.from,
        to: monthEnd < report.to ? monthEnd : report.to,
      };
    }
    case 'CATEGORY':
      return { ...base, category: row.key };
    case 'ACCOUNT':
      return { ...base, accountId: row.id };
    case 'TAX_CATEGORY':
      // The row of expenses without a tax category is the only one named so (the API refuses
      // the name for a tax category).
      return row.key === NOT_DEDUCTIBLE
        ? { ...base, taxDeductible: false }
        : { ...base, taxCategory: row.key };
    default:
      return { ...base, search: row.key };
  }
}

function DrillDown({
  filter,
  title,
  onClose,
}: {
  filter: TransactionFilter;
  title: string;
  onClose(): void;
}) {
  const { data, loading, error, refetch } = useTransactionList(filter);
  const connection = data?.transactions;
  return (
    <section className="card report-drill" aria-label={`Transactions of ${title}`}>
      <div className="report-drill-head">
        <h2>Transactions: {title}</h2>
        <button type="button" className="button-secondary" onClick={onClose}>
          Close
        </button>
      </div>
      {!connection && loading ? (
        <Loading label="Loading transactions…" />
      ) : !connection ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <>
          <p className="muted">
            {connection.totalCount} {connection.totalCount === 1 ? 'transaction' : 'transactions'}
            {connection.totalCount > connection.nodes.length
              ? `, the newest ${connection.nodes.length} shown`
              : ''}
            .
          </p>
          <TransactionTable caption={`Transactions of ${title}`} transactions={connection.nodes} />
        </>
      )}
    </section>
  );
}

export function ReportResult({
  report,
  input,
  ledgerId,
}: {
  report: Report;
  input: ReportInput;
  ledgerId: string | null;
}) {
  const [chart, setChart] = useState<ChartKind>('bar');
  const [selected, setSelected] = useState<ReportRow | null>(null);
  const money = (amount: string) => formatMoney(amount, report.currency);
  const label = GROUP_LABELS[report.groupBy];
  return (
    <>
      <div className="report-exports" role="group" aria-label="Download">
        <span className="muted">Download:</span>
        <a className="button" href={exportHref(input, 'pdf', ledgerId, 'A4')} download>
          PDF (A4)
        </a>
        <a
          className="button button-secondary"
          href={exportHref(input, 'pdf', ledgerId, 'LETTER')}
          download
        >
          PDF (Letter)
        </a>
        <a className="button button-secondary" href={exportHref(input, 'csv', ledgerId)} download>
          CSV
        </a>
        <a className="button button-secondary" href={exportHref(input, 'xlsx', ledgerId)} download>
          Excel
        </a>
      </div>
      {report.rows.length === 0 ? (
        <EmptyState title="No spending in this period">
          <p>Choose another period, or fewer filters.</p>
        </EmptyState>
      ) : (
        <>
          <div className="report-chart-kind" role="radiogroup" aria-label="Chart">
            {CHARTS.map(([kind, name]) => (
              <label key={kind} className="report-choice">
                <input
                  type="radio"
                  name="chart"
                  checked={chart === kind}
                  onChange={() => setChart(kind)}
                />{' '}
                {name}
              </label>
            ))}
          </div>
          <Suspense fallback={<Loading label="Loading the chart…" />}>
            <ReportChart report={report} kind={chart} onSelect={setSelected} />
          </Suspense>
          <div className="card card-flush table-scroll">
            <table className="table report-table">
              <caption className="visually-hidden">
                Spending from {report.from} to {report.to} by {label.toLowerCase()}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{label}</th>
                  <th scope="col" className="numeric">
                    Total
                  </th>
                  <th scope="col" className="numeric">
                    Count
                  </th>
                  <th scope="col" className="numeric">
                    Average
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">
                      <button
                        type="button"
                        className="button-link"
                        onClick={() => setSelected(row)}
                      >
                        {row.key}
                      </button>
                    </th>
                    <td className="numeric" data-label="Total">
                      {money(row.total)}
                    </td>
                    <td className="numeric" data-label="Count">
                      {row.count}
                    </td>
                    <td className="numeric" data-label="Average">
                      {money(row.average)}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  <td className="numeric" data-label="Total">
                    {money(report.total)}
                  </td>
                  <td className="numeric" data-label="Count">
                    {report.count}
                  </td>
                  <td className="numeric" data-label="Average">
                    {money(report.average)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
      {selected && (
        <DrillDown
          key={selected.key}
          title={selected.key}
          filter={drillDownFilter(report, input, selected)}
          onClose={() => setSelected(null)}
        />
      )}
    </>
  );
}
