import type { ReactNode } from 'react';
import { AmountField, DateField, Field } from '../../components/Field';
import { SavingForm } from '../../components/SavingForm';
import type { Problems } from '../../lib/forms';
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
  return (
    <SavingForm
      label={contribution ? `Edit contribution to ${goalName}` : `Contribute to ${goalName}`}
      className="contribution-form"
      submitLabel={submitLabel}
      actions={children}
      check={(values) => {
        const found: Problems = {};
        const amount = amountProblem(values.amount ?? '', currency);
        if (amount) found.amount = amount;
        if (!values.date) found.date = 'Choose the day';
        return found;
      }}
      save={(values) =>
        onSave({
          amount: values.amount.trim(),
          date: values.date,
          note: values.note?.trim() || null,
        })
      }
    >
      {(problems) => (
        <>
          <div className="form-row">
            <AmountField
              currency={currency}
              placeholder="100.00"
              defaultValue={contribution?.amount}
              error={problems.amount}
            />
            <DateField defaultValue={contribution?.date} error={problems.date} />
          </div>
          <Field
            label="Note (optional)"
            name="note"
            maxLength={NOTE_MAX}
            autoComplete="off"
            defaultValue={contribution?.note ?? ''}
            error={problems.note}
          />
        </>
      )}
    </SavingForm>
  );
}
