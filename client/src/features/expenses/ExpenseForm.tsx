import { useQuery } from '@apollo/client/react';
import { useId, useRef, useState, type ReactNode } from 'react';
import { useCurrency } from '../../app/session';
import { Field } from '../../components/Field';
import { CategoriesDocument, type ExpenseInput } from '../../graphql/graphql';
import { formatDate, today } from '../../lib/dates';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { focusFirstProblem, formValues, hasProblems, type Problems } from '../../lib/forms';
import { amountExample, amountForInput, formatMoney, parseAmount } from '../../lib/money';
import type { Account } from '../accounts/useAccounts';
import { NewCategoryDialog } from '../categories/NewCategoryDialog';
import { useConfirmNewCategory } from '../categories/useConfirmNewCategory';
import { MissingRate, missingRate, type RateNeeded } from '../rates/MissingRate';
import { CurrencySelect } from '../settings/CurrencySelect';
import { AccountSelect } from '../transactions/AccountSelect';
import { farAboveUsual, moreThanAYearAhead } from './expense-warnings';
import { useCategoryRecentAmounts } from './useCategoryUsual';
import './expenses.css';

export interface ExpenseFormValues {
  description: string;
  amount: string;
  category: string;
  date: string;
  /** Editing keeps the expense's account and currency. */
  accountId?: string;
  currency?: string;
}

/** What a save answers: the amount as written and its value in the reporting currency. */
export interface SavedExpense {
  amount: string;
  currency: string;
  reportingAmount: string;
}

export function expenseProblems(values: Record<string, string>, currency: string): Problems {
  const found: Problems = {};
  const description = values.description?.trim() ?? '';
  if (!description) found.description = 'Describe the expense';
  else if (description.length > 200) found.description = 'Use at most 200 characters';
  const amount = parseAmount(values.amount ?? '', currency);
  if (!amount.ok) found.amount = amount.problem;
  if (!values.category?.trim()) found.category = 'Choose or type a category';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date ?? '')) found.date = 'Enter the date of the expense';
  return found;
}

/** What the submit buttons ask for: save and leave, or save and start the next expense. */
export type SaveIntent = 'save' | 'another';

const ANOTHER = 'another';

function inputNamed(form: HTMLFormElement, name: string): HTMLInputElement | null {
  const field = form.elements.namedItem(name);
  return field instanceof HTMLInputElement ? field : null;
}

/**
 * Adding posts to the original's /add_expense without JavaScript; with it, `onSave` sends the
 * values through GraphQL. The amount is read as the user typed it ("4,50", "$1,200") and sent as
 * the canonical decimal string ("4.50"), never as a float, in the chosen currency's digits.
 *
 * `accounts` are the ones it may book to (the ledger's open accounts, plus an edited expense's
 * own); without them the server's defaults apply (its oldest open account, in its currency).
 */
