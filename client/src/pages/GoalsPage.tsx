import { useState } from 'react';
import { useFlash } from '../app/flash';
import { usePageTitle } from '../app/Layout';
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
  const [editing, setEditing] = useState<Goal | 'new' | null>(null);

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
    <section className="page">
      <div className="page-heading">
        <h1>Goals</h1>
        {editing == null && (
          <button type="button" onClick={() => setEditing('new')}>
            Add goal
          </button>
        )}
      </div>
      {editing != null && (
        <section className="card" aria-labelledby="goal-form-heading">
          <h2 id="goal-form-heading">
            {editing === 'new' ? 'New goal' : `Edit “${editing.name}”`}
          </h2>
          <GoalForm
            key={editing === 'new' ? 'new' : editing.id}
            goal={editing === 'new' ? undefined : editing}
            accounts={accounts}
            submitLabel={editing === 'new' ? 'Add goal' : 'Save changes'}
            onSave={async (input) => {
              const saved = await save(input, editing === 'new' ? undefined : editing.id);
              show({
                kind: 'success',
                message: `${editing === 'new' ? 'Added' : 'Saved'} “${saved.name}”.`,
              });
              setEditing(null);
            }}
          >
            <button type="button" className="button-link" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </GoalForm>
        </section>
      )}
      {body}
    </section>
  );
}
