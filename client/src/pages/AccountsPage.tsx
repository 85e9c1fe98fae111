import { useState } from 'react';
import { useFlash } from '../app/flash';
import { usePageTitle } from '../app/Layout';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { AccountForm } from '../features/accounts/AccountForm';
import { AccountTable } from '../features/accounts/AccountTable';
import { useCanWrite } from '../features/households/LedgerProvider';
import {
  useAccountActions,
  useAccounts,
  useSaveAccount,
  type Account,
} from '../features/accounts/useAccounts';

export function AccountsPage() {
  usePageTitle('Accounts');
  const canWrite = useCanWrite();
  const { data, loading, error, refetch } = useAccounts();
  const save = useSaveAccount();
  const actions = useAccountActions();
  const { show } = useFlash();
  // null: no form; 'new': adding; an account: editing it.
  const [editing, setEditing] = useState<Account | 'new' | null>(null);

  const accounts = data?.accounts;
  const open = accounts?.filter((a) => !a.archived) ?? [];
  const archived = accounts?.filter((a) => a.archived) ?? [];
  const table = (list: Account[], caption: string) => (
    <AccountTable
      accounts={list}
      caption={caption}
      onEdit={(account) => setEditing(account)}
      onArchive={(account, flag) => void actions.setArchived(account, flag)}
      onDelete={actions.remove}
    />
  );

  let body;
  if (!accounts && loading) body = <Loading label="Loading accounts…" />;
  else if (!accounts) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else if (accounts.length === 0) {
    body = editing ? null : (
      <EmptyState title="No accounts yet">
        <p>Add the accounts you hold — current account, card, cash, savings — to track each one.</p>
        <button type="button" onClick={() => setEditing('new')}>
          Add your first account
        </button>
      </EmptyState>
    );
  } else {
    body = (
      <>
        <section className="card card-flush" aria-labelledby="open-accounts">
          <div className="card-heading">
            <h2 id="open-accounts">Open accounts</h2>
          </div>
          {open.length === 0 ? (
            <p className="muted card-pad">Every account is archived.</p>
          ) : (
            table(open, 'Open accounts')
          )}
        </section>
        {archived.length > 0 && (
          <section className="card card-flush" aria-labelledby="archived-accounts">
            <div className="card-heading">
              <h2 id="archived-accounts">Archived</h2>
            </div>
            {table(archived, 'Archived accounts')}
          </section>
        )}
      </>
    );
  }

  return (
    <section className="page">
      <div className="page-heading">
        <h1>Accounts</h1>
        {editing == null && canWrite && (
          <button type="button" onClick={() => setEditing('new')}>
            Add account
          </button>
        )}
      </div>
      {editing != null && (
        <section className="card" aria-labelledby="account-form-heading">
          <h2 id="account-form-heading">
            {editing === 'new' ? 'New account' : `Edit “${editing.name}”`}
          </h2>
          <AccountForm
            key={editing === 'new' ? 'new' : editing.id}
            account={editing === 'new' ? undefined : editing}
            submitLabel={editing === 'new' ? 'Add account' : 'Save changes'}
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
          </AccountForm>
        </section>
      )}
      {body}
    </section>
  );
}
