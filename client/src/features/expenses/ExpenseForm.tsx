import { useQuery } from '@apollo/client/react';
import { useId, useState, type ReactNode } from 'react';
import { useCurrency } from '../../app/session';
import { Field } from '../../components/Field';
import { CategoriesDocument, type ExpenseInput } from '../../graphql/graphql';
import { formatDate, today } from '../../lib/dates';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { focusFirstProblem, formValues, hasProblems, type Problems } from '../../lib/forms';
import { amountExample, amountForInput, formatMoney, parseAmount } from '../../lib/money';
import { farAboveUsual, moreThanAYearAhead } from './expense-warnings';
import { useCategoryRecentAmounts } from './useCategoryUsual';

export interface ExpenseFormValues {
  description: string;
  amount: string;
  category: string;
  date: string;
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
 * the canonical decimal string ("4.50"), never as a float.
 */
export function ExpenseForm({
  initial,
  submitLabel,
  addAnotherLabel,
  action,
  onSave,
  children,
}: {
  initial?: ExpenseFormValues;
  submitLabel: string;
  /** Offers a second button that saves, keeps date and category, and clears the rest. */
  addAnotherLabel?: string;
  action?: string;
  onSave(input: ExpenseInput, intent: SaveIntent): Promise<void>;
  children?: ReactNode;
}) {
  const currency = useCurrency();
  const listId = useId();
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
  const usual = amount.ok ? farAboveUsual(amount.amount, recentAmounts, currency) : null;
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

  return (
    <form
      method="post"
      action={action}
      noValidate
      className="form"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const submitter = (event.nativeEvent as SubmitEvent).submitter;
        const intent: SaveIntent =
          submitter instanceof HTMLButtonElement && submitter.value === ANOTHER
            ? 'another'
            : 'save';
        const values = formValues(form);
        const found = expenseProblems(values, currency);
        setProblems(found);
        setFailure(null);
        setSaved(null);
        const parsed = parseAmount(values.amount ?? '', currency);
        if (hasProblems(found) || !parsed.ok) return focusFirstProblem(form, found);
        setSaving(true);
        try {
          const input = {
            description: values.description.trim(),
            amount: parsed.amount,
            category: values.category.trim(),
            date: values.date,
          };
          await onSave(input, intent);
          if (intent === 'another') {
            setSaved(
              `Saved “${input.description}”, ${formatMoney(input.amount, currency)} on ${formatDate(input.date)}. Add the next one.`,
            );
            for (const name of ['description', 'amount']) {
              const field = inputNamed(form, name);
              if (field) field.value = '';
            }
            setAmountText('');
            inputNamed(form, 'description')?.focus();
          }
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
        error={problems.description}
      />
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
          error={problems.amount}
          warning={problems.amount ? null : amountWarning}
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
          error={problems.date}
          warning={problems.date ? null : dateWarning}
        />
      </div>
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
    </form>
  );
}
