import { useId } from 'react';
import { addMonths, formatMonth, isMonth } from '../lib/dates';

interface MonthPickerProps {
  month: string;
  onChange(month: string): void;
  label?: string;
}

/** Previous / next buttons around a native month field. */
export function MonthPicker({ month, onChange, label = 'Month' }: MonthPickerProps) {
  const id = useId();
  return (
    <div className="month-picker">
      <button
        type="button"
        className="button-secondary"
        onClick={() => onChange(addMonths(month, -1))}
        aria-label={`Previous month (${formatMonth(addMonths(month, -1))})`}
      >
        ‹
      </button>
      <div className="month-picker-field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type="month"
          value={month}
          required
          onChange={(event) => {
            if (isMonth(event.target.value)) onChange(event.target.value);
          }}
        />
      </div>
      <button
        type="button"
        className="button-secondary"
        onClick={() => onChange(addMonths(month, 1))}
        aria-label={`Next month (${formatMonth(addMonths(month, 1))})`}
      >
        ›
      </button>
    </div>
  );
}
