import { useRef, useState, type ReactNode } from 'react';
import { DateField, Field } from '../../components/Field';
import { focusFirstProblem, formValues, hasProblems, type Problems } from '../../lib/forms';
import { amountProblem } from '../../lib/money';
import type { Account } from '../accounts/useAccounts';
import { MissingRate, missingRate, type RateNeeded } from '../rates/MissingRate';
import { AccountSelect } from './AccountSelect';
import { placeErrors } from './form-errors';

export interface TransferValues {
  fromAccountId: string;
  toAccountId: string;
  amount: string;
  /** Only between currencies: what arrived, in the receiving account's currency. */
  toAmount: string | null;
  date: string;
  description: string | null;
}

const FIELDS = ['fromAccountId', 'toAccountId', 'amount', 'toAmount', 'date', 'description'];

export function transferProblems(
  values: Record<string, string>,
  from: Account | undefined,
  to: Account | undefined,
): Problems {
  const found: Problems = {};
  if (!from) found.fromAccountId = 'Choose the account the money leaves';
  if (!to) found.toAccountId = 'Choose the account the money goes to';
  else if (from && from.id === to.id) found.toAccountId = 'A transfer goes to another account';
  const amount = amountProblem(values.amount ?? '', from?.currency ?? 'USD');
  if (amount) found.amount = amount;
  if (from && to && from.currency !== to.currency) {
    const arriving = amountProblem(values.toAmount ?? '', to.currency);
    if (arriving) found.toAmount = arriving;
  }
  if ((values.description ?? '').trim().length > 200) {
    found.description = 'Use at most 200 characters';
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date ?? '')) found.date = 'Enter the day of the transfer';
  return found;
}

/**
 * Money moved between two accounts. Between currencies the bank's own figures decide, so the
 * arriving amount is asked for (and required) only then.
 */
export function TransferForm({
  accounts,
  initial,
  submitLabel,
  onSave,
  children,
}: {
  accounts: Account[];
  initial?: TransferValues;
  submitLabel: string;
  onSave(values: TransferValues): Promise<void>;
  children?: ReactNode;
}) {
  const [fromId, setFromId] = useState(initial?.fromAccountId ?? accounts[0]?.id ?? '');
  const [toId, setToId] = useState(
    initial?.toAccountId ?? accounts.find((a) => a.id !== fromId)?.id ?? '',
  );
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [rateNeeded, setRateNeeded] = useState<RateNeeded | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const from = accounts.find((a) => a.id === fromId);
  const to = accounts.find((a) => a.id === toId);
  const crossCurrency = !!from && !!to && from.currency !== to.currency;

  /** Checks and sends what the form holds; a refused save keeps everything the user typed. */
  const submit = async (form: HTMLFormElement) => {
    const values = formValues(form);
    const found = transferProblems(values, from, to);
    setProblems(found);
    setFailure(null);
    setRateNeeded(null);
    if (hasProblems(found)) return focusFirstProblem(form, found);
    setSaving(true);
    try {
      await onSave({
        fromAccountId: fromId,
        toAccountId: toId,
        amount: values.amount.trim(),
        toAmount: crossCurrency ? values.toAmount.trim() : null,
        date: values.date,
        description: values.description?.trim() || null,
      });
    } catch (error) {
      const needed = missingRate(error);
      if (needed) {
        setRateNeeded(needed);
        return;
      }
      const placed = placeErrors(error, FIELDS, { accountId: 'fromAccountId' });
      setProblems(placed.problems);
      setFailure(placed.failure);
      focusFirstProblem(form, placed.problems);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      noValidate
      className="form"
      aria-label="Transfer"
      ref={formRef}
      onSubmit={(event) => {
        event.preventDefault();
        void submit(event.currentTarget);
      }}
    >
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
      <div className="form-row">
        <AccountSelect
          label="From account"
          name="fromAccountId"
          accounts={accounts}
          value={fromId}
          onChange={setFromId}
          error={problems.fromAccountId}
        />
        <AccountSelect
          label="To account"
          name="toAccountId"
          accounts={accounts}
          value={toId}
          onChange={setToId}
          error={problems.toAccountId}
        />
      </div>
      <div className="form-row">
        <Field
          label={`Amount sent (${from?.currency ?? ''})`}
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          placeholder="100.00"
          defaultValue={initial?.amount}
          required
          error={problems.amount}
        />
        {crossCurrency && (
          <Field
            label={`Amount arrived (${to.currency})`}
            name="toAmount"
            inputMode="decimal"
            autoComplete="off"
            defaultValue={initial?.toAmount ?? ''}
            required
            hint="What the receiving account got, as your bank shows it."
            error={problems.toAmount}
          />
        )}
      </div>
      <div className="form-row">
        <DateField defaultValue={initial?.date} error={problems.date} />
        <Field
          label="Description (optional)"
          name="description"
          maxLength={200}
          placeholder="Transfer"
          defaultValue={initial?.description ?? ''}
          error={problems.description}
        />
      </div>
      {accounts.length < 2 && (
        <p className="form-error" role="alert">
          A transfer needs two open accounts: add another on the Accounts page.
        </p>
      )}
      {rateNeeded && (
        <MissingRate
          key={`${rateNeeded.from}-${rateNeeded.to}-${rateNeeded.date}`}
          need={rateNeeded}
          onSaved={() => (formRef.current ? submit(formRef.current) : undefined)}
        />
      )}
      <div className="form-actions">
        <button type="submit" disabled={saving || accounts.length < 2}>
          {saving ? 'Saving…' : submitLabel}
        </button>
        {children}
      </div>
    </form>
  );
}
