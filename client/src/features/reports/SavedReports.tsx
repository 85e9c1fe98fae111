import { useState } from 'react';
import { useFlash } from '../../app/flash';
import { Field } from '../../components/Field';
import type { ReportInput } from '../../graphql/graphql';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { focusFirstProblem, formValues, hasProblems, type Problems } from '../../lib/forms';
import { useDeleteSavedReport, useSaveReport, type SavedReport } from './useReports';

const SCHEDULES: [string, string][] = [
  ['', 'Not mailed'],
  ['WEEKLY', 'Weekly (the week just ended)'],
  ['MONTHLY', 'Monthly (the month just ended)'],
];
const scheduleLabel = (schedule: string | null) =>
  schedule === 'WEEKLY' ? 'mailed weekly' : schedule === 'MONTHLY' ? 'mailed monthly' : null;

/** Saving the report shown (over a saved one when it came from there), with its mail schedule. */
export function SaveReportForm({
  input,
  saved,
  onSaved,
}: {
  input: ReportInput;
  saved: SavedReport | null;
  onSaved(report: SavedReport): void;
}) {
  const save = useSaveReport();
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  return (
    <form
      noValidate
      className="form card"
      aria-label="Save report"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const values = formValues(form);
        const found: Problems = values.name.trim() ? {} : { name: 'Name the report' };
        setProblems(found);
        setFailure(null);
        if (hasProblems(found)) return focusFirstProblem(form, found);
        setSaving(true);
        try {
          const schedule = values.schedule || null;
          const report = await save({
            name: values.name.trim(),
            input,
            schedule,
            email: schedule !== null,
            ...(values.asNew !== 'on' && saved ? { id: saved.id } : {}),
          });
          onSaved(report);
        } catch (error) {
          const byField = fieldErrors(error);
          if (hasProblems(byField)) {
            setProblems(byField);
            focusFirstProblem(form, byField);
          } else setFailure(errorMessage(error));
        } finally {
          setSaving(false);
        }
      }}
    >
      <h2>Save this report</h2>
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
      <div className="form-row">
        <Field
          label="Name"
          name="name"
          maxLength={100}
          defaultValue={saved?.name ?? ''}
          autoComplete="off"
          placeholder="Monthly spending"
          error={problems.name}
        />
        <div className={`field${problems.schedule ? ' field-invalid' : ''}`}>
          <label htmlFor="report-schedule">Mail it to me</label>
          <select id="report-schedule" name="schedule" defaultValue={saved?.schedule ?? ''}>
            {SCHEDULES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <p className="field-hint">With the PDF attached; each mail has an unsubscribe link.</p>
          {problems.schedule && <p className="field-error">{problems.schedule}</p>}
        </div>
      </div>
      {saved && (
        <label className="report-choice">
          <input type="checkbox" name="asNew" /> Save as a new report instead of updating “
          {saved.name}”
        </label>
      )}
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : saved ? 'Save' : 'Save report'}
        </button>
      </div>
    </form>
  );
}

export function SavedReportList({
  reports,
  onOpen,
}: {
  reports: SavedReport[];
  onOpen(report: SavedReport): void;
}) {
  const remove = useDeleteSavedReport();
  const { show } = useFlash();
  if (reports.length === 0) return <p className="muted">No saved reports yet.</p>;
  return (
    <ul className="report-saved">
      {reports.map((report) => (
        <li key={report.id}>
          <button type="button" className="button-link" onClick={() => onOpen(report)}>
            {report.name}
          </button>{' '}
          <span className="muted">
            {report.input.from} to {report.input.to}
            {scheduleLabel(report.schedule) ? ` · ${scheduleLabel(report.schedule)}` : ''}
          </span>{' '}
          <button
            type="button"
            className="button-link danger"
            aria-label={`Delete ${report.name}`}
            onClick={async () => {
              if (!window.confirm(`Delete the saved report “${report.name}”?`)) return;
              try {
                await remove(report.id);
                show({ kind: 'success', message: `Deleted “${report.name}”.` });
              } catch (error) {
                show({ kind: 'error', message: errorMessage(error) });
              }
            }}
          >
            Delete
          </button>
        </li>
      ))}
    </ul>
  );
}
