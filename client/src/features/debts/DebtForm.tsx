import { useId, useState, type ReactNode } from 'react';
import { useCurrency } from '../../app/session';
import { Field } from '../../components/Field';
import { SavingForm } from '../../components/SavingForm';
import type { Problems } from '../../lib/forms';
import { amountProblem } from '../../lib/money';
import { accountTypeLabel } from '../accounts/account-types';
import type { Account } from '../accounts/useAccounts';
import { CurrencySelect } from '../settings/CurrencySelect';
import { percentProblem, percentToRate, rateToPercent } from './annual-rate';
import type { Debt, DebtSave } from './useDebts';

const NAME_MAX = 100;
const BY_HAND = '';

/** Mirrors the API's rules; an account's debt takes its balance (and currency) from it. */
export function debtProblems(
  values: Record<string, string>,
  currency: string,
  followsAccount: boolean,
): Problems {
  const found: Problems = {};
  const name = values.name?.trim() ?? '';
  if (!name && !followsAccount) found.name = 'Name the debt';
  else if (name.length > NAME_MAX) found.name = `Use at most ${NAME_MAX} characters`;
  if (!followsAccount) {
    const balance = amountProblem(values.balance ?? '', currency);
    if (balance) found.balance = balance;
  }
  const rate = percentProblem(values.annualRate ?? '');
  if (rate) found.annualRate = rate;
  const minimum = amountProblem(values.minimumPayment ?? '', currency);
  if (minimum) found.minimumPayment = minimum;
  return found;
}

/** A debt entered by hand, or one that follows a loan or card account's balance. */
export function DebtForm({
  debt,
  accounts,
  submitLabel,
  onSave,
  children,
}: {
  debt?: Debt;
  accounts: Account[];
  submitLabel: string;
  onSave(save: DebtSave): Promise<void>;
  children?: ReactNode;
}) {
  const reporting = useCurrency();
  const sourceId = useId();
  const [source, setSource] = useState(debt?.accountId ?? BY_HAND);
  const debtAccounts = accounts.filter(
    (a) => (a.type === 'LOAN' || a.type === 'CREDIT_CARD') && (!a.archived || a.id === source),
  );
  const account = debtAccounts.find((a) => a.id === source);
  // A debt keeps its kind: one entered by hand cannot become an account's, nor the reverse.
  const sourceFixed = debt !== undefined;
  const currencyOf = (values: Record<string, string>) =>
    account?.currency ?? values.currency ?? reporting;

  return (
    <SavingForm
      label={debt ? `Edit ${debt.name}` : 'New debt'}
      submitLabel={submitLabel}
      actions={children}
      check={(values) => debtProblems(values, currencyOf(values), account !== undefined)}
      save={(values) => {
        const name = values.name?.trim() ?? '';
        const terms = {
          annualRate: percentToRate(values.annualRate),
          minimumPayment: values.minimumPayment.trim(),
        };
        return onSave(
          account
            ? { kind: 'account', input: { ...terms, accountId: account.id, name: name || null } }
            : {
                kind: 'manual',
                input: {
                  ...terms,
                  name,
                  balance: values.balance.trim(),
                  currency: currencyOf(values),
                },
              },
        );
      }}
    >
      {(problems) => (
        <>
          <div className={`field${problems.accountId ? ' field-invalid' : ''}`}>
            <label htmlFor={sourceId}>Balance from</label>
            <select
              id={sourceId}
              name="accountId"
              value={source}
              disabled={sourceFixed}
              onChange={(event) => setSource(event.target.value)}
            >
              <option value={BY_HAND}>Entered by hand</option>
              {debtAccounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({accountTypeLabel(a.type)})
                </option>
              ))}
            </select>
            {problems.accountId && <p className="field-error">{problems.accountId}</p>}
          </div>
          <Field
            label={account ? 'Name (optional)' : 'Name'}
            name="name"
            defaultValue={debt?.name}
            placeholder={account?.name ?? 'Car loan'}
            maxLength={NAME_MAX}
            autoComplete="off"
            required={!account}
            error={problems.name}
          />
          {account ? (
            <p className="muted">
              The balance is what “{account.name}” owes, and follows its transactions.
            </p>
          ) : (
            <div className="form-row">
              <Field
                label="Balance owed"
                name="balance"
                inputMode="decimal"
                autoComplete="off"
                placeholder="2500.00"
                defaultValue={debt?.balance}
                required
                error={problems.balance}
              />
              <CurrencySelect
                name="currency"
                defaultValue={debt?.currency ?? reporting}
                error={problems.currency}
              />
            </div>
          )}
          <div className="form-row">
            <Field
              label="Annual rate (%)"
              name="annualRate"
              inputMode="decimal"
              autoComplete="off"
              placeholder="19.9"
              defaultValue={debt ? rateToPercent(debt.annualRate) : undefined}
              required
              error={problems.annualRate}
            />
            <Field
              label="Minimum payment a month"
              name="minimumPayment"
              inputMode="decimal"
              autoComplete="off"
              placeholder="50.00"
              defaultValue={debt?.minimumPayment}
              required
              error={problems.minimumPayment}
            />
          </div>
        </>
      )}
    </SavingForm>
  );
}
