import { useState } from 'react';
import { useFlash } from '../../app/flash';
import { Field } from '../../components/Field';
import { ErrorState, Loading } from '../../components/States';
import type { UserSettingsQuery } from '../../graphql/graphql';
import { errorMessage, fieldErrors } from '../../lib/errors';
import type { Problems } from '../../lib/forms';
import { useUpdateUserSettings, useUserSettings } from './useUserSettings';
import './settings.css';

const DAYS_MAX = 30;

/** Bill reminders by mail, off until asked for; each bill is reminded of once. */
export function RemindersForm() {
  const { data, loading, error, refetch } = useUserSettings();
  if (!data && loading) return <Loading label="Loading your reminders…" />;
  if (!data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const s = data.userSettings;
  return <Reminders key={`${s.remindersEnabled}-${s.reminderDaysBefore}`} settings={s} />;
}

function Reminders({ settings }: { settings: UserSettingsQuery['userSettings'] }) {
  const { show } = useFlash();
  const [update, { loading }] = useUpdateUserSettings();
  const [enabled, setEnabled] = useState(settings.remindersEnabled);
  const [days, setDays] = useState(String(settings.reminderDaysBefore));
  const [problems, setProblems] = useState<Problems>({});
  return (
    <form
      noValidate
      className="form"
      aria-label="Bill reminders"
      onSubmit={async (event) => {
        event.preventDefault();
        const value = days.trim();
        if (enabled && (!/^\d+$/.test(value) || Number(value) > DAYS_MAX)) {
          setProblems({ reminderDaysBefore: `Enter a whole number of days from 0 to ${DAYS_MAX}` });
          return;
        }
        setProblems({});
        try {
          await update({
            variables: {
              input: {
                remindersEnabled: enabled,
                ...(/^\d+$/.test(value) ? { reminderDaysBefore: Number(value) } : {}),
              },
            },
          });
          show({
            kind: 'success',
            message: enabled
              ? `Reminders on: ${value} day${value === '1' ? '' : 's'} before each bill.`
              : 'Reminders off.',
          });
        } catch (error) {
          const byField = fieldErrors(error);
          if (byField.reminderDaysBefore) setProblems(byField);
          else show({ kind: 'error', message: errorMessage(error) });
        }
      }}
    >
      <label className="checkbox">
        <input
          type="checkbox"
          name="remindersEnabled"
          checked={enabled}
          onChange={(event) => setEnabled(event.target.checked)}
        />
        Email me before a bill is due
      </label>
      <Field
        label="Days before"
        name="reminderDaysBefore"
        inputMode="numeric"
        autoComplete="off"
        value={days}
        disabled={!enabled}
        onChange={(event) => setDays(event.target.value)}
        hint="0 reminds you on the day itself. You also see each reminder under the bell."
        error={problems.reminderDaysBefore}
      />
      <div className="form-actions">
        <button type="submit" disabled={loading}>
          {loading ? 'Saving…' : 'Save reminders'}
        </button>
      </div>
    </form>
  );
}
