import { useId, useState, type ReactNode } from 'react';
import { useCurrency } from '../../app/session';
import { Field } from '../../components/Field';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { focusFirstProblem, formValues, hasProblems, type Problems } from '../../lib/forms';
import { amountProblem } from '../../lib/money';
import { accountTypeLabel } from '../accounts/account-types';
import type { Account } from '../accounts/useAccounts';
import { CurrencySelect } from '../settings/CurrencySelect';
import { percentProblem, percentToRate, rateToPercent } from './annual-rate';
import type { Debt, DebtSave } from './useDebts';

const NAME_MAX = 100;
const BY_HAND = '';

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
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const debtAccounts = accounts.filter(
    (a) => (a.type === 'LOAN' || a.type === 'CREDIT_CARD') && (!a.archived || a.id === source),
  );
  const account = debtAccounts.find((a) => a.id === source);
  // A debt keeps its kind: one entered by hand cannot become an account's, nor the reverse.
  const sourceFixed = debt !== undefined;

  return (
    <form
      noValidate
      className="form"
      aria-label={debt ? `Edit ${debt.name}` : 'New debt'}
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const values = formValues(form);
        const currency = account?.currency ?? values.currency ?? reporting;
        const found: Problems = {};
        const name = values.name?.trim() ?? '';
        if (!name && !account) found.name = 'Name the debt';
        else if (name.length > NAME_MAX) found.name = `Use at most ${NAME_MAX} characters`;
        if (!account) {
          const balance = amountProblem(values.balance ?? '', currency);
          if (balance) found.balance = balance;
        }
        const rate = percentProblem(values.annualRate ?? '');
        if (rate) found.annualRate = rate;
        const minimum = amountProblem(values.minimumPayment ?? '', currency);
        if (minimum) found.minimumPayment = minimum;
        setProblems(found);
        setFailure(null);
        if (hasProblems(found)) return focusFirstProblem(form, found);
        setSaving(true);
        try {
          const terms = {
            annualRate: percentToRate(values.annualRate),
            minimumPayment: values.minimumPayment.trim(),
          };
          await onSave(
            account
              ? { kind: 'account', input: { ...terms, accountId: account.id, name: name || null } }
              : {
                  kind: 'manual',
                  input: { ...terms, name, balance: values.balance.trim(), currency },
                },
          );
        } catch (error) {
          const byField = fieldErrors(error);
          if (hasProblems(byField)) {
            setProblems(byField);
            focusFirstProblem(form, byField);
          } else {
            setFailure(errorMessage(error));
          }
        } finally {
          setSaving(false);
        }
      }}
    >
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
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
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : submitLabel}
        </button>
        {children}
      </div>
    </form>
  );
}
