import { useState } from 'react';
import { usePageTitle } from '../app/Layout';
import { EditablePage, type Editing } from '../components/EditablePage';
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
  // null: no form; 'new': adding; an account: editing it.
  const [editing, setEditing] = useState<Editing<Account>>(null);

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
    <EditablePage
      title="Accounts"
      noun="account"
      idPrefix="account"
      editing={editing}
      onEditingChange={setEditing}
      canAdd={canWrite}
      form={(slot) => (
        <AccountForm
          key={slot.key}
          account={slot.record}
          submitLabel={slot.submitLabel}
          onSave={async (input) => slot.saved(await save(input, slot.id))}
        >
          {slot.cancel}
        </AccountForm>
      )}
    >
      {body}
    </EditablePage>
  );
}
