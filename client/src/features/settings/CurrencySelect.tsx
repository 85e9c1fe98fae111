import { useId } from 'react';

/** Common ISO 4217 currencies; amounts use each one's minor digits (JPY none, BHD three). */
export const CURRENCIES = [
  'USD',
  'EUR',
  'GBP',
  'JPY',
  'CHF',
  'CAD',
  'AUD',
  'NZD',
  'CNY',
  'INR',
  'BRL',
  'MXN',
  'ZAR',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'CZK',
  'HUF',
  'TRY',
  'KRW',
  'SGD',
  'HKD',
  'ILS',
  'AED',
  'BHD',
  'KWD',
  'NGN',
  'KES',
] as const;

function currencyName(code: string): string {
  try {
    return new Intl.DisplayNames(undefined, { type: 'currency' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * A choice of currency. Uncontrolled with `defaultValue` (a form reads it when sent); controlled
 * with `value` and `onChange` when the form reacts at once (an amount's digits follow it).
 */
export function CurrencySelect({
  name,
  label = 'Currency',
  defaultValue,
  value,
  onChange,
  error,
}: {
  name: string;
  label?: string;
  error?: string;
} & (
  | { defaultValue: string; value?: never; onChange?: never }
  | {
      defaultValue?: never;
      value: string;
      onChange(code: string): void;
    }
)) {
  const id = useId();
  const current = value ?? defaultValue;
  const codes: readonly string[] = CURRENCIES.includes(current as (typeof CURRENCIES)[number])
    ? CURRENCIES
    : [current, ...CURRENCIES];
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        {...(onChange
          ? { value, onChange: (event) => onChange(event.target.value) }
          : { defaultValue })}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {codes.map((code) => (
          <option key={code} value={code}>
            {code} — {currencyName(code)}
          </option>
        ))}
      </select>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
