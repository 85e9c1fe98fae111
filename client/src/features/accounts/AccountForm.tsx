import { useId, type ReactNode } from 'react';
import { useCurrency } from '../../app/session';
import { Field } from '../../components/Field';
import { SavingForm } from '../../components/SavingForm';
import type { AccountInput, AccountType } from '../../graphql/graphql';
import type { Problems } from '../../lib/forms';
import { amountProblem } from '../../lib/money';
import { CurrencySelect } from '../settings/CurrencySelect';
import { ACCOUNT_TYPES } from './account-types';
import type { Account } from './useAccounts';

const NAME_MAX = 100;

/** Cards and loans start below zero, so the opening balance may carry a minus sign. */
export function accountProblems(values: Record<string, string>): Problems {
  const found: Problems = {};
  const name = values.name?.trim() ?? '';
  if (!name) found.name = 'Name the account';
  else if (name.length > NAME_MAX) found.name = `Use at most ${NAME_MAX} characters`;
  const opening = (values.openingBalance ?? '').trim();
  if (opening) {
    const problem = amountProblem(opening.replace(/^-/, ''), values.currency ?? 'USD', {
      allowZero: true,
    });
    if (problem) found.openingBalance = problem;
  }
  return found;
}

export function AccountForm({
  account,
  submitLabel,
  onSave,
  children,
}: {
  account?: Account;
  submitLabel: string;
  onSave(input: AccountInput): Promise<void>;
  children?: ReactNode;
}) {
  const reporting = useCurrency();
  const typeId = useId();

  return (
    <SavingForm
      label={account ? `Edit ${account.name}` : 'New account'}
      submitLabel={submitLabel}
      actions={children}
      check={accountProblems}
      save={(values) => {
        const opening = values.openingBalance.trim();
        return onSave({
          name: values.name.trim(),
          type: values.type as AccountType,
          currency: values.currency,
          ...(opening ? { openingBalance: opening } : {}),
        });
      }}
    >
      {(problems) => (
        <>
          <Field
            label="Name"
            name="name"
            defaultValue={account?.name}
            maxLength={NAME_MAX}
            autoComplete="off"
            required
            error={problems.name}
          />
          <div className="form-row">
            <div className={`field${problems.type ? ' field-invalid' : ''}`}>
              <label htmlFor={typeId}>Type</label>
              <select id={typeId} name="type" defaultValue={account?.type ?? 'CHECKING'}>
                {ACCOUNT_TYPES.map((t) => (
                  <option key={t.value} value={t.value}>
                    {t.label}
                  </option>
                ))}
              </select>
              {problems.type && <p className="field-error">{problems.type}</p>}
            </div>
            <CurrencySelect
              name="currency"
              defaultValue={account?.currency ?? reporting}
              error={problems.currency}
            />
          </div>
          <Field
            label="Opening balance"
            name="openingBalance"
            inputMode="decimal"
            autoComplete="off"
            placeholder="0.00"
            defaultValue={account?.openingBalance}
            hint="What the account held before the first transaction here; below zero for a card or loan."
            error={problems.openingBalance}
          />
        </>
      )}
    </SavingForm>
  );
}
