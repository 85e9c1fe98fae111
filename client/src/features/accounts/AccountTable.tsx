import { useState } from 'react';
import { Link } from 'react-router';
import { Money } from '../../components/Money';
import { accountTypeLabel } from './account-types';
import type { Account } from './useAccounts';

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
            </td>
            <td className="row-actions">
              {confirming === account.id ? (
                <span className="confirm">
                  <span>Delete “{account.name}”?</span>
                  <button
                    type="button"
                    className="button-danger button-small"
                    autoFocus
                    onClick={async () => {
                      await onDelete(account);
                      setConfirming(null);
                    }}
                  >
                    Yes, delete
                  </button>
                  <button type="button" className="button-link" onClick={() => setConfirming(null)}>
                    Keep it
                  </button>
                </span>
              ) : (
                <>
                  <button
                    type="button"
                    className="button-link"
                    aria-label={`Edit ${account.name}`}
                    onClick={() => onEdit(account)}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button-link"
                    aria-label={`${account.archived ? 'Unarchive' : 'Archive'} ${account.name}`}
                    onClick={() => onArchive(account, !account.archived)}
                  >
                    {account.archived ? 'Unarchive' : 'Archive'}
                  </button>
                  <button
                    type="button"
                    className="button-link danger"
                    aria-label={`Delete ${account.name}`}
                    onClick={() => setConfirming(account.id)}
                  >
                    Delete
                  </button>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
