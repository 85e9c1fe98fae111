import { useMutation } from '@apollo/client/react';
import { useFlash } from '../../app/flash';
import { CopyBudgetDocument, SetBudgetCarryOverDocument } from '../../graphql/graphql';
import { addMonths, formatMonth } from '../../lib/dates';
import { errorMessage } from '../../lib/errors';
import { forgetBudgetPlanning } from './cache';
import './budget-planning.css';

function copiedMessage(budgetCopied: boolean, targetsCopied: number, from: string): string {
  const parts = [
    ...(budgetCopied ? ['the budget'] : []),
    ...(targetsCopied > 0 ? [`${targetsCopied} target${targetsCopied === 1 ? '' : 's'}`] : []),
  ];
  return `Copied ${parts.join(' and ')} from ${formatMonth(from)}.`;
}

/**
 * The month's carry-over: a one-step copy of last month's budget and targets when this month is
 * empty, and the ledger's setting that does it by itself each month.
 */
export function CarryOver({
  month,
  canCopy,
  carryOver,
}: {
  month: string;
  /** This month is empty and the month before has something to copy. */
  canCopy: boolean;
  carryOver: boolean;
}) {
  const previous = addMonths(month, -1);
  const { show } = useFlash();
  const [copy, copying] = useMutation(CopyBudgetDocument, { update: forgetBudgetPlanning });
  const [setCarryOver, saving] = useMutation(SetBudgetCarryOverDocument, {
    update: forgetBudgetPlanning,
  });
  return (
    <div className="card carry-over">
      {canCopy ? (
        <p>
          <button
            type="button"
            disabled={copying.loading}
            onClick={async () => {
              try {
                const { data } = await copy({ variables: { fromMonth: previous, toMonth: month } });
                if (data) {
                  const { budgetCopied, targetsCopied } = data.copyBudget;
                  show({
                    kind: 'success',
                    message: copiedMessage(budgetCopied, targetsCopied, previous),
                  });
                }
              } catch (error) {
                show({ kind: 'error', message: errorMessage(error) });
              }
            }}
          >
            {copying.loading ? 'Copying…' : `Copy from ${formatMonth(previous)}`}
          </button>{' '}
          <span className="muted">its budget and category targets, in one step</span>
        </p>
      ) : (
        <p className="muted">Each month starts from its own budget and targets.</p>
      )}
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={carryOver}
          disabled={saving.loading}
          aria-describedby="carry-over-hint"
          onChange={async (event) => {
            const enabled = event.currentTarget.checked;
            try {
              await setCarryOver({ variables: { enabled } });
              show({
                kind: 'success',
                message: enabled
                  ? 'New months now start with the month before’s budget.'
                  : 'New months now start empty.',
              });
            } catch (error) {
              show({ kind: 'error', message: errorMessage(error) });
            }
          }}
        />
        Carry over each month
      </label>
      <p id="carry-over-hint" className="muted visually-hidden">
        When on, an empty month up to this one starts with the month before’s budget and targets.
      </p>
    </div>
  );
}
