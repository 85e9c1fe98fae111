import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useFlash } from '../../app/flash';
import { ConfirmInPlace } from '../../components/ConfirmInPlace';
import { ErrorState, Loading } from '../../components/States';
import {
  CreateCalendarFeedDocument,
  RevokeCalendarFeedDocument,
  UserSettingsDocument,
} from '../../graphql/graphql';
import { errorMessage } from '../../lib/errors';
import { CopyButton } from '../security/clipboard';
import '../security/security.css';
import { useUserSettings } from './useUserSettings';

/**
 * The upcoming bills as an iCalendar feed at a secret URL. The server keeps only a hash of it,
 * so the URL is shown once, when made; a new one replaces the old.
 */
export function CalendarFeed() {
  const id = useId();
  const { show } = useFlash();
  const { data, loading, error, refetch } = useUserSettings();
  const refresh = { refetchQueries: [{ query: UserSettingsDocument }], awaitRefetchQueries: true };
  const [create, creating] = useMutation(CreateCalendarFeedDocument, refresh);
  const [revoke, revoking] = useMutation(RevokeCalendarFeedDocument, refresh);
  const [url, setUrl] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  if (!data && loading) return <Loading label="Loading your calendar feed…" />;
  if (!data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const active = data.userSettings.calendarFeedActive;

  const makeFeed = async () => {
    try {
      const { data: made } = await create();
      setUrl(made?.createCalendarFeed ?? null);
    } catch (failure) {
      show({ kind: 'error', message: errorMessage(failure) });
    }
  };

  if (url) {
    return (
      <div className="form feed-url" data-testid="feed-url">
        <p role="status" className="notice notice-warning">
          <strong>Copy this address now: it is shown only once.</strong> Anyone with it can see your
          upcoming bills; revoke it here if it leaks.
        </p>
        <div className="field">
          <label htmlFor={id}>Calendar address</label>
          <textarea
            id={id}
            className="mono secret-text"
            value={url}
            readOnly
            rows={2}
            spellCheck={false}
            onFocus={(event) => event.currentTarget.select()}
          />
        </div>
        <div className="form-actions">
          <CopyButton text={url} label="Copy address" className="" />
          <button type="button" className="button-secondary" onClick={() => setUrl(null)}>
            Done
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="form">
      <p className="muted">
        Subscribe in your calendar app to see the next 30 days of bills there.{' '}
        {active ? 'A feed address is active.' : 'No feed address yet.'}
      </p>
      {confirming ? (
        <ConfirmInPlace
          question="Stop the current address? Calendars using it stop updating."
          confirmLabel="Yes, revoke"
          busy={revoking.loading}
          onConfirm={async () => {
            try {
              await revoke();
              show({ kind: 'success', message: 'The calendar address no longer works.' });
              setConfirming(false);
            } catch (failure) {
              show({ kind: 'error', message: errorMessage(failure) });
            }
          }}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <div className="form-actions">
          <button type="button" disabled={creating.loading} onClick={() => void makeFeed()}>
            {creating.loading ? 'Creating…' : active ? 'Make a new address' : 'Create feed address'}
          </button>
          {active && (
            <button
              type="button"
              className="button-link danger"
              onClick={() => setConfirming(true)}
            >
              Revoke
            </button>
          )}
        </div>
      )}
      {active && !confirming && (
        <p className="field-hint">A new address replaces the current one, which stops working.</p>
      )}
    </div>
  );
}
