import { useState } from 'react';
import { useFlash } from '../../app/flash';
import { ConfirmInPlace } from '../../components/ConfirmInPlace';
import { Field } from '../../components/Field';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { DeliveryLog } from './DeliveryLog';
import { EventChoices } from './EventChoices';
import { SecretOnce } from './SecretOnce';
import {
  useCreateWebhook,
  useDeleteWebhook,
  useRotateWebhookSecret,
  useWebhooks,
  type Webhook,
} from './useWebhooks';
import { WebhookEditForm, webhookProblems } from './WebhookEditForm';
import './webhooks.css';

/**
 * Endpoints that hear of changes: create (the secret shown once), list, edit, new secret (shown
 * once too), delete, delivery log.
 */
export function Webhooks() {
  const { data, loading, error, refetch } = useWebhooks();
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  if (!data && loading) return <Loading label="Loading webhooks…" />;
  if (!data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return (
    <>
      {secret && <SecretOnce secret={secret.secret} onDone={() => setSecret(null)} />}
      {data.webhooks.length === 0 ? (
        <EmptyState title="No webhooks yet">
          <p>Scripts can hear of new, changed and deleted transactions without polling.</p>
        </EmptyState>
      ) : (
        <ul className="webhook-list">
          {data.webhooks.map((webhook) => (
            <WebhookItem key={webhook.id} webhook={webhook} events={data.webhookEvents} />
          ))}
        </ul>
      )}
      <WebhookForm events={data.webhookEvents} onCreated={setSecret} />
    </>
  );
}

function WebhookItem({ webhook, events }: { webhook: Webhook; events: string[] }) {
  const { show } = useFlash();
  const [remove, removing] = useDeleteWebhook();
  const [rotate, rotating] = useRotateWebhookSecret();
  const [mode, setMode] = useState<'view' | 'edit' | 'rotate' | 'delete'>('view');
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <li className="webhook">
      <div className="webhook-head">
        <span className="webhook-url">{webhook.url}</span>
        <span className={`tag ${webhook.active ? 'tag-income' : 'tag-expense'}`}>
          {webhook.active ? 'Active' : 'Disabled'}
        </span>
      </div>
      <p className="muted">{webhook.events.join(', ')}</p>
      {secret && (
        <SecretOnce
          secret={secret}
          lead="Copy the new signing secret now: it is shown only once. The old one no longer signs."
          onDone={() => setSecret(null)}
        />
      )}
      {mode === 'edit' ? (
        <WebhookEditForm webhook={webhook} events={events} onClose={() => setMode('view')} />
      ) : (
        <DeliveryLog webhook={webhook} />
      )}
      {mode === 'rotate' ? (
        <ConfirmInPlace
          question="Make a new signing secret? Receivers checking the current one reject what follows."
          confirmLabel="Yes, new secret"
          busy={rotating.loading}
          onConfirm={async () => {
            try {
              const result = await rotate({ variables: { id: webhook.id } });
              setSecret(result.data?.rotateWebhookSecret.secret ?? null);
              setMode('view');
            } catch (failure) {
              show({ kind: 'error', message: errorMessage(failure) });
            }
          }}
          onCancel={() => setMode('view')}
        />
      ) : mode === 'delete' ? (
        <ConfirmInPlace
          question="Delete this webhook? Its deliveries stop and its delivery log goes with it."
          confirmLabel="Yes, delete"
          busy={removing.loading}
          onConfirm={async () => {
            try {
              await remove({ variables: { id: webhook.id } });
              show({ kind: 'success', message: 'Webhook deleted.' });
            } catch (failure) {
              show({ kind: 'error', message: errorMessage(failure) });
            }
          }}
          onCancel={() => setMode('view')}
        />
      ) : (
        mode === 'view' && (
          <div className="row-actions">
            <button
              type="button"
              className="button-link"
              aria-label={`Edit webhook ${webhook.url}`}
              onClick={() => setMode('edit')}
            >
              Edit
            </button>
            <button
              type="button"
              className="button-link"
              aria-label={`New secret for webhook ${webhook.url}`}
              onClick={() => {
                setSecret(null);
                setMode('rotate');
              }}
            >
              New secret
            </button>
            <button
              type="button"
              className="button-link danger"
              aria-label={`Delete webhook ${webhook.url}`}
              onClick={() => setMode('delete')}
            >
              Delete
            </button>
          </div>
        )
      )}
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
        const next = webhookProblems(url, chosen);
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
      <EventChoices events={events} chosen={chosen} onChange={setChosen} error={problems.events} />
      <div className="form-actions">
        <button type="submit" disabled={loading}>
          {loading ? 'Adding…' : 'Add webhook'}
        </button>
      </div>
    </form>
  );
}
