import { useId } from 'react';
import type { Account } from '../accounts/useAccounts';

/** A choice among the ledger's open accounts, each shown with its currency. */
export function AccountSelect({
  label,
  name,
  accounts,
  value,
  onChange,
  error,
}: {
  label: string;
  name: string;
  accounts: Account[];
  value: string;
  onChange(id: string): void;
  error?: string;
}) {
  const id = useId();
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {accounts.map((account) => (
          <option key={account.id} value={account.id}>
            {account.name} ({account.currency})
          </option>
        ))}
      </select>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
