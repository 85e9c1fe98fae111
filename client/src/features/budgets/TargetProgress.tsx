import { Money } from '../../components/Money';
import type { BudgetsQuery } from '../../graphql/graphql';
import { toChartNumber } from '../../lib/money';

type Target = BudgetsQuery['budgetCategories'][number];

/** A category's spending against its target as an accessible progress bar. */
export function TargetProgress({ target }: { target: Target }) {
  const goal = toChartNumber(target.targetAmount);
  const spent = toChartNumber(target.spent);
  const ratio = goal > 0 ? spent / goal : 0;
  const over = target.remaining.startsWith('-');
  return (
    <div className="target-progress">
      <div
        className={`progress${over ? ' progress-over' : ratio >= 0.8 ? ' progress-near' : ''}`}
        role="progressbar"
        aria-label={`${target.category.name}: spent of target`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(Math.min(ratio, 1) * 100)}
        aria-valuetext={`${Math.round(ratio * 100)}%`}
      >
        <span style={{ width: `${Math.min(ratio, 1) * 100}%` }} />
      </div>
      <p className="target-figures">
        <Money amount={target.spent} /> of <Money amount={target.targetAmount} />
        {' · '}
        {over ? (
          <span className="over">
            <Money amount={target.remaining.slice(1)} /> over
          </span>
        ) : (
          <span>
            <Money amount={target.remaining} /> left
          </span>
        )}
      </p>
    </div>
  );
}
