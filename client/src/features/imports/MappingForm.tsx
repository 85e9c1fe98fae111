import { useId } from 'react';
import type { CsvMapping } from '../../graphql/graphql';
import { COLUMN_ROLES, DATE_FORMATS, type ColumnRole } from './mapping';

/**
 * How the CSV's columns are read: a picker per role, the date format and the decimal separator.
 * Every change is handed up at once; the wizard previews the file again with it.
 */
export function MappingForm({
  mapping,
  header,
  dateFormats,
  onChange,
}: {
  mapping: CsvMapping;
  header: string[] | null;
  /** Formats the data allows when it cannot tell them apart: the user must pick one. */
  dateFormats: string[];
  onChange: (mapping: CsvMapping) => void;
}) {
  const id = useId();
  const columns = header ?? [];
  const set = (patch: Partial<CsvMapping>) => onChange({ ...mapping, ...patch });
  const ambiguous = dateFormats.length > 1;
  return (
    <fieldset className="import-mapping">
      <legend>Columns</legend>
      <div className="import-mapping-grid">
        {COLUMN_ROLES.map(([role, label]) => (
          <div className="field" key={role}>
            <label htmlFor={`${id}-${role}`}>{label}</label>
            <select
              id={`${id}-${role}`}
              value={mapping[role as ColumnRole] ?? ''}
              onChange={(event) =>
                set({ [role]: event.target.value === '' ? null : Number(event.target.value) })
              }
            >
              <option value="">—</option>
              {columns.map((name, index) => (
                <option key={index} value={index}>
                  {name || `Column ${index + 1}`}
                </option>
              ))}
            </select>
          </div>
        ))}
        <div className={`field${ambiguous ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-date-format`}>Date format</label>
          <select
            id={`${id}-date-format`}
            value={mapping.dateFormat ?? ''}
            aria-invalid={ambiguous ? true : undefined}
            aria-describedby={ambiguous ? `${id}-date-format-error` : undefined}
            onChange={(event) => set({ dateFormat: event.target.value || null })}
          >
            <option value="">Detect</option>
            {DATE_FORMATS.map((format) => (
              <option key={format} value={format}>
                {format}
              </option>
            ))}
          </select>
          {ambiguous && (
            <p className="field-error" id={`${id}-date-format-error`} role="alert">
              The dates fit {dateFormats.join(' and ')}: choose one.
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-decimal`}>Decimal separator</label>
          <select
            id={`${id}-decimal`}
            value={mapping.decimalSeparator ?? ''}
            onChange={(event) => set({ decimalSeparator: event.target.value || null })}
          >
            <option value="">Detect</option>
            <option value=".">Point (1,234.56)</option>
            <option value=",">Comma (1.234,56)</option>
          </select>
        </div>
      </div>
    </fieldset>
  );
}
