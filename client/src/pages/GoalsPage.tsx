import { useState } from 'react';
import { useFlash } from '../app/flash';
import { usePageTitle } from '../app/Layout';
import { EditablePage, type Editing } from '../components/EditablePage';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { useAccounts } from '../features/accounts/useAccounts';
import { GoalCard } from '../features/goals/GoalCard';
import { GoalForm } from '../features/goals/GoalForm';
import { useDeleteGoal, useGoals, useSaveGoal, type Goal } from '../features/goals/useGoals';
import { errorMessage } from '../lib/errors';

export function GoalsPage() {
  usePageTitle('Goals');
  const { data, loading, error, refetch } = useGoals();
  const accounts = useAccounts().data?.accounts ?? [];
  const save = useSaveGoal();
  const remove = useDeleteGoal();
  const { show } = useFlash();
  // null: no form; 'new': adding; a goal: editing it.
  const [editing, setEditing] = useState<Editing<Goal>>(null);

  const goals = data?.goals;
  let body;
  if (!goals && loading) body = <Loading label="Loading goals…" />;
  else if (!goals) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else if (goals.length === 0) {
    body = editing ? null : (
      <EmptyState title="No goals yet">
        <p>
          Save towards something — a holiday, an emergency fund, a deposit — and see how far you are
          and what each month needs.
        </p>
        <button type="button" onClick={() => setEditing('new')}>
          Add your first goal
        </button>
      </EmptyState>
    );
  } else {
    body = (
      <div className="goal-grid">
        {goals.map((goal) => (
          <GoalCard
            key={goal.id}
            goal={goal}
            onEdit={(g) => setEditing(g)}
            onDelete={async (g) => {
              try {
                await remove(g);
                show({ kind: 'success', message: `Deleted “${g.name}”.` });
              } catch (failure) {
                show({ kind: 'error', message: errorMessage(failure) });
              }
            }}
          />
        ))}
      </div>
    );
  }

  return (
    <EditablePage
      title="Goals"
      noun="goal"
      idPrefix="goal"
      editing={editing}
      onEditingChange={setEditing}
      form={(slot) => (
        <GoalForm
          key={slot.key}
          goal={slot.record}
          accounts={accounts}
          submitLabel={slot.submitLabel}
          onSave={async (input) => slot.saved(await save(input, slot.id))}
        >
          {slot.cancel}
        </GoalForm>
      )}
    >
      {body}
    </EditablePage>
  );
}
