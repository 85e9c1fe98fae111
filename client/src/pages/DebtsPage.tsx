import { useState } from 'react';
import { useFlash } from '../app/flash';
import { usePageTitle } from '../app/Layout';
import { EditablePage, type Editing } from '../components/EditablePage';
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
  const [editing, setEditing] = useState<Editing<Debt>>(null);

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
    <EditablePage
      title="Debts"
      noun="debt"
      idPrefix="debt"
      editing={editing}
      onEditingChange={setEditing}
      form={(slot) => (
        <DebtForm
          key={slot.key}
          debt={slot.record}
          accounts={accounts}
          submitLabel={slot.submitLabel}
          onSave={async (input) => slot.saved(await save(input, slot.id))}
        >
          {slot.cancel}
        </DebtForm>
      )}
    >
      {body}
    </EditablePage>
  );
}
