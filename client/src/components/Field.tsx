import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { today } from '../lib/dates';

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  error?: string | null;
  /** Worth a second look, but not wrong: shown and announced, never blocking. */
  warning?: string | null;
  hint?: ReactNode;
}

/** A labelled input whose error and hint are read with it by assistive technology. */
export function Field({ label, name, error, warning, hint, id, ...input }: FieldProps) {
  const generated = useId();
  const inputId = id ?? `${name}-${generated}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const warningId = `${inputId}-warning`;
  const describedBy =
    [hintId, errorId, warning ? warningId : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      {/* Always present, so that a warning appearing while the user types is announced. */}
      <p className="field-warning" id={warningId} role="status">
        {warning}
      </p>
    </div>
  );
}

type NamedFieldProps = Omit<FieldProps, 'label' | 'name'> & { label?: string; name?: string };

/** An amount typed as a decimal in `currency` (named `amount` unless told). */
export function AmountField({ currency, ...props }: NamedFieldProps & { currency: string }) {
  return (
    <Field
      label={`Amount (${currency})`}
      name="amount"
      inputMode="decimal"
      autoComplete="off"
      required
      {...props}
    />
  );
}

/** A day, today unless a default is given (named `date` unless told). */
export function DateField({ defaultValue, ...props }: NamedFieldProps) {
  return (
    <Field
      label="Date"
      name="date"
      type="date"
      required
      defaultValue={defaultValue ?? today()}
      {...props}
    />
  );
}
