import { createHmac } from 'node:crypto';
import { In, MoreThan, type DataSource } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import type { JobService } from '../jobs/job.service';
import type { NotificationService } from '../notifications/notification.service';
import type { SecretBox } from './secret-box';
import { WebhookDelivery, WebhookEndpoint, WebhookEventRecord } from './webhook.entity';
import { postJson, type PostResult } from './webhook-http';

export const WEBHOOK_DELIVER_JOB = 'webhooks.deliver';
/** Failed attempts in a row (over any events) after which an endpoint is disabled. */
export const FAILURES_TO_DISABLE = 10;
/**
 * How long one delivery job posts a batch's events before it hands the rest to a job of its
 * own: well inside the runner's timeout for the job, even with a last post taking its 10 s.
 */
export const DELIVERY_BUDGET_MS = 20_000;
/** The event ids read at once when checking which were delivered already. */
const IDS_PER_QUERY = 500;
/** Events read from a batch at once. */
const EVENTS_PER_PAGE = 500;

/** What is posted: `{id, type, createdAt, data}`; `id` is the receiver's idempotency key. */
export interface WebhookEvent {
  id: string;
  type: string;
  createdAt: string;
  data: unknown;
}

/** A delivery job: the events of one batch (one write) to one endpoint, in order. */
export interface BatchPayload {
  endpointId: number;
  batchId: string;
  /** A continuation: the events after this one (by row id). */
  afterId?: number;
}

