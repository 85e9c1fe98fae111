import { useState } from 'react';
import { RowActions } from '../../components/RowActions';
import { Money } from '../../components/Money';
import { formatDate } from '../../lib/dates';
import { describeRrule } from './schedule';
import type { RecurringRule } from './useRecurring';

const KIND_LABELS = { EXPENSE: 'Expense', INCOME: 'Income', TRANSFER: 'Transfer' } as const;

/** The rules with their next dates; stacked into cards on a phone like every table here. */
export function RuleTable({
  rules,
  onEdit,
  onPause,
  onDelete,
}: {
  rules: RecurringRule[];
  onEdit(rule: RecurringRule): void;
  onPause(rule: RecurringRule, paused: boolean): void;
  onDelete(rule: RecurringRule): Promise<boolean>;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <table className="table rule-table">
      <caption className="visually-hidden">Recurring rules</caption>
      <thead>
        <tr>
          <th scope="col">Rule</th>
          <th scope="col">Next dates</th>
          <th scope="col">Mode</th>
          <th scope="col" className="numeric">
            Amount
          </th>
          <th scope="col">Account</th>
          <th scope="col">Category</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rules.map((rule) => (
          <tr key={rule.id} className={rule.paused ? 'rule-paused' : undefined}>
            <td data-label="Rule" className="rule-name">
              <span>
                <strong>{rule.name}</strong>
                {rule.paused && <span className="tag tag-paused">Paused</span>}
                <span className="rule-schedule muted">
                  {describeRrule(rule.rrule, rule.startDate)}
                </span>
              </span>
            </td>
            <td data-label="Next dates">
              {rule.nextDates.length === 0 ? (
                <span className="muted">Ended</span>
              ) : (
                <ul className="next-dates">
                  {rule.nextDates.map((date) => (
                    <li key={date}>{formatDate(date)}</li>
                  ))}
                </ul>
              )}
            </td>
            <td data-label="Mode">
              <span className="tag" title={rule.mode === 'AUTO' ? 'Posted on its day' : undefined}>
                {rule.mode === 'AUTO' ? 'Posts' : 'Expected'}
              </span>
            </td>
            <td data-label="Amount" className="numeric">
              <span>
                <Money amount={rule.amount} currency={rule.currency} />
                <span className="muted rule-kind"> {KIND_LABELS[rule.kind]}</span>
              </span>
            </td>
            <td data-label="Account">
              {rule.account.name}
              {rule.toAccount && ` → ${rule.toAccount.name}`}
            </td>
            <td data-label="Category">{rule.categoryName ?? <span className="muted">—</span>}</td>
            <RowActions
              name={rule.name}
              confirming={confirming === rule.id}
              onConfirmingChange={(on) => setConfirming(on ? rule.id : null)}
              onEdit={() => onEdit(rule)}
              onDelete={() => onDelete(rule)}
            >
              <button
                type="button"
                className="button-link"
                aria-label={`${rule.paused ? 'Resume' : 'Pause'} ${rule.name}`}
                onClick={() => onPause(rule, !rule.paused)}
              >
                {rule.paused ? 'Resume' : 'Pause'}
              </button>
            </RowActions>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
