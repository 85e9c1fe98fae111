import { Money } from '../../components/Money';
import type { BudgetsQuery } from '../../graphql/graphql';
import { formatMonth } from '../../lib/dates';
import './budget-planning.css';

type Row = BudgetsQuery['unbudgetedSpending'][number];

/** Categories with spending this month and no target, each a click away from one. */
export function UnbudgetedSpending({
  month,
  rows,
  onAddTarget,
}: {
  month: string;
  rows: Row[];
  onAddTarget(row: Row): void;
}) {
  if (rows.length === 0) {
    return (
      <p className="muted">Every category with spending in {formatMonth(month)} has a target.</p>
    );
  }
  return (
    <ul className="unbudgeted-list">
      {rows.map((row) => (
        <li key={row.category.id}>
          <span className="unbudgeted-name">{row.category.name}</span>
          <Money amount={row.spent} />
          <button
            type="button"
            className="button-secondary button-small"
            aria-label={`Add target for ${row.category.name}`}
            onClick={() => onAddTarget(row)}
          >
            Add target
          </button>
        </li>
      ))}
    </ul>
  );
}
