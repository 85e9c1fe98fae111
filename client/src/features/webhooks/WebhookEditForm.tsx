import { useState } from 'react';
import { useFlash } from '../../app/flash';
import { Field } from '../../components/Field';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { EventChoices } from './EventChoices';
import { useUpdateWebhook, type Webhook } from './useWebhooks';

/** Checks what the server would refuse anyway, to answer without a round trip. */
export function webhookProblems(url: string, events: string[]): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!/^https?:\/\/\S+$/.test(url.trim())) problems.url = 'Enter the endpoint’s https:// URL';
  if (events.length === 0) problems.events = 'Choose at least one event';
  return problems;
}

/** An endpoint's URL, events and whether it is active, edited in place of its entry. */
export function WebhookEditForm({
  webhook,
  events,
  onClose,
}: {
  webhook: Webhook;
  events: string[];
  onClose: () => void;
}) {
  const { show } = useFlash();
  const [update, { loading }] = useUpdateWebhook();
  const [url, setUrl] = useState(webhook.url);
  const [chosen, setChosen] = useState<string[]>(webhook.events);
  const [active, setActive] = useState(webhook.active);
  const [problems, setProblems] = useState<Record<string, string>>({});
  return (
    <form
      noValidate
      className="form webhook-edit"
      aria-label={`Edit webhook ${webhook.url}`}
      onSubmit={async (event) => {
        event.preventDefault();
        const next = webhookProblems(url, chosen);
        setProblems(next);
        if (Object.keys(next).length > 0) return;
        try {
          await update({ variables: { id: webhook.id, url: url.trim(), events: chosen, active } });
          show({ kind: 'success', message: 'Webhook saved.' });
          onClose();
        } catch (failure) {
          const byField = fieldErrors(failure);
          if (Object.keys(byField).length > 0) setProblems(byField);
          else show({ kind: 'error', message: errorMessage(failure) });
        }
      }}
    >
      <Field
        label="Endpoint URL"
        name="url"
        type="url"
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        error={problems.url}
      />
      <EventChoices events={events} chosen={chosen} onChange={setChosen} error={problems.events} />
      <label className="checkbox">
        <input
          type="checkbox"
          name="active"
          checked={active}
          onChange={(event) => setActive(event.target.checked)}
        />
        Active (deliveries are sent)
      </label>
      {!webhook.active && active && (
        <p className="field-hint">Enabling it again starts its count of failures afresh.</p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={loading}>
          {loading ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button-link" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
