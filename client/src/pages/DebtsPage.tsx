import { useState } from 'react';
import { useFlash } from '../app/flash';
import { usePageTitle } from '../app/Layout';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { useAccounts } from '../features/accounts/useAccounts';
import { DebtForm } from '../features/debts/DebtForm';
import { DebtTable } from '../features/debts/DebtTable';
import { PayoffPlanner } from '../features/debts/PayoffPlanner';
import { useDebts, useDeleteDebt, useSaveDebt, type Debt } from '../features/debts/useDebts';
import { errorMessage } from '../lib/errors';

export function DebtsPage() {
  usePageTitle('Debts');
  const { data, loading, error, refetch } = useDebts();
  const accounts = useAccounts().data?.accounts ?? [];
  const save = useSaveDebt();
  const remove = useDeleteDebt();
  const { show } = useFlash();
  // null: no form; 'new': adding; a debt: editing it.
  const [editing, setEditing] = useState<Debt | 'new' | null>(null);

  const debts = data?.debts;
  let body;
  if (!debts && loading) body = <Loading label="Loading debts…" />;
  else if (!debts) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else if (debts.length === 0) {
    body = editing ? null : (
      <EmptyState title="No debts yet">
        <p>
          Add your loans and cards — by hand, or from a loan or card account — to see when they are
          paid off and which order costs the least interest.
        </p>
        <button type="button" onClick={() => setEditing('new')}>
          Add your first debt
        </button>
      </EmptyState>
    );
  } else {
    body = (
      <>
        <section className="card card-flush" aria-labelledby="debts-heading">
          <div className="card-heading">
            <h2 id="debts-heading">Your debts</h2>
          </div>
          <DebtTable
            debts={debts}
            onEdit={(debt) => setEditing(debt)}
            onDelete={async (debt) => {
              try {
                await remove(debt);
                show({ kind: 'success', message: `Deleted “${debt.name}”.` });
              } catch (failure) {
                show({ kind: 'error', message: errorMessage(failure) });
              }
            }}
          />
        </section>
        <PayoffPlanner />
      </>
    );
  }

  return (
    <section className="page">
      <div className="page-heading">
        <h1>Debts</h1>
        {editing == null && (
          <button type="button" onClick={() => setEditing('new')}>
            Add debt
          </button>
        )}
      </div>
      {editing != null && (
        <section className="card" aria-labelledby="debt-form-heading">
          <h2 id="debt-form-heading">
            {editing === 'new' ? 'New debt' : `Edit “${editing.name}”`}
          </h2>
          <DebtForm
            key={editing === 'new' ? 'new' : editing.id}
            debt={editing === 'new' ? undefined : editing}
            accounts={accounts}
            submitLabel={editing === 'new' ? 'Add debt' : 'Save changes'}
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
          </DebtForm>
        </section>
      )}
      {body}
    </section>
  );
}
