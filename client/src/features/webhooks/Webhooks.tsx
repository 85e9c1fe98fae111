import { useState } from 'react';
import { useFlash } from '../../app/flash';
import { Field } from '../../components/Field';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { CopyButton } from '../security/clipboard';
import { useCreateWebhook, useDeleteWebhook, useWebhooks, type Webhook } from './useWebhooks';
import './webhooks.css';

/** Endpoints that hear of changes: create (the secret shown once), list, delete, delivery log. */
export function Webhooks() {
  const { data, loading, error, refetch } = useWebhooks();
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  if (!data && loading) return <Loading label="Loading webhooks…" />;
  if (!data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return (
    <>
      {secret && (
        <div className="secret-once" role="status">
          <p>
            <strong>Copy the signing secret now: it is shown only once.</strong> Verify each
            delivery’s <code>X-Signature</code> with it.
          </p>
          <code className="secret" aria-label="Signing secret">
            {secret.secret}
          </code>
          <div className="form-actions">
            <CopyButton text={secret.secret} label="Copy secret" />
            <button type="button" className="button-link" onClick={() => setSecret(null)}>
              Done
            </button>
          </div>
        </div>
      )}
      {data.webhooks.length === 0 ? (
        <EmptyState title="No webhooks yet">
          <p>Scripts can hear of new, changed and deleted transactions without polling.</p>
        </EmptyState>
      ) : (
        <ul className="webhook-list">
          {data.webhooks.map((webhook) => (
            <WebhookItem key={webhook.id} webhook={webhook} />
          ))}
        </ul>
      )}
      <WebhookForm events={data.webhookEvents} onCreated={setSecret} />
    </>
  );
}

function WebhookItem({ webhook }: { webhook: Webhook }) {
  const { show } = useFlash();
  const [remove, { loading }] = useDeleteWebhook();
  return (
    <li className="webhook">
      <div className="webhook-head">
        <span className="webhook-url">{webhook.url}</span>
        <span className={`tag ${webhook.active ? 'tag-income' : 'tag-expense'}`}>
          {webhook.active ? 'Active' : 'Disabled'}
        </span>
      </div>
      <p className="muted">{webhook.events.join(', ')}</p>
      <details>
        <summary>Delivery log ({webhook.deliveries.length})</summary>
        {webhook.deliveries.length === 0 ? (
          <p className="muted">Nothing delivered yet.</p>
        ) : (
          <table className="table" aria-label={`Deliveries to ${webhook.url}`}>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col">Result</th>
                <th scope="col" className="numeric">
                  Time
                </th>
              </tr>
            </thead>
            <tbody>
              {webhook.deliveries.map((d) => (
                <tr key={d.id}>
                  <td data-label="When">{new Date(d.createdAt).toLocaleString()}</td>
                  <td data-label="Event">
                    {d.eventType} <span className="muted">#{d.attempt}</span>
                  </td>
                  <td data-label="Result">
                    {d.ok ? `OK (${d.statusCode})` : (d.error ?? `HTTP ${d.statusCode}`)}
                  </td>
                  <td data-label="Time" className="numeric">
                    {d.responseMs === null || d.responseMs === undefined
                      ? '–'
                      : `${d.responseMs} ms`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
      <div className="row-actions">
        <button
          type="button"
          className="button-link danger"
          disabled={loading}
          aria-label={`Delete webhook ${webhook.url}`}
          onClick={async () => {
            try {
              await remove({ variables: { id: webhook.id } });
              show({ kind: 'success', message: 'Webhook deleted.' });
            } catch (failure) {
              show({ kind: 'error', message: errorMessage(failure) });
            }
          }}
        >
          Delete
        </button>
      </div>
    </li>
  );
}

function WebhookForm({
  events,
  onCreated,
}: {
  events: string[];
  onCreated: (created: { url: string; secret: string }) => void;
}) {
  const { show } = useFlash();
  const [create, { loading }] = useCreateWebhook();
  const [url, setUrl] = useState('');
  const [chosen, setChosen] = useState<string[]>(
    events.filter((e) => e.startsWith('transaction.')),
  );
  const [problems, setProblems] = useState<Record<string, string>>({});
  return (
    <form
      noValidate
      className="form"
      aria-label="New webhook"
      onSubmit={async (event) => {
        event.preventDefault();
        const next: Record<string, string> = {};
        if (!/^https?:\/\/\S+$/.test(url.trim())) next.url = 'Enter the endpoint’s https:// URL';
        if (chosen.length === 0) next.events = 'Choose at least one event';
        setProblems(next);
        if (Object.keys(next).length > 0) return;
        try {
          const result = await create({ variables: { url: url.trim(), events: chosen } });
          const created = result.data?.createWebhook;
          if (created) onCreated({ url: created.webhook.url, secret: created.secret });
          setUrl('');
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
        placeholder="https://example.com/hooks/finance"
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        error={problems.url}
      />
      <fieldset className="webhook-events">
        <legend>Events</legend>
        {events.map((name) => (
          <label key={name} className="checkbox">
            <input
              type="checkbox"
              name="events"
              value={name}
              checked={chosen.includes(name)}
              onChange={(event) =>
                setChosen(
                  event.target.checked ? [...chosen, name] : chosen.filter((c) => c !== name),
                )
              }
            />
            {name}
          </label>
        ))}
        {problems.events && <p className="field-error">{problems.events}</p>}
      </fieldset>
      <div className="form-actions">
        <button type="submit" disabled={loading}>
          {loading ? 'Adding…' : 'Add webhook'}
        </button>
      </div>
    </form>
  );
}
