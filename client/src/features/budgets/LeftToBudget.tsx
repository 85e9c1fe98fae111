import { Money } from '../../components/Money';
import { formatMonth } from '../../lib/dates';
import './budget-planning.css';

/** The month's income and what its targets leave of it; a prompt while there is no income. */
export function LeftToBudget({
  month,
  income,
  left,
}: {
  month: string;
  income: string;
  left: string | null;
}) {
  if (left === null) {
    return (
      <p className="muted">
        No income recorded for {formatMonth(month)}. Add income to see what is left to budget.
      </p>
    );
  }
  const over = left.startsWith('-');
  return (
    <dl className="left-to-budget">
      <div>
        <dt>Income</dt>
        <dd>
          <Money amount={income} />
        </dd>
      </div>
      <div>
        <dt>{over ? 'Budgeted beyond income' : 'Left to budget'}</dt>
        <dd className={over ? 'over' : undefined} data-testid="left-to-budget">
          <Money amount={over ? left.slice(1) : left} />
        </dd>
      </div>
    </dl>
  );
}
