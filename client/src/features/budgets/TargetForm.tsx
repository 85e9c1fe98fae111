import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useFlash } from '../../app/flash';
import { useCurrency } from '../../app/session';
import { Field } from '../../components/Field';
import { SetBudgetCategoryDocument } from '../../graphql/graphql';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { focusFirstProblem, formValues, hasProblems, type Problems } from '../../lib/forms';
import { isMonth } from '../../lib/dates';
import { amountProblem } from '../../lib/money';
import { forgetBudgetPlanning } from './cache';

export function targetProblems(values: Record<string, string>, currency: string): Problems {
  const found: Problems = {};
  if (!values.category?.trim()) found.category = 'Choose or type a category';
  const amount = amountProblem(values.target_amount ?? '', currency);
  if (amount) found.target_amount = amount;
  if (!isMonth(values.target_date)) found.target_date = 'Choose the month';
  return found;
}

// The API names the fields of BudgetCategoryInput; the form keeps the original's names.
const FORM_NAMES: Record<string, string> = {
  targetAmount: 'target_amount',
  targetMonth: 'target_date',
  category: 'category',
};

/**
 * The original's POST /budget_categories (category, target_amount, target_date as YYYY-MM);
 * setBudgetCategory once JavaScript runs. One target per category and month: saving again
 * replaces it, which is how a target is edited.
 */
export function TargetForm({
  month,
  categories,
  editing,
  prefill,
  onDone,
}: {
  month: string;
  categories: { id: string; name: string }[];
  editing?: { category: string; targetAmount: string; targetMonth: string } | null;
  /** A new target's starting values (from "Add target" on a category without one). */
  prefill?: { category: string; targetAmount: string } | null;
  onDone?(): void;
}) {
  const currency = useCurrency();
  const listId = useId();
  const { show } = useFlash();
  const [save, { loading }] = useMutation(SetBudgetCategoryDocument, {
    update: forgetBudgetPlanning,
  });
  const [problems, setProblems] = useState<Problems>({});
  return (
    <form
      method="post"
      action="/budget_categories"
      noValidate
      className="form"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const values = formValues(form);
        const found = targetProblems(values, currency);
        setProblems(found);
        if (hasProblems(found)) return focusFirstProblem(form, found);
        try {
          await save({
            variables: {
              input: {
                category: values.category.trim(),
                targetAmount: values.target_amount.trim(),
                targetMonth: values.target_date,
              },
            },
          });
          show({ kind: 'success', message: 'Budget category set successfully!' });
          form.reset();
          onDone?.();
        } catch (error) {
          const byField = Object.fromEntries(
            Object.entries(fieldErrors(error)).map(([k, v]) => [FORM_NAMES[k] ?? k, v]),
          );
          if (hasProblems(byField)) setProblems(byField);
          else show({ kind: 'error', message: errorMessage(error) });
        }
      }}
    >
      <Field
        label="Category"
        name="category"
        list={listId}
        autoComplete="off"
        defaultValue={editing?.category ?? prefill?.category}
        readOnly={!!editing}
        required
        hint={editing ? 'Editing this category’s target' : 'Pick one of yours or type a new name'}
        error={problems.category}
      />
      <datalist id={listId}>
        {categories.map((category) => (
          <option key={category.id} value={category.name} />
        ))}
      </datalist>
      <div className="form-row">
        <Field
          label={`Target (${currency})`}
          name="target_amount"
          inputMode="decimal"
          autoComplete="off"
          placeholder="300.00"
          defaultValue={editing?.targetAmount ?? prefill?.targetAmount}
          // Opened from "Add target": the amount is what the user came to set.
          autoFocus={!!prefill}
          required
          error={problems.target_amount}
        />
        <Field
          label="For the month"
          name="target_date"
          type="month"
          defaultValue={editing?.targetMonth ?? month}
          required
          error={problems.target_date}
        />
      </div>
      <div className="form-actions">
        <button type="submit" disabled={loading}>
          {loading ? 'Saving…' : editing ? 'Save target' : 'Set target'}
        </button>
        {(editing || prefill) && onDone && (
          <button type="button" className="button-secondary" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
