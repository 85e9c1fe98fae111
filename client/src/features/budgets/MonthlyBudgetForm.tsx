import { useMutation } from '@apollo/client/react';
import { useState, type ReactNode } from 'react';
import { useFlash } from '../../app/flash';
import { useCurrency } from '../../app/session';
import { Field } from '../../components/Field';
import { SetMonthlyBudgetDocument } from '../../graphql/graphql';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { focusFirstProblem, formValues, hasProblems, type Problems } from '../../lib/forms';
import { isMonth } from '../../lib/dates';
import { amountProblem } from '../../lib/money';
import { forgetBudgetPlanning } from './cache';

export function budgetProblems(values: Record<string, string>, currency: string): Problems {
  const found: Problems = {};
  const amount = amountProblem(values.amount ?? '', currency, { allowZero: true });
  if (amount) found.amount = amount;
  if (!isMonth(values.month)) found.month = 'Choose the month';
  return found;
}

/** The original's POST /Setbudget (amount, month); setMonthlyBudget once JavaScript runs. */
export function MonthlyBudgetForm({
  month,
  amount,
  onSaved,
  children,
}: {
  month: string;
  amount?: string;
  onSaved?(month: string): void;
  children?: ReactNode;
}) {
  const currency = useCurrency();
  const { show } = useFlash();
  const [save, { loading }] = useMutation(SetMonthlyBudgetDocument, {
    update: forgetBudgetPlanning,
  });
  const [problems, setProblems] = useState<Problems>({});
  return (
    <form
      method="post"
      action="/Setbudget"
      noValidate
      className="form"
      key={`${month}:${amount ?? ''}`}
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const values = formValues(form);
        const found = budgetProblems(values, currency);
        setProblems(found);
        if (hasProblems(found)) return focusFirstProblem(form, found);
        try {
          await save({ variables: { month: values.month, amount: values.amount.trim() } });
          // Saved for another month than the one on screen: the page moves to that month.
          const moved = values.month !== month;
          show({ kind: 'success', message: 'Budget set successfully!', carry: moved });
          if (moved) onSaved?.(values.month);
        } catch (error) {
          const byField = fieldErrors(error);
          if (hasProblems(byField)) setProblems(byField);
          else show({ kind: 'error', message: errorMessage(error) });
        }
      }}
    >
      <div className="form-row">
        <Field
          label={`Budget (${currency})`}
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          placeholder="2000.00"
          defaultValue={amount}
          required
          error={problems.amount}
        />
        <Field
          label="For the month"
          name="month"
          type="month"
          defaultValue={month}
          required
          error={problems.month}
        />
      </div>
      <div className="form-actions">
        <button type="submit" disabled={loading}>
          {loading ? 'Saving…' : amount ? 'Change budget' : 'Set budget'}
        </button>
        {children}
      </div>
    </form>
  );
}