/** A delivery job queued before events were stored in batches: one event, carried whole. */
export interface LegacyPayload {
  endpointId: number;
  event: WebhookEvent;
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as receivers verify it. */
export function signature(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * Posts a batch's events to one endpoint, one signed request each, in order. An event already
 * delivered (its success is in the log) is not posted again, so a retried or resumed job sends
 * only what is left; receivers dedupe by the event id the rare post whose success a crash kept
 * from the log. A failure throws, for the runner to retry the job with backoff.
 */
export class WebhookDeliverer {
  /** Tests shorten it to see a batch continue in a job of its own. */
  budgetMs = DELIVERY_BUDGET_MS;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobService,
    private readonly notifications: NotificationService,
    private readonly allowPrivate: boolean,
    private readonly secrets: () => SecretBox,
  ) {}

  async deliver(payload: BatchPayload | LegacyPayload, now: Date): Promise<void> {
    const endpoint = await this.dataSource
      .getRepository(WebhookEndpoint)
      .findOne({ where: { id: payload.endpointId } });
    // Deleted or disabled since: nothing to send, nothing to retry.
    if (!endpoint || !endpoint.active) return;
    if ('event' in payload) {
      const [done, attempts] = await this.history(endpoint.id, [payload.event.id]);
      if (!done.has(payload.event.id)) {
        await this.post(endpoint, payload.event, (attempts.get(payload.event.id) ?? 0) + 1, now);
      }
      return;
    }
    const started = performance.now();
    let after = payload.afterId ?? 0;
    let posted = 0;
    // A page at a time: a batch may hold a whole restore's rows.
    for (;;) {
      const rows = await this.dataSource.getRepository(WebhookEventRecord).find({
        where: { batchId: payload.batchId, id: MoreThan(after) },
        order: { id: 'ASC' },
        take: EVENTS_PER_PAGE,
      });
      if (rows.length === 0) return;
      const [done, attempts] = await this.history(
        endpoint.id,
        rows.map((r) => r.eventId),
      );
      for (const row of rows) {
        after = row.id;
        if (done.has(row.eventId)) continue;
        const elapsed = performance.now() - started;
        // At least one post per run, so that a continuation always gets somewhere.
        if (posted > 0 && elapsed > this.budgetMs) {
          await this.jobs.enqueue({
            type: WEBHOOK_DELIVER_JOB,
            key: `${endpoint.id}:${payload.batchId}:${row.id}`,
            payload: { ...payload, afterId: row.id - 1 } satisfies BatchPayload,
            runAt: now,
          });
          return;
        }
        const event: WebhookEvent = {
          id: row.eventId,
          type: row.type,
          createdAt: row.createdAt.toISOString(),
          data: JSON.parse(row.data) as unknown,
        };
        // The signature's time is when the post is made, not when the job started.
        const sentAt = new Date(now.getTime() + elapsed);
        await this.post(endpoint, event, (attempts.get(row.eventId) ?? 0) + 1, sentAt);
        posted++;
      }
    }
  }

  /** Which of the events this endpoint has had (a logged success), and attempts per event. */
  private async history(
    endpointId: number,
    eventIds: string[],
  ): Promise<[Set<string>, Map<string, number>]> {
    const done = new Set<string>();
    const attempts = new Map<string, number>();
    for (let start = 0; start < eventIds.length; start += IDS_PER_QUERY) {
      const rows = await this.dataSource.getRepository(WebhookDelivery).find({
        select: { eventId: true, ok: true, attempt: true },
        where: { endpointId, eventId: In(eventIds.slice(start, start + IDS_PER_QUERY)) },
      });
      for (const row of rows) {
        if (row.ok) done.add(row.eventId);
        attempts.set(row.eventId, Math.max(attempts.get(row.eventId) ?? 0, row.attempt));
      }
    }
    return [done, attempts];
  }

  /** One signed post, logged; throws when it failed. */
  private async post(
    endpoint: WebhookEndpoint,
    event: WebhookEvent,
    attempt: number,
    now: Date,
  ): Promise<void> {
    const body = JSON.stringify(event);
    const unix = Math.floor(now.getTime() / 1000);
    let result: PostResult | null = null;
    let error: string | null = null;
    try {
      const secret = this.secrets().open(endpoint.secret);
      result = await postJson(
        endpoint.url,
        body,
        { 'X-Signature': signature(secret, body, unix), 'X-Event-Id': event.id },
        { allowPrivate: this.allowPrivate },
      );
      if (result.statusCode < 200 || result.statusCode >= 300) {
        error = `HTTP ${result.statusCode}`;
      }
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    await this.record(endpoint, event, attempt, result, error, now);
    if (error) throw new Error(`Webhook delivery failed: ${error}`);
  }

  /**
   * Logs the attempt; the endpoint is disabled, with a notice to its owner, after
   * FAILURES_TO_DISABLE failures in a row.
   */
  private async record(
    endpoint: WebhookEndpoint,
    event: WebhookEvent,
    attempt: number,
    result: PostResult | null,
    error: string | null,
    now: Date,
  ): Promise<void> {
    const log = {
      endpointId: endpoint.id,
      eventId: event.id,
      eventType: event.type,
      attempt,
      ok: error === null,
      statusCode: result?.statusCode ?? null,
      responseMs: result?.responseMs ?? null,
      error: error?.slice(0, 300) ?? null,
      createdAt: now,
    };
    if (error === null) {
      // A success in a row of successes (nearly all) is one insert, not a transaction of two.
      await this.dataSource.getRepository(WebhookDelivery).insert(log);
      if (endpoint.consecutiveFailures > 0) {
        await this.dataSource
          .getRepository(WebhookEndpoint)
          .update({ id: endpoint.id }, { consecutiveFailures: 0 });
        endpoint.consecutiveFailures = 0;
      }
      return;
    }
    await inTransaction(this.dataSource, async (manager) => {
      await manager.insert(WebhookDelivery, log);
      await manager.increment(WebhookEndpoint, { id: endpoint.id }, 'consecutiveFailures', 1);
      const current = await manager.findOne(WebhookEndpoint, { where: { id: endpoint.id } });
      if (!current || !current.active || current.consecutiveFailures < FAILURES_TO_DISABLE) return;
      await manager.update(WebhookEndpoint, { id: endpoint.id }, { active: false });
      await this.notifications.add(
        {
          userId: endpoint.userId,
          key: `webhook-disabled:${endpoint.id}:${now.toISOString()}`,
          kind: 'WEBHOOK',
          title: 'A webhook was disabled',
          body: `${endpoint.url} failed ${current.consecutiveFailures} times in a row (last: ${error}). Deliveries to it have stopped.`,
        },
        manager,
      );
    });
  }
}
