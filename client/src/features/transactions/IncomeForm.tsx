import { useQuery } from '@apollo/client/react';
import { useId, useRef, useState, type ReactNode } from 'react';
import { AmountField, DateField, Field } from '../../components/Field';
import { CategoriesDocument } from '../../graphql/graphql';
import { focusFirstProblem, formValues, hasProblems, type Problems } from '../../lib/forms';
import { amountProblem } from '../../lib/money';
import type { Account } from '../accounts/useAccounts';
import { MissingRate, missingRate, type RateNeeded } from '../rates/MissingRate';
import { AccountSelect } from './AccountSelect';
import { placeErrors } from './form-errors';

export interface IncomeValues {
  accountId: string;
  amount: string;
  category: string | null;
  date: string;
  description: string;
}

const FIELDS = ['accountId', 'amount', 'category', 'date', 'description'] as const;

export function incomeProblems(values: Record<string, string>, currency: string): Problems {
  const found: Problems = {};
  const description = values.description?.trim() ?? '';
  if (!description) found.description = 'Say where the money came from';
  else if (description.length > 200) found.description = 'Use at most 200 characters';
  const amount = amountProblem(values.amount ?? '', currency);
  if (amount) found.amount = amount;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date ?? '')) found.date = 'Enter the day it arrived';
  return found;
}

/** Money coming in: amounts are in the chosen account's currency, sent as typed. */
export function IncomeForm({
  accounts,
  initial,
  submitLabel,
  onSave,
  children,
}: {
  accounts: Account[];
  initial?: IncomeValues;
  submitLabel: string;
  onSave(values: IncomeValues): Promise<void>;
  children?: ReactNode;
}) {
  const listId = useId();
  const categories = useQuery(CategoriesDocument);
  const [accountId, setAccountId] = useState(initial?.accountId ?? accounts[0]?.id ?? '');
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [rateNeeded, setRateNeeded] = useState<RateNeeded | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const currency = accounts.find((a) => a.id === accountId)?.currency ?? 'USD';

  /** Checks and sends what the form holds; a refused save keeps everything the user typed. */
  const submit = async (form: HTMLFormElement) => {
    const values = formValues(form);
    const found = incomeProblems(values, currency);
    setProblems(found);
    setFailure(null);
    setRateNeeded(null);
    if (hasProblems(found)) return focusFirstProblem(form, found);
    setSaving(true);
    try {
      await onSave({
        accountId,
        amount: values.amount.trim(),
        category: values.category?.trim() || null,
        date: values.date,
        description: values.description.trim(),
      });
    } catch (error) {
      const needed = missingRate(error);
      if (needed) {
        setRateNeeded(needed);
        return;
      }
      const placed = placeErrors(error, FIELDS);
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
      aria-label="Income"
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
      <Field
        label="Description"
        name="description"
        defaultValue={initial?.description}
        maxLength={200}
        placeholder="Salary"
        required
        error={problems.description}
      />
      <AccountSelect
        label="Into account"
        name="accountId"
        accounts={accounts}
        value={accountId}
        onChange={setAccountId}
        error={problems.accountId}
      />
      <div className="form-row">
        <AmountField
          currency={currency}
          placeholder="2500.00"
          defaultValue={initial?.amount}
          error={problems.amount}
        />
        <DateField defaultValue={initial?.date} error={problems.date} />
      </div>
      <Field
        label="Category (optional)"
        name="category"
        list={listId}
        autoComplete="off"
        defaultValue={initial?.category ?? ''}
        error={problems.category}
      />
      <datalist id={listId}>
        {categories.data?.categories.map((category) => (
          <option key={category.id} value={category.name} />
        ))}
      </datalist>
      {rateNeeded && (
        <MissingRate
          key={`${rateNeeded.from}-${rateNeeded.to}-${rateNeeded.date}`}
          need={rateNeeded}
          onSaved={() => (formRef.current ? submit(formRef.current) : undefined)}
        />
      )}
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : submitLabel}
        </button>
        {children}
      </div>
    </form>
  );
}
