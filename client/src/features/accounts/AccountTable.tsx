import { useState } from 'react';
import { RowActions } from '../../components/RowActions';
import { Link } from 'react-router';
import { Money } from '../../components/Money';
import { accountTypeLabel } from './account-types';
import type { Account } from './useAccounts';
import './accounts.css';

/** Accounts with their balances, each in its own currency; stacked into cards on a phone. */
export function AccountTable({
  accounts,
  caption,
  onEdit,
  onArchive,
  onDelete,
}: {
  accounts: Account[];
  caption: string;
  onEdit(account: Account): void;
  onArchive(account: Account, archived: boolean): void;
  onDelete(account: Account): Promise<boolean>;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <table className="table account-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Account</th>
          <th scope="col">Type</th>
          <th scope="col" className="numeric">
            Balance
          </th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {accounts.map((account) => (
          <tr key={account.id}>
            <td data-label="Account" className="description">
              <Link to={`/transactions?account=${account.id}`}>{account.name}</Link>
            </td>
            <td data-label="Type">
              <span className="tag">{accountTypeLabel(account.type)}</span>{' '}
              <span className="muted">{account.currency}</span>
            </td>
            <td data-label="Balance" className="numeric">
              <Money amount={account.balance} currency={account.currency} />
              {account.value !== account.balance && (
                <span className="muted account-worth">
                  worth <Money amount={account.value} currency={account.currency} /> with holdings
                </span>
              )}
            </td>
            <RowActions
              name={account.name}
              confirming={confirming === account.id}
              onConfirmingChange={(on) => setConfirming(on ? account.id : null)}
              onEdit={() => onEdit(account)}
              onDelete={async () => {
                // A refused delete says why in the flash; the question closes either way.
                await onDelete(account);
              }}
            >
              <button
                type="button"
                className="button-link"
                aria-label={`${account.archived ? 'Unarchive' : 'Archive'} ${account.name}`}
                onClick={() => onArchive(account, !account.archived)}
              >
                {account.archived ? 'Unarchive' : 'Archive'}
              </button>
            </RowActions>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
