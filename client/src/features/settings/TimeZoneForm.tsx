import { useId, useState } from 'react';
import { useFlash } from '../../app/flash';
import { ErrorState, Loading } from '../../components/States';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { browserTimeZone, timeZoneChoices } from './time-zones';
import { useUpdateUserSettings, useUserSettings } from './useUserSettings';

/** The zone whose midnight starts "today" for recurring posts and bills. */
export function TimeZoneForm() {
  const { data, loading, error, refetch } = useUserSettings();
  if (!data && loading) return <Loading label="Loading your time zone…" />;
  if (!data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const saved = data.userSettings.timeZoneChosen ? data.userSettings.timeZone : browserTimeZone();
  return <ZoneSelect key={saved} saved={saved} />;
}

function ZoneSelect({ saved }: { saved: string }) {
  const id = useId();
  const { show } = useFlash();
  const [update, { loading }] = useUpdateUserSettings();
  const [zone, setZone] = useState(saved);
  const [problem, setProblem] = useState<string | null>(null);
  const browser = browserTimeZone();
  return (
    <form
      noValidate
      className="form"
      aria-label="Time zone"
      onSubmit={async (event) => {
        event.preventDefault();
        setProblem(null);
        try {
          await update({ variables: { input: { timeZone: zone } } });
          show({ kind: 'success', message: `Your time zone is now ${zone}.` });
        } catch (error) {
          const byField = fieldErrors(error);
          if (byField.timeZone) setProblem(byField.timeZone);
          else show({ kind: 'error', message: errorMessage(error) });
        }
      }}
    >
      <div className={`field${problem ? ' field-invalid' : ''}`}>
        <label htmlFor={id}>Time zone</label>
        <select
          id={id}
          name="timeZone"
          value={zone}
          onChange={(event) => setZone(event.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ''}`}
        >
          {timeZoneChoices([saved, browser]).map((name) => (
            <option key={name} value={name}>
              {name === browser ? `${name} (this device)` : name}
            </option>
          ))}
        </select>
        <p className="field-hint" id={`${id}-hint`}>
          Recurring transactions post, and bills fall due, at midnight here.
        </p>
        {problem && (
          <p className="field-error" id={`${id}-error`}>
            {problem}
          </p>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" disabled={loading || zone === saved}>
          {loading ? 'Saving…' : 'Save time zone'}
        </button>
      </div>
    </form>
  );
}
