import { useState } from 'react';
import { useFlash } from '../../app/flash';
import { ErrorState, Loading } from '../../components/States';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { useUpdateUserSettings, useUserSettings } from '../settings/useUserSettings';

const PRESETS: [string, string][] = [
  ['01-01', 'Calendar year (1 January)'],
  ['04-06', 'United Kingdom (6 April)'],
  ['04-01', 'India (1 April)'],
  ['07-01', 'Australia (1 July)'],
];

/** Where the tax year starts; the summary's periods follow it. */
export function TaxYearForm() {
  const { data, loading, error, refetch } = useUserSettings();
  if (!data && loading) return <Loading label="Loading your tax year…" />;
  if (!data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const start = data.userSettings.taxYearStart;
  return <TaxYear key={start} start={start} />;
}

function TaxYear({ start }: { start: string }) {
  const { show } = useFlash();
  const [update, { loading }] = useUpdateUserSettings();
  const preset = PRESETS.some(([value]) => value === start) ? start : 'other';
  const [choice, setChoice] = useState(preset);
  const [other, setOther] = useState(preset === 'other' ? start : '');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      noValidate
      className="form"
      aria-label="Tax year"
      onSubmit={async (event) => {
        event.preventDefault();
        const value = choice === 'other' ? other.trim() : choice;
        if (!/^\d{2}-\d{2}$/.test(value)) {
          setProblem('Enter the first day as MM-DD, such as 04-06');
          return;
        }
        setProblem(null);
        try {
          await update({
            variables: { input: { taxYearStart: value } },
            refetchQueries: ['TaxSummary'],
          });
          show({ kind: 'success', message: 'Tax year saved.' });
        } catch (failure) {
          const byField = fieldErrors(failure);
          if (byField.taxYearStart) setProblem(byField.taxYearStart);
          else show({ kind: 'error', message: errorMessage(failure) });
        }
      }}
    >
      <div className="field">
        <label htmlFor="tax-year-start">The tax year starts on</label>
        <select
          id="tax-year-start"
          name="taxYearStart"
          value={choice}
          onChange={(event) => setChoice(event.target.value)}
        >
          {PRESETS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
          <option value="other">Another day…</option>
        </select>
      </div>
      {choice === 'other' && (
        <div className={`field${problem ? ' field-invalid' : ''}`}>
          <label htmlFor="tax-year-other">First day (MM-DD)</label>
          <input
            id="tax-year-other"
            name="taxYearStartOther"
            inputMode="numeric"
            value={other}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'tax-year-error' : undefined}
            onChange={(event) => setOther(event.target.value)}
          />
        </div>
      )}
      {problem && (
        <p className="field-error" id="tax-year-error">
          {problem}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={loading}>
          {loading ? 'Saving…' : 'Save tax year'}
        </button>
      </div>
    </form>
  );
}
