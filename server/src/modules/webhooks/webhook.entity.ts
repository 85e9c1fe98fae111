import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A URL a ledger's events are posted to, signed with its secret. */
@Entity('webhook_endpoints')
export class WebhookEndpoint {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  /** Who registered it: told when it is disabled. */
  @Column({ type: 'integer' })
  userId!: number;

  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  /** Comma-separated event types. */
  @Column({ type: 'varchar', length: 500 })
  events!: string;

  /**
   * The signing secret, encrypted (secret-box.ts: "v1:" and 88 characters), not a hash: the
   * server must sign with it. Only the server reads it; the API shows it once, when it is made
   * (at creation or rotation).
   */
  @Column({ type: 'varchar', length: 100 })
  secret!: string;

  @Column({ type: 'boolean' })
  active!: boolean;

  /** Failed attempts since the last success: at FAILURES_TO_DISABLE the endpoint is disabled. */
  @Column({ type: 'integer' })
  consecutiveFailures!: number;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}

/** One attempt to deliver one event: the delivery log. Response bodies are not kept. */
@Entity('webhook_deliveries')
export class WebhookDelivery {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  endpointId!: number;

  @Column({ type: 'varchar', length: 36 })
  eventId!: string;

  @Column({ type: 'varchar', length: 40 })
  eventType!: string;

  @Column({ type: 'integer' })
  attempt!: number;

  @Column({ type: 'boolean' })
  ok!: boolean;

  @Column({ type: 'integer', nullable: true })
  statusCode!: number | null;

  @Column({ type: 'integer', nullable: true })
  responseMs!: number | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  error!: string | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}

/**
 * An event announced once per thing it is about (a target exceeded in a month, a bill's
 * occurrence): its key is unique per ledger, so a second announcement, from a later write or
 * another instance, collides instead of posting twice.
 */
@Entity('webhook_once')
export class WebhookOnce {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  @Column({ type: 'varchar', length: 191 })
  eventKey!: string;

  @Column({ type: 'varchar', length: 36 })
  eventId!: string;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}

/**
 * An event, stored once however many endpoints listen: their delivery jobs name its batch (the
 * events of one write) rather than carry it, so a 100,000-row import queues a job per write
 * batch and endpoint, not per row. Kept a week: long past the last retry.
 */
@Entity('webhook_events')
export class WebhookEventRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  /** The id receivers dedupe by. */
  @Column({ type: 'varchar', length: 36 })
  eventId!: string;

  @Column({ type: 'integer' })
  ledgerId!: number;

  @Column({ type: 'varchar', length: 36 })
  batchId!: string;

  @Column({ type: 'varchar', length: 40 })
  type!: string;

  /** JSON. */
  @Column({ type: 'text' })
  data!: string;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