export function ExpenseForm({
  accounts = [],
  initial,
  submitLabel,
  addAnotherLabel,
  action,
  onSave,
  hints,
  children,
}: {
  accounts?: Account[];
  initial?: ExpenseFormValues;
  submitLabel: string;
  /** Offers a second button that saves, keeps date and category, and clears the rest. */
  addAnotherLabel?: string;
  action?: string;
  onSave(input: ExpenseInput, intent: SaveIntent): Promise<SavedExpense | void>;
  /** Notes under fields filled for the user (a scanned receipt: how sure each reading is). */
  hints?: Partial<Record<'description' | 'amount' | 'date', string>>;
  children?: ReactNode;
}) {
  const reportingCurrency = useCurrency();
  const listId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const lastIntent = useRef<SaveIntent>('save');
  const [accountId, setAccountId] = useState(initial?.accountId ?? accounts[0]?.id ?? '');
  const account = accounts.find((a) => a.id === accountId);
  const [currency, setCurrency] = useState(
    initial?.currency ?? account?.currency ?? reportingCurrency,
  );
  const [rateNeeded, setRateNeeded] = useState<RateNeeded | null>(null);
  // A category name the ledger does not know is asked about before it is created ("Fod").
  const newCategory = useConfirmNewCategory();
  const [booked, setBooked] = useState<SavedExpense | null>(null);
  const categories = useQuery(CategoriesDocument);
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const initialAmount = initial ? amountForInput(initial.amount) : undefined;
  const [amountText, setAmountText] = useState(initialAmount ?? '');
  const [date, setDate] = useState(initial?.date ?? today());
  const [category, setCategory] = useState(initial?.category ?? '');
  const recentAmounts = useCategoryRecentAmounts(category);

  const amount = parseAmount(amountText, currency);
  // The category's usual is in the reporting currency: another currency is not compared with it.
  const usual =
    amount.ok && currency === reportingCurrency
      ? farAboveUsual(amount.amount, recentAmounts, currency)
      : null;
  const amountWarning = usual
    ? `That is more than 3 times your usual ${category.trim()} expense (${formatMoney(usual, currency)}). Check the amount before saving.`
    : null;
  const dateWarning = moreThanAYearAhead(date, today())
    ? 'This date is more than a year ahead. Check the year before saving.'
    : null;
  // A field's error is about what was submitted; once the user edits the field it is stale.
  const forgetProblem = (field: string) =>
    setProblems((current) => {
      if (!(field in current)) return current;
      const rest = { ...current };
      delete rest[field];
      return rest;
    });
  const knownCategory = (name: string) =>
    categories.data?.categories.some((c) => c.name === name.trim()) ?? false;

  /** Checks and sends what the form holds; a refused save keeps everything the user typed. */
  const submit = async (form: HTMLFormElement, intent: SaveIntent) => {
    lastIntent.current = intent;
    const values = formValues(form);
    const found = expenseProblems(values, currency);
    setProblems(found);
    setFailure(null);
    setSaved(null);
    setBooked(null);
    setRateNeeded(null);
    const parsed = parseAmount(values.amount ?? '', currency);
    if (hasProblems(found) || !parsed.ok) return focusFirstProblem(form, found);
    if (!(await newCategory.confirmNewCategory(values.category))) {
      inputNamed(form, 'category')?.focus();
      return;
    }
    setSaving(true);
    try {
      const input: ExpenseInput = {
        description: values.description.trim(),
        amount: parsed.amount,
        category: values.category.trim(),
        date: values.date,
        // Sent whenever known, so that an edit never falls back to the server's default account.
        ...(accountId ? { accountId, currency } : initial?.currency ? { currency } : {}),
      };
      const result = await onSave(input, intent);
      if (result && result.currency !== reportingCurrency) setBooked(result);
      if (intent === 'another') {
        const reporting =
          result && result.currency !== reportingCurrency
            ? ` (${formatMoney(result.reportingAmount, reportingCurrency)})`
            : '';
        setSaved(
          `Saved “${input.description}”, ${formatMoney(input.amount, currency)}${reporting} on ${formatDate(input.date)}. Add the next one.`,
        );
        for (const name of ['description', 'amount']) {
          const field = inputNamed(form, name);
          if (field) field.value = '';
        }
        setAmountText('');
        inputNamed(form, 'description')?.focus();
      }
    } catch (error) {
      const needed = missingRate(error);
      const byField = fieldErrors(error);
      if (needed) {
        setRateNeeded(needed);
      } else if (hasProblems(byField)) {
        setProblems(byField);
        focusFirstProblem(form, byField);
      } else {
        setFailure(errorMessage(error));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      method="post"
      action={action}
      noValidate
      className="form"
      ref={formRef}
      onSubmit={(event) => {
        event.preventDefault();
        const submitter = (event.nativeEvent as SubmitEvent).submitter;
        const intent: SaveIntent =
          submitter instanceof HTMLButtonElement && submitter.value === ANOTHER
            ? 'another'
            : 'save';
        void submit(event.currentTarget, intent);
      }}
    >
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
      <p className="form-saved" role="status">
        {saved}
      </p>
      <Field
        label="Description"
        name="description"
        defaultValue={initial?.description}
        maxLength={200}
        required
        // The form is what the page is for: typing can start at once.
        autoFocus
        hint={hints?.description}
        error={problems.description}
      />
      {/* One account is no choice: the expense goes to it without asking. */}
      {accounts.length > 1 && (
        <AccountSelect
          label="Account"
          name="accountId"
          accounts={accounts}
          value={accountId}
          onChange={(id) => {
            setAccountId(id);
            setCurrency(accounts.find((a) => a.id === id)?.currency ?? currency);
            setRateNeeded(null);
            forgetProblem('accountId');
          }}
          error={problems.accountId}
        />
      )}
      <div className="form-row">
        <Field
          label={`Amount (${currency})`}
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          placeholder={amountExample()}
          defaultValue={initialAmount}
          required
          onChange={(event) => {
            setAmountText(event.currentTarget.value);
            forgetProblem('amount');
          }}
          hint={hints?.amount}
          error={problems.amount}
          warning={problems.amount ? null : amountWarning}
        />
        <CurrencySelect
          name="currency"
          value={currency}
          onChange={(code) => {
            setCurrency(code);
            setRateNeeded(null);
            forgetProblem('currency');
            forgetProblem('amount');
          }}
          error={problems.currency}
        />
        <Field
          label="Date"
          name="date"
          type="date"
          defaultValue={initial?.date ?? today()}
          required
          onChange={(event) => {
            setDate(event.currentTarget.value);
            forgetProblem('date');
          }}
          hint={hints?.date}
          error={problems.date}
          warning={problems.date ? null : dateWarning}
        />
      </div>
      {/* Always present, so that the value appearing after a save is announced. */}
      <p className="expense-booked" role="status">
        {booked && (
          <>
            {formatMoney(booked.amount, booked.currency)} is booked as{' '}
            <strong>{formatMoney(booked.reportingAmount, reportingCurrency)}</strong> in your
            reporting currency.
          </>
        )}
      </p>
      <Field
        label="Category"
        name="category"
        list={listId}
        autoComplete="off"
        defaultValue={initial?.category}
        required
        // Read the category's usual amount once it is chosen, not at every keystroke.
        onChange={(event) => {
          const name = event.currentTarget.value;
          if (knownCategory(name)) setCategory(name);
        }}
        onBlur={(event) => setCategory(event.currentTarget.value)}
        hint={
          categories.error
            ? 'Your categories could not be loaded; type a name.'
            : 'Pick one of yours or type a new name to create it.'
        }
        error={problems.category}
      />
      <datalist id={listId}>
        {categories.data?.categories.map((c) => (
          <option key={c.id} value={c.name} />
        ))}
      </datalist>
      {rateNeeded && (
        <MissingRate
          key={`${rateNeeded.from}-${rateNeeded.to}-${rateNeeded.date}`}
          need={rateNeeded}
          onSaved={() =>
            formRef.current ? submit(formRef.current, lastIntent.current) : undefined
          }
        />
      )}
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : submitLabel}
        </button>
        {addAnotherLabel && (
          <button type="submit" className="button-secondary" value={ANOTHER} disabled={saving}>
            {addAnotherLabel}
          </button>
        )}
        {children}
      </div>
      <NewCategoryDialog askingFor={newCategory.askingFor} answer={newCategory.answer} />
    </form>
  );
}
