import type { DataSource } from 'typeorm';
import { AppError } from '../../errors';
import type { NotificationService } from '../notifications/notification.service';
import {
  once,
  recordAt,
  RestoreError,
  type PortableSection,
  type RestoreSkip,
} from '../export/portable';
import { WebhookEndpoint } from './webhook.entity';
import { ENDPOINTS_PER_LEDGER_MAX, WEBHOOK_EVENTS, type WebhookService } from './webhook.service';

export interface WebhookRecord {
  url: string;
  events: string[];
  enabled: boolean;
}

/**
 * Webhook endpoints: where they post and what. Not the signing secret (a credential) nor the
 * delivery log (attempts of this server). A restore creates each endpoint through the webhooks
 * module with a new secret, once the rest is committed: the restored history is not announced.
 */
export function webhooksSection(
  dataSource: DataSource,
  webhooks: WebhookService,
  notifications: NotificationService,
): PortableSection<WebhookRecord> {
  const name = 'webhooks';
  return {
    name,
    export: ({ ledgerId }) =>
      once(async () =>
        (await webhooks.list(ledgerId)).map((e) => ({
          url: e.url,
          events: e.events.split(','),
          enabled: e.active,
        })),
      ),
    // Endpoints already there would hear of every restored transaction.
    holdsData: async (ledgerId) => (await webhooks.list(ledgerId)).length > 0,
    async restore(records, { scope, afterCommit }) {
      if (records.length > ENDPOINTS_PER_LEDGER_MAX) {
        throw new RestoreError(name, null, null, `at most ${ENDPOINTS_PER_LEDGER_MAX} endpoints`);
      }
      const valid = records.map((_, index) => {
        const record = recordAt(name, records, index);
        const fail = (field: string, reason: string) =>
          new RestoreError(name, index, field, reason);
        if (typeof record.url !== 'string' || record.url.length > 2000) {
          throw fail('url', 'must be a URL of at most 2000 characters');
        }
        const { events, enabled } = record;
        if (!Array.isArray(events) || events.length === 0) {
          throw fail('events', 'must be a list of event types');
        }
        for (const event of events) {
          if (!(WEBHOOK_EVENTS as readonly unknown[]).includes(event)) {
            throw fail('events', `${JSON.stringify(event)} is not an event type`);
          }
        }
        if (typeof enabled !== 'boolean') throw fail('enabled', 'must be true or false');
        return { url: record.url, events: events as string[], enabled };
      });
      if (valid.length === 0) return 0;
      afterCommit.push(async () => {
        const skipped: RestoreSkip[] = [];
        const created: string[] = [];
        for (const [index, record] of valid.entries()) {
          try {
            const { endpoint } = await webhooks.create(
              scope.ledgerId,
              scope.user.id,
              record.url,
              record.events,
            );
            if (!record.enabled) {
              await dataSource
                .getRepository(WebhookEndpoint)
                .update({ id: endpoint.id }, { active: false });
            }
            created.push(endpoint.url);
          } catch (error) {
            // This server's rules for URLs (private addresses) may refuse what another allowed.
            if (!(error instanceof AppError)) throw error;
            skipped.push({
              section: name,
              index,
              field: error.field ?? null,
              reason: error.message,
            });
          }
        }
        if (created.length > 0) {
          await notifications.add(
            {
              userId: scope.user.id,
              key: `webhooks-restored:${scope.ledgerId}:${Date.now()}`,
              kind: 'WEBHOOK',
              title: 'Webhooks restored with new signing secrets',
              body:
                `${created.length} webhook endpoint(s) came back from the export with new ` +
                `signing secrets (${created.join(', ')}). Their receivers still check the old ` +
                'ones: use "New secret" on each endpoint (Settings, Webhooks) to see a secret, ' +
                'and give it to its receiver.',
            },
            dataSource.manager,
          );
        }
        return skipped;
      });
      return valid.length;
    },
    csvColumns: [
      { name: 'url', type: 'text', value: (r) => r.url },
      { name: 'events', type: 'text', value: (r) => r.events.join(' ') },
      { name: 'enabled', type: 'boolean', value: (r) => r.enabled },
    ],
  };
}
