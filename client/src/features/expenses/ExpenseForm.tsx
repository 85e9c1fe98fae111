import { useQuery } from '@apollo/client/react';
import { useId, useState, type ReactNode } from 'react';
import { useCurrency } from '../../app/session';
import { Field } from '../../components/Field';
import { CategoriesDocument, type ExpenseInput } from '../../graphql/graphql';
import { today } from '../../lib/dates';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { focusFirstProblem, formValues, hasProblems, type Problems } from '../../lib/forms';
import { amountProblem } from '../../lib/money';

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
  const amount = amountProblem(values.amount ?? '', currency);
  if (amount) found.amount = amount;
  if (!values.category?.trim()) found.category = 'Choose or type a category';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date ?? '')) found.date = 'Enter the date of the expense';
  return found;
}

/**
 * Adding posts to the original's /add_expense without JavaScript; with it, `onSave` sends the
 * values through GraphQL. The amount travels as the string typed ("150.50"), never as a float.
 */
export function ExpenseForm({
  initial,
  submitLabel,
  action,
  onSave,
  children,
}: {
  initial?: ExpenseFormValues;
  submitLabel: string;
  action?: string;
  onSave(input: ExpenseInput): Promise<void>;
  children?: ReactNode;
}) {
  const currency = useCurrency();
  const listId = useId();
  const categories = useQuery(CategoriesDocument);
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  return (
    <form
      method="post"
      action={action}
      noValidate
      className="form"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const values = formValues(form);
        const found = expenseProblems(values, currency);
        setProblems(found);
        setFailure(null);
        if (hasProblems(found)) return focusFirstProblem(form, found);
        setSaving(true);
        try {
          await onSave({
            description: values.description.trim(),
            amount: values.amount.trim(),
            category: values.category.trim(),
            date: values.date,
          });
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
      <Field
        label="Description"
        name="description"
        defaultValue={initial?.description}
        maxLength={200}
        required
        error={problems.description}
      />
      <div className="form-row">
        <Field
          label={`Amount (${currency})`}
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          placeholder="150.50"
          defaultValue={initial?.amount}
          required
          error={problems.amount}
        />
        <Field
          label="Date"
          name="date"
          type="date"
          defaultValue={initial?.date ?? today()}
          required
          error={problems.date}
        />
      </div>
      <Field
        label="Category"
        name="category"
        list={listId}
        autoComplete="off"
        defaultValue={initial?.category}
        required
        hint={
          categories.error
            ? 'Your categories could not be loaded; type a name.'
            : 'Pick one of yours or type a new name to create it.'
        }
        error={problems.category}
      />
      <datalist id={listId}>
        {categories.data?.categories.map((category) => (
          <option key={category.id} value={category.name} />
        ))}
      </datalist>
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : submitLabel}
        </button>
        {children}
      </div>
    </form>
  );
}
