import { useState, type ReactNode } from 'react';
import { Field } from '../../components/Field';
import { today } from '../../lib/dates';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { focusFirstProblem, formValues, hasProblems, type Problems } from '../../lib/forms';
import { amountProblem } from '../../lib/money';
import type { Contribution, ContributionValues } from './useGoals';

const NOTE_MAX = 200;

/** An amount put towards a goal: new, or an existing contribution being changed. */
export function ContributionForm({
  goalName,
  currency,
  contribution,
  submitLabel,
  onSave,
  children,
}: {
  goalName: string;
  currency: string;
  contribution?: Contribution;
  submitLabel: string;
  onSave(values: ContributionValues): Promise<void>;
  children?: ReactNode;
}) {
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  return (
    <form
      noValidate
      className="form contribution-form"
      aria-label={contribution ? `Edit contribution to ${goalName}` : `Contribute to ${goalName}`}
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const values = formValues(form);
        const found: Problems = {};
        const amount = amountProblem(values.amount ?? '', currency);
        if (amount) found.amount = amount;
        if (!values.date) found.date = 'Choose the day';
        setProblems(found);
        setFailure(null);
        if (hasProblems(found)) return focusFirstProblem(form, found);
        setSaving(true);
        try {
          await onSave({
            amount: values.amount.trim(),
            date: values.date,
            note: values.note?.trim() || null,
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
      <div className="form-row">
        <Field
          label={`Amount (${currency})`}
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          placeholder="100.00"
          defaultValue={contribution?.amount}
          required
          error={problems.amount}
        />
        <Field
          label="Date"
          name="date"
          type="date"
          defaultValue={contribution?.date ?? today()}
          required
          error={problems.date}
        />
      </div>
      <Field
        label="Note (optional)"
        name="note"
        maxLength={NOTE_MAX}
        autoComplete="off"
        defaultValue={contribution?.note ?? ''}
        error={problems.note}
      />
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : submitLabel}
        </button>
        {children}
      </div>
    </form>
  );
}
