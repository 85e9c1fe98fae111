import { randomBytes, randomUUID } from 'node:crypto';
import { In, LessThan, Like, Not, type DataSource, type EntityManager } from 'typeorm';
import { inTransaction, isUniqueViolation } from '../../db/transaction';
import { badInput, notFound } from '../../errors';
import { parseId } from '../../lib/ids';
import type { JobService } from '../jobs/job.service';
import type { WrittenEvent } from '../ledger/transaction.service';
import type { NotificationService } from '../notifications/notification.service';
import {
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEventRecord,
  WebhookOnce,
} from './webhook.entity';
import {
  WEBHOOK_DELIVER_JOB,
  WebhookDeliverer,
  type BatchPayload,
  type LegacyPayload,
  type WebhookEvent,
} from './webhook-delivery';
import {
  requireEvents,
  requireUrl,
  transactionData,
  WEBHOOK_EVENTS,
  type WebhookEventType,
} from './webhook-fields';
import { isSealed, type SecretBox } from './secret-box';

export { FAILURES_TO_DISABLE, WEBHOOK_DELIVER_JOB, signature } from './webhook-delivery';
export { WEBHOOK_EVENTS, type WebhookEventType };

/** Jobs of this type (one per event) were queued before events were stored in batches. */
export const WEBHOOK_EVENT_JOB = 'webhooks.event';
/** Attempts per delivery: with the runner's backoff (30 s doubling) about two hours of retries. */
export const DELIVERY_MAX_ATTEMPTS = 8;
export const ENDPOINTS_PER_LEDGER_MAX = 20;
const DELIVERIES_PAGE_MAX = 100;
/** Events are kept this long: past the last retry of their delivery (about two hours). */
export const EVENTS_KEPT_MS = 7 * 24 * 60 * 60_000;
/** Rows per INSERT when storing a batch of events. */
const EVENTS_PER_INSERT = 200;

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

/**
 * Webhook endpoints and their events. The events of one write (a batch) are stored once, in the
 * writer's transaction, with one delivery job per subscribed endpoint naming the batch (keyed by
 * endpoint and batch): nothing is queued per event, a rerun after a crash makes nothing twice,
 * and receivers dedupe by the event id. Delivery itself: webhook-delivery.ts.
 */
