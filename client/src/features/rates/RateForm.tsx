import { useState } from 'react';
import { useFlash } from '../../app/flash';
import { Field } from '../../components/Field';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { focusFirstProblem, formValues, hasProblems, type Problems } from '../../lib/forms';
import { today } from '../../lib/dates';
import { useSetExchangeRate } from './useRates';

const CODE = /^[A-Za-z]{3}$/;
// The server's rule: a positive decimal with at most 12 decimals, no exponent.
const RATE = /^\d{1,12}(\.\d{1,12})?$/;

/** Why `text` is not a rate the server takes, or null when it is. */
export function rateValueProblem(text: string): string | null {
  const rate = text.trim();
  return RATE.test(rate) && /[1-9]/.test(rate) ? null : 'Enter a positive number such as 1.0825';
}

export function rateProblems(values: Record<string, string>): Problems {
  const found: Problems = {};
  const from = values.from?.trim() ?? '';
  const to = values.to?.trim() ?? '';
  if (!CODE.test(from)) found.from = 'Enter a currency code such as USD';
  if (!CODE.test(to)) found.to = 'Enter a currency code such as EUR';
  else if (from.toUpperCase() === to.toUpperCase()) found.to = 'The two currencies must differ';
  if (!values.date) found.date = 'Choose the day';
  const rate = rateValueProblem(values.rate ?? '');
  if (rate) found.rate = rate;
  return found;
}

/** Adds one rate, or replaces the pair's rate of that day. */
export function RateForm() {
  const { show } = useFlash();
  const [save, { loading }] = useSetExchangeRate();
  const [problems, setProblems] = useState<Problems>({});
  return (
    <form
      noValidate
      className="form"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const values = formValues(form);
        const found = rateProblems(values);
        setProblems(found);
        if (hasProblems(found)) return focusFirstProblem(form, found);
        const input = {
          from: values.from.trim().toUpperCase(),
          to: values.to.trim().toUpperCase(),
          date: values.date,
          rate: values.rate.trim(),
        };
        try {
          await save({ variables: { input } });
          show({ kind: 'success', message: `Rate ${input.from}->${input.to} saved.` });
          form.querySelector<HTMLInputElement>('input[name="rate"]')!.value = '';
        } catch (error) {
          const byField = fieldErrors(error);
          if (hasProblems(byField)) setProblems(byField);
          else show({ kind: 'error', message: errorMessage(error) });
        }
      }}
    >
      <div className="form-row rate-form-row">
        <Field
          label="From"
          name="from"
          autoComplete="off"
          maxLength={3}
          placeholder="USD"
          className="rate-code"
          error={problems.from}
        />
        <Field
          label="To"
          name="to"
          autoComplete="off"
          maxLength={3}
          placeholder="EUR"
          className="rate-code"
          error={problems.to}
        />
      </div>
      <div className="form-row">
        <Field label="Day" name="date" type="date" defaultValue={today()} error={problems.date} />
        <Field
          label="Rate"
          name="rate"
          inputMode="decimal"
          autoComplete="off"
          placeholder="0.9150"
          hint="1 unit of From buys this many of To"
          error={problems.rate}
        />
      </div>
      <div className="form-actions">
        <button type="submit" disabled={loading}>
          {loading ? 'Saving…' : 'Save rate'}
        </button>
      </div>
    </form>
  );
}
