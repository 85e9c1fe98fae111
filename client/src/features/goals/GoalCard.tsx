import { useState } from 'react';
import { useFlash } from '../../app/flash';
import { ConfirmInPlace } from '../../components/ConfirmInPlace';
import { Money } from '../../components/Money';
import { formatDate } from '../../lib/dates';
import { errorMessage } from '../../lib/errors';
import { ContributionForm } from './ContributionForm';
import { useContributions, type Contribution, type Goal } from './useGoals';
import './goals.css';

/** What the pace says, in words: a date, or why there is none. */
function projection(goal: Goal): string {
  if (goal.reached) return 'Reached';
  if (goal.projectedDate) return formatDate(goal.projectedDate);
  return 'No progress in the last three months';
}

/** A goal with its progress, what it still needs, its contributions and its actions. */
export function GoalCard({
  goal,
  onEdit,
  onDelete,
}: {
  goal: Goal;
  onEdit(goal: Goal): void;
  onDelete(goal: Goal): Promise<void>;
}) {
  const { show } = useFlash();
  const contributions = useContributions();
  // null: no form; 'new': contributing; a contribution: editing it.
  const [form, setForm] = useState<Contribution | 'new' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const headingId = `goal-${goal.id}`;
  const shown = Math.min(goal.progressPercent, 100);

  return (
    <article className="card goal-card" aria-labelledby={headingId}>
      <div className="goal-heading">
        <h2 id={headingId}>{goal.name}</h2>
        {goal.reached && <span className="tag goal-reached">Reached</span>}
      </div>
      <div
        className={`progress goal-progress${goal.reached ? ' goal-progress-done' : ''}`}
        role="progressbar"
        aria-label={`${goal.name}: saved of target`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={shown}
        aria-valuetext={`${goal.progressPercent}%`}
      >
        <span style={{ width: `${shown}%` }} />
      </div>
      <p className="goal-figures">
        <strong>
          <Money amount={goal.savedAmount} currency={goal.currency} />
        </strong>{' '}
        of <Money amount={goal.targetAmount} currency={goal.currency} />
        <span className="goal-percent">{goal.progressPercent} %</span>
      </p>
      <dl className="goal-facts">
        <div>
          <dt>Target date</dt>
          <dd>{goal.targetDate ? formatDate(goal.targetDate) : 'None set'}</dd>
        </div>
        <div>
          <dt>Needed per month</dt>
          <dd>
            {goal.neededPerMonth ? (
              <Money amount={goal.neededPerMonth} currency={goal.currency} />
            ) : (
              <span className="muted">Set a date to see it</span>
            )}
          </dd>
        </div>
        <div>
          <dt>At your recent pace</dt>
          <dd>{projection(goal)}</dd>
        </div>
        <div>
          <dt>Recent pace</dt>
          <dd>
            <Money amount={goal.monthlyPace} currency={goal.currency} /> a month
          </dd>
        </div>
      </dl>
      {goal.accounts.length > 0 && (
        <ul className="goal-linked" aria-label={`Accounts counting towards ${goal.name}`}>
          {goal.accounts.map((account) => (
            <li key={account.id}>
              {account.name}:{' '}
              {account.value === null ? (
                <span className="muted">no {account.currency} rate, not counted</span>
              ) : (
                <Money amount={account.value} currency={goal.currency} />
              )}
            </li>
          ))}
        </ul>
      )}
      {confirming ? (
        <ConfirmInPlace
          question={`Delete “${goal.name}” and its contributions?`}
          confirmLabel="Yes, delete"
          onConfirm={async () => {
            await onDelete(goal);
            setConfirming(false);
          }}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <div className="goal-actions">
          {form === null && (
            <button type="button" className="button-small" onClick={() => setForm('new')}>
              Contribute
            </button>
          )}
          <button
            type="button"
            className="button-link"
            aria-label={`Edit ${goal.name}`}
            onClick={() => onEdit(goal)}
          >
            Edit
          </button>
          <button
            type="button"
            className="button-link danger"
            aria-label={`Delete ${goal.name}`}
            onClick={() => setConfirming(true)}
          >
            Delete
          </button>
        </div>
      )}
      {form !== null && (
        <ContributionForm
          key={form === 'new' ? 'new' : form.id}
          goalName={goal.name}
          currency={goal.currency}
          contribution={form === 'new' ? undefined : form}
          submitLabel={form === 'new' ? 'Add contribution' : 'Save contribution'}
          onSave={async (values) => {
            if (form === 'new') await contributions.add(goal, values);
            else await contributions.change(form, values);
            show({ kind: 'success', message: `Saved towards “${goal.name}”.` });
            setForm(null);
          }}
        >
          <button type="button" className="button-link" onClick={() => setForm(null)}>
            Cancel
          </button>
        </ContributionForm>
      )}
      {goal.contributions.length > 0 && (
        <details className="goal-contributions">
          <summary>Contributions ({goal.contributions.length})</summary>
          <ul>
            {goal.contributions.map((c) => (
              <li key={c.id}>
                <span className="goal-contribution-date">{formatDate(c.date)}</span>
                <Money amount={c.amount} currency={goal.currency} />
                {c.note && <span className="muted goal-contribution-note">{c.note}</span>}
                <span className="row-actions">
                  <button
                    type="button"
                    className="button-link"
                    aria-label={`Edit contribution of ${formatDate(c.date)}`}
                    onClick={() => setForm(c)}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button-link danger"
                    aria-label={`Delete contribution of ${formatDate(c.date)}`}
                    disabled={removing === c.id}
                    onClick={async () => {
                      setRemoving(c.id);
                      try {
                        await contributions.remove(c);
                        show({ kind: 'success', message: 'Contribution deleted.' });
                      } catch (error) {
                        show({ kind: 'error', message: errorMessage(error) });
                      } finally {
                        setRemoving(null);
                      }
                    }}
                  >
                    Delete
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}