export class WebhookService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobService,
    private readonly notifications: NotificationService,
    private readonly allowPrivate: boolean,
    /** Made on first use: a server without webhooks never reads or makes a key. */
    private readonly secretBox: () => SecretBox,
  ) {
    this.deliverer = new WebhookDeliverer(
      dataSource,
      jobs,
      notifications,
      allowPrivate,
      () => this.secrets,
    );
  }

  readonly deliverer: WebhookDeliverer;
  private box: SecretBox | null = null;
  private get secrets(): SecretBox {
    this.box ??= this.secretBox();
    return this.box;
  }

  /** A new endpoint and its secret, which is never shown again. */
  async create(
    ledgerId: number,
    userId: number,
    url: string,
    events: string[],
  ): Promise<{ secret: string; endpoint: WebhookEndpoint }> {
    const secret = newSecret();
    const endpoint = Object.assign(new WebhookEndpoint(), {
      ledgerId,
      userId,
      url: requireUrl(url, this.allowPrivate),
      events: requireEvents(events).join(','),
      secret: this.secrets.seal(secret),
      active: true,
      consecutiveFailures: 0,
      createdAt: new Date(),
    });
    const repo = this.dataSource.getRepository(WebhookEndpoint);
    if ((await repo.count({ where: { ledgerId } })) >= ENDPOINTS_PER_LEDGER_MAX) {
      throw badInput('url', `At most ${ENDPOINTS_PER_LEDGER_MAX} endpoints per ledger`);
    }
    await repo.insert(endpoint);
    return { secret, endpoint };
  }

  /**
   * Changes what is given, checked as at creation. Re-enabling forgets the failures that
   * disabled the endpoint: else its next failure would disable it again at once.
   */
  async update(
    ledgerId: number,
    id: string,
    changes: { url?: string | null; events?: string[] | null; active?: boolean | null },
  ): Promise<WebhookEndpoint> {
    const endpoint = await this.find(ledgerId, id);
    const patch: Partial<WebhookEndpoint> = {};
    if (changes.url != null) patch.url = requireUrl(changes.url, this.allowPrivate);
    if (changes.events != null) patch.events = requireEvents(changes.events).join(',');
    if (changes.active != null) {
      patch.active = changes.active;
      if (changes.active && !endpoint.active) patch.consecutiveFailures = 0;
    }
    if (Object.keys(patch).length > 0) await this.write(endpoint, patch);
    return Object.assign(endpoint, patch);
  }

  /**
   * A new signing secret, shown this once like at creation: every delivery from now on, retries
   * of earlier events included, is signed with it.
   */
  async rotateSecret(
    ledgerId: number,
    id: string,
  ): Promise<{ secret: string; endpoint: WebhookEndpoint }> {
    const endpoint = await this.find(ledgerId, id);
    const secret = newSecret();
    endpoint.secret = this.secrets.seal(secret);
    await this.write(endpoint, { secret: endpoint.secret });
    return { secret, endpoint };
  }

  private async find(ledgerId: number, id: string): Promise<WebhookEndpoint> {
    const numeric = parseId(id);
    const endpoint = numeric
      ? await this.dataSource.getRepository(WebhookEndpoint).findOneBy({ id: numeric, ledgerId })
      : null;
    if (!endpoint) throw notFound('Webhook');
    return endpoint;
  }

  /** Deleted meanwhile: not found, as it would have been a moment later. */
  private async write(endpoint: WebhookEndpoint, patch: Partial<WebhookEndpoint>): Promise<void> {
    const result = await this.dataSource
      .getRepository(WebhookEndpoint)
      .update({ id: endpoint.id, ledgerId: endpoint.ledgerId }, patch);
    if (!result.affected) throw notFound('Webhook');
  }

  list(ledgerId: number): Promise<WebhookEndpoint[]> {
    return this.dataSource
      .getRepository(WebhookEndpoint)
      .find({ where: { ledgerId }, order: { id: 'ASC' } });
  }

  async delete(ledgerId: number, id: string): Promise<boolean> {
    const numeric = parseId(id);
    const result = numeric
      ? await this.dataSource.getRepository(WebhookEndpoint).delete({ id: numeric, ledgerId })
      : { affected: 0 };
    if (!result.affected) throw notFound('Webhook');
    return true;
  }

  /**
   * The newest `first` attempts of each endpoint, newest first, for many endpoints in two
   * queries (ROW_NUMBER works on SQLite 3.25+ and MariaDB 10.2+ / MySQL 8).
   */
  async deliveries(endpointIds: number[], first = 20): Promise<Map<number, WebhookDelivery[]>> {
    if (!Number.isInteger(first) || first < 1 || first > DELIVERIES_PAGE_MAX) {
      throw badInput('first', `first must be 1 to ${DELIVERIES_PAGE_MAX}`);
    }
    const byEndpoint = new Map<number, WebhookDelivery[]>(endpointIds.map((id) => [id, []]));
    if (endpointIds.length === 0) return byEndpoint;
    const ids: { id: number | string }[] = await this.dataSource.query(
      `SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY endpointId ORDER BY id DESC) AS n
         FROM webhook_deliveries WHERE endpointId IN (${endpointIds.map(() => '?').join(',')})) x
       WHERE n <= ?`,
      [...endpointIds, first],
    );
    const rows =
      ids.length === 0
        ? []
        : await this.dataSource.getRepository(WebhookDelivery).find({
            where: { id: In(ids.map((r) => Number(r.id))) },
            order: { id: 'DESC' },
          });
    for (const row of rows) byEndpoint.get(row.endpointId)?.push(row);
    return byEndpoint;
  }

  /** The ledger's listener: one event per written transaction, when anyone listens. */
  async onTransactionsWritten(
    event: WrittenEvent,
    subscribed: Set<WebhookEventType>,
    manager?: EntityManager,
  ): Promise<void> {
    const type = `transaction.${event.type}` as const;
    if (!subscribed.has(type)) return;
    await this.emitAll(
      event.ledgerId,
      type,
      event.transactions.map((t) => ({ data: transactionData(t) })),
      manager,
    );
  }

  /**
   * The events the ledger's active endpoints listen to: one indexed read, which keeps writes to
   * ledgers without webhooks (nearly all) as cheap as before.
   */
  async subscribedTypes(ledgerId: number, manager?: EntityManager): Promise<Set<WebhookEventType>> {
    const endpoints = await (manager ?? this.dataSource.manager).find(WebhookEndpoint, {
      select: { id: true, events: true },
      where: { ledgerId, active: true },
    });
    return new Set(endpoints.flatMap((e) => e.events.split(',') as WebhookEventType[]));
  }

  /**
   * The ledgers with an active endpoint for `type`: for events found by a periodic job rather
   * than by a write (bill.due). Endpoints are few (at most 20 a ledger), so this reads them all.
   */
  async ledgersListeningTo(type: WebhookEventType): Promise<number[]> {
    const endpoints = await this.dataSource.getRepository(WebhookEndpoint).find({
      select: { ledgerId: true, events: true },
      where: { active: true },
    });
    return [
      ...new Set(
        endpoints.filter((e) => e.events.split(',').includes(type)).map((e) => e.ledgerId),
      ),
    ];
  }

  /**
   * Queues the event unless one with the same `key` was queued for the ledger before (the
   * target exceeded this month, the bill's occurrence): the key's record and the event commit
   * together in `manager`'s transaction, so a crash or a racing instance announces it once.
   * Answers the event id, or null when it was announced already.
   */
  async emitOnce(
    ledgerId: number,
    type: WebhookEventType,
    key: string,
    data: unknown,
    manager: EntityManager,
  ): Promise<string | null> {
    const eventKey = `${type}:${key}`.slice(0, 191);
    if (await manager.exists(WebhookOnce, { where: { ledgerId, eventKey } })) return null;
    const eventId = randomUUID();
    try {
      await manager.insert(WebhookOnce, { ledgerId, eventKey, eventId, createdAt: new Date() });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
    await this.emit(ledgerId, type, data, manager, eventId);
    return eventId;
  }

  /** Queues one event for the ledger's endpoints; other modules call this for their events. */
  async emit(
    ledgerId: number,
    type: WebhookEventType,
    data: unknown,
    manager?: EntityManager,
    id?: string,
  ): Promise<string> {
    const [eventId] = await this.emitAll(ledgerId, type, [{ data, id }], manager);
    return eventId;
  }

  /**
   * Queues a batch of events of one type (a write's rows): stored once, and one delivery job per
   * endpoint listening, inside `manager`'s transaction when given (the events then exist exactly
   * when the write does). Nothing is stored when no endpoint listens. Answers the event ids.
   */
  async emitAll(
    ledgerId: number,
    type: WebhookEventType,
    events: { data: unknown; id?: string }[],
    manager?: EntityManager,
  ): Promise<string[]> {
    const ids = events.map((e) => e.id ?? randomUUID());
    if (events.length === 0) return ids;
    const work = async (m: EntityManager) => {
      const endpoints = (
        await m.find(WebhookEndpoint, {
          select: { id: true, events: true },
          where: { ledgerId, active: true },
          order: { id: 'ASC' },
        })
      ).filter((e) => e.events.split(',').includes(type));
      if (endpoints.length === 0) return;
      const batchId = randomUUID();
      const createdAt = new Date();
      const rows = events.map((e, i) => ({
        eventId: ids[i],
        ledgerId,
        batchId,
        type,
        data: JSON.stringify(e.data),
        createdAt,
      }));
      for (let start = 0; start < rows.length; start += EVENTS_PER_INSERT) {
        await m.insert(WebhookEventRecord, rows.slice(start, start + EVENTS_PER_INSERT));
      }
      for (const endpoint of endpoints) {
        await this.jobs.enqueue(
          {
            type: WEBHOOK_DELIVER_JOB,
            key: `${endpoint.id}:${batchId}`,
            payload: { endpointId: endpoint.id, batchId } satisfies BatchPayload,
          },
          m,
        );
      }
    };
    if (manager) await work(manager);
    else await inTransaction(this.dataSource, work);
    return ids;
  }

  /**
   * A job queued before events were stored (one per event): its event becomes a batch of one,
   * keeping its id, so that it is delivered like any other.
   */
  async fanOut(payload: { ledgerId: number; event: WebhookEvent }): Promise<void> {
    const { ledgerId, event } = payload;
    const stored = await this.dataSource
      .getRepository(WebhookEventRecord)
      .exists({ where: { eventId: event.id } });
    if (stored) return;
    await this.emitAll(ledgerId, event.type as WebhookEventType, [
      { data: event.data, id: event.id },
    ]);
  }

  /** The delivery job: see WebhookDeliverer. */
  deliver(payload: BatchPayload | LegacyPayload, now: Date): Promise<void> {
    return this.deliverer.deliver(payload, now);
  }

  /** Forgets events past any retry of theirs; answers how many. */
  async pruneEvents(now: Date): Promise<number> {
    const result = await this.dataSource
      .getRepository(WebhookEventRecord)
      .delete({ createdAt: LessThan(new Date(now.getTime() - EVENTS_KEPT_MS)) });
    return result.affected ?? 0;
  }

  /**
   * Encrypts the secrets stored in plain text before encryption at rest came in: a periodic
   * job's work, a no-op once none is left. Answers how many it sealed.
   */
  async sealPlainSecrets(): Promise<number> {
    const plain = await this.dataSource.getRepository(WebhookEndpoint).find({
      select: { id: true, secret: true },
      where: { secret: Not(Like('v1:%')) },
    });
    let sealed = 0;
    for (const endpoint of plain) {
      if (isSealed(endpoint.secret)) continue;
      // Conditional: a second instance sealing the same row at once changes nothing more.
      const result = await this.dataSource
        .getRepository(WebhookEndpoint)
        .update(
          { id: endpoint.id, secret: endpoint.secret },
          { secret: this.secrets.seal(endpoint.secret) },
        );
      sealed += result.affected ?? 0;
    }
    return sealed;
  }
}
