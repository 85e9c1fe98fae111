import { useState } from 'react';
import { Money } from '../../components/Money';
import { ErrorState, Loading } from '../../components/States';
import { formatDate } from '../../lib/dates';
import { BillsCalendar } from './BillsCalendar';
import { BILL_DAYS, useRuleActions, useUpcomingBills } from './useRecurring';
import './recurring.css';

/** The next 30 days' bills as a list and a calendar, with what recurring expenses cost a month. */
export function UpcomingBills() {
  const { data, loading, error, refetch } = useUpcomingBills();
  const actions = useRuleActions();
  const [busy, setBusy] = useState<string | null>(null);

  if (!data && loading) return <Loading label="Loading upcoming bills…" />;
  if (!data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const bills = data.upcomingBills;
  const act = async (key: string, run: () => Promise<boolean>) => {
    setBusy(key);
    await run();
    setBusy(null);
  };

  return (
    <>
      <div className="card-pad monthly-cost">
        <p className="stat-label">Monthly cost of recurring expenses</p>
        <p className="stat-value">
          <Money amount={data.recurringMonthlyCost} />
        </p>
        <p className="muted">The next 12 months of them, divided by 12; paused rules left out.</p>
      </div>
      <div className="bills">
        {bills.length === 0 ? (
          <p className="muted card-pad">
            No bills in the next {BILL_DAYS} days. Rules for expenses show their dates here.
          </p>
        ) : (
          <table className="table bill-table">
            <caption className="visually-hidden">Bills in the next {BILL_DAYS} days</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Bill</th>
                <th scope="col" className="numeric">
                  Amount
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {bills.map((bill) => {
                const key = `${bill.rule.id}:${bill.date}`;
                return (
                  <tr key={key} className={bill.overdue ? 'bill-overdue' : undefined}>
                    <td data-label="Date" className="bill-date">
                      {formatDate(bill.date)}
                    </td>
                    <td data-label="Bill">
                      <span>
                        <span className="bill-name">{bill.rule.name}</span>{' '}
                        {bill.overdue && <span className="tag tag-overdue">Overdue</span>}
                        {!bill.overdue && bill.rule.mode === 'EXPECT' && (
                          <span className="tag">Expected</span>
                        )}
                      </span>
                    </td>
                    <td data-label="Amount" className="numeric">
                      <Money amount={bill.amount} currency={bill.rule.currency} />
                    </td>
                    <td className="row-actions">
                      {bill.rule.mode === 'EXPECT' && (
                        <span className="bill-actions">
                          <button
                            type="button"
                            className="button-small"
                            disabled={busy === key}
                            aria-label={`Confirm ${bill.rule.name} on ${formatDate(bill.date)}`}
                            onClick={() =>
                              void act(key, () => actions.confirm(bill.rule, bill.date))
                            }
                          >
                            Confirm
                          </button>
                          <button
                            type="button"
                            className="button-link"
                            disabled={busy === key}
                            aria-label={`Skip ${bill.rule.name} on ${formatDate(bill.date)}`}
                            onClick={() => void act(key, () => actions.skip(bill.rule, bill.date))}
                          >
                            Skip
                          </button>
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <BillsCalendar bills={bills} />
      </div>
    </>
  );
}
