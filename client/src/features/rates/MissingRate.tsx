import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useEffect, useId, useRef, useState } from 'react';
import { formatDate } from '../../lib/dates';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { rateValueProblem } from './RateForm';
import { useSetExchangeRate } from './useRates';
import './rates.css';

/** A rate a refused write needed: 1 `from` in `to`, on `date` (or any day before it). */
export interface RateNeeded {
  from: string;
  to: string;
  date: string;
  /** The server's sentence, naming the pair and the day. */
  message: string;
}

/**
 * The rate a refused save asked for, when that is why it was refused: the write path answers
 * BAD_USER_INPUT with `extensions: { from, to, date }` (rate.service.ts `convert`).
 */
export function missingRate(error: unknown): RateNeeded | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  for (const e of error.errors) {
    const { code, from, to, date } = e.extensions ?? {};
    if (
      code === 'BAD_USER_INPUT' &&
      typeof from === 'string' &&
      typeof to === 'string' &&
      typeof date === 'string'
    ) {
      return { from, to, date, message: e.message };
    }
  }
  return null;
}

/** "1,0825" from a comma-decimal keyboard is the rate 1.0825; a rate is never grouped. */
function canonicalRate(text: string): string {
  const rate = text.trim();
  return rate.includes('.') ? rate : rate.replace(',', '.');
}

/**
 * "1 EUR = [ ] USD on 3 May 2024", inside the form whose save was refused: it stores the rate,
 * then `onSaved` saves that form again. It is a group, not a form, because forms cannot nest;
 * Enter in its field therefore saves the rate rather than submitting the outer form.
 */
export function MissingRate({
  need,
  onSaved,
}: {
  need: RateNeeded;
  onSaved(): Promise<void> | void;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [save, { loading }] = useSetExchangeRate();
  const [rate, setRate] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The save was refused for this: the next thing to type is the rate.
  useEffect(() => input.current?.focus(), []);

  const submit = async () => {
    const value = canonicalRate(rate);
    const found = rateValueProblem(value);
    setProblem(found);
    if (found) {
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await save({
        variables: { input: { from: need.from, to: need.to, date: need.date, rate: value } },
      });
    } catch (error) {
      setProblem(fieldErrors(error).rate ?? errorMessage(error));
      setBusy(false);
      input.current?.focus();
      return;
    }
    try {
      await onSaved();
    } finally {
      setBusy(false);
    }
  };

  const describedBy = [`${id}-lead`, problem ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="missing-rate" role="group" aria-labelledby={`${id}-title`}>
      <p className="missing-rate-title" id={`${id}-title`}>
        Exchange rate needed
      </p>
      <p className="field-hint" id={`${id}-lead`} role="alert">
        {need.message}
      </p>
      <div className={`missing-rate-row${problem ? ' field-invalid' : ''}`}>
        <label htmlFor={id}>
          1 {need.from} =
          <span className="visually-hidden">
            {' '}
            how many {need.to} on {need.date}
          </span>
        </label>
        <input
          id={id}
          ref={input}
          inputMode="decimal"
          autoComplete="off"
          placeholder="1.0825"
          value={rate}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            setRate(event.currentTarget.value);
            setProblem(null);
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            void submit();
          }}
        />
        <span aria-hidden="true">
          {need.to} on <time dateTime={need.date}>{formatDate(need.date)}</time>
        </span>
        <button type="button" disabled={busy || loading} onClick={() => void submit()}>
          {busy || loading ? 'Saving…' : 'Save rate and retry'}
        </button>
      </div>
      {problem && (
        <p className="field-error" id={`${id}-error`}>
          {problem}
        </p>
      )}
    </div>
  );
}
