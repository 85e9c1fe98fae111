import { randomBytes } from 'node:crypto';
import { Brackets, LessThan, type DataSource } from 'typeorm';
import { log } from '../../log';
import { Job } from './job.entity';
import { systemClock, type Clock, type JobService } from './job.service';

export interface JobContext {
  job: Job;
  payload: unknown;
  /** The runner's clock at the tick: handlers take "now" from here, never from Date. */
  now: Date;
}

export type JobHandler = (context: JobContext) => Promise<void>;

export interface HandlerOptions {
  /** A run that takes longer fails (and is retried). The lease outlasts it by LEASE_MARGIN_MS. */
  timeoutMs?: number;
  /** Attempts before the job is left as failed. */
  maxAttempts?: number;
}

export type PeriodicSchedule = { everyMs: number } | { dailyAt: string };

interface Registered {
  handler: JobHandler;
  timeoutMs: number;
  maxAttempts: number;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;
const DEFAULT_MAX_ATTEMPTS = 5;
/** Time for the runner to record the outcome after the handler settled. */
const LEASE_MARGIN_MS = 60_000;
export const TICK_INTERVAL_MS = 60_000;
/** Jobs claimed per tick and instance: a backlog is worked through over several ticks. */
const CLAIM_BATCH = 20;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 6 * 60 * 60_000;
/** Finished jobs are kept this long (visible for inspection), then swept. */
const KEEP_DONE_MS = 7 * 24 * 60 * 60_000;

/** 30 s, 1 min, 2 min, ... up to 6 h: a failing job does not hammer what it depends on. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/** The start of the period `now` falls in, and a key naming it. */
function currentPeriod(schedule: PeriodicSchedule, now: Date): { key: string; runAt: Date } {
  if ('everyMs' in schedule) {
    const start = new Date(Math.floor(now.getTime() / schedule.everyMs) * schedule.everyMs);
    return { key: start.toISOString(), runAt: start };
  }
  const [hours, minutes] = schedule.dailyAt.split(':').map(Number);
  const day = now.toISOString().slice(0, 10);
  const runAt = new Date(`${day}T00:00:00.000Z`);
  runAt.setUTCHours(hours, minutes);
  return { key: day, runAt };
}

/**
 * Runs the jobs of the jobs table, on any number of instances at once. A tick makes this
 * period's row of each periodic job (one row per period key: N instances make it once), claims
 * due jobs one by one with a conditional UPDATE that only one instance can win, runs them and
 * records the outcome. A crashed instance's claims expire with their lease and are claimed
 * again; what a handler writes must therefore be keyed so that a rerun changes nothing.
 */
export class JobRunner {
  readonly instanceId = `${process.pid}-${randomBytes(4).toString('hex')}`;
  private readonly handlers = new Map<string, Registered>();
  private readonly periodic: { type: string; schedule: PeriodicSchedule }[] = [];
  private interval: NodeJS.Timeout | null = null;
  private kickTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly timeouts = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobService,
    private readonly clock: Clock = systemClock,
  ) {}

  register(type: string, handler: JobHandler, options: HandlerOptions = {}): void {
    this.handlers.set(type, {
      handler,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    });
  }

  /** A job made once per period (`everyMs`, or daily at `HH:MM` UTC), whoever ticks first. */
  registerPeriodic(
    type: string,
    schedule: PeriodicSchedule,
    handler: JobHandler,
    options: HandlerOptions = {},
  ): void {
    if ('dailyAt' in schedule && !/^([01]\d|2[0-3]):[0-5]\d$/.test(schedule.dailyAt)) {
      throw new Error(`dailyAt must be HH:MM, got ${schedule.dailyAt}`);
    }
    this.register(type, handler, { maxAttempts: 1, ...options });
    this.periodic.push({ type, schedule });
  }

  /** Ticks about once a minute until stop(); the timer does not keep the process alive. */
  start(): void {
    if (this.interval) return;
    this.stopped = false;
    this.jobs.onEnqueue = () => this.kick();
    this.interval = setInterval(() => void this.tickSafely(), TICK_INTERVAL_MS);
    this.interval.unref();
    this.kick();
  }

  /** A tick soon (not now: the enqueuing transaction may not have committed yet). */
  kick(): void {
    if (!this.interval || this.kickTimer) return;
    this.kickTimer = setTimeout(() => {
      this.kickTimer = null;
      void this.tickSafely();
    }, 200);
    this.kickTimer.unref();
  }

  /** Stops ticking and waits for the tick in progress (bounded by the handlers' timeouts). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.interval) clearInterval(this.interval);
    if (this.kickTimer) clearTimeout(this.kickTimer);
    this.interval = null;
    this.kickTimer = null;
    this.jobs.onEnqueue = null;
    await this.running?.catch(() => undefined);
  }

  /**
   * Stops dead, as a killed process would: no more ticks, and a run in progress never records
   * its outcome (its timeout timer is dropped), so its lease must run out. For tests.
   */
  abandon(): void {
    this.stopped = true;
    if (this.interval) clearInterval(this.interval);
    for (const timer of this.timeouts) clearTimeout(timer);
    this.timeouts.clear();
  }

  private async tickSafely(): Promise<void> {
    if (this.running) return;
    this.running = this.tick(this.clock.now())
      .then(() => undefined)
      .catch((error: unknown) => log('error', 'Job tick failed', { error }))
      .finally(() => {
        this.running = null;
      });
    await this.running;
  }

  /** One round: make periodic jobs, then claim and run due jobs. Answers how many ran. */
  async tick(now: Date = this.clock.now()): Promise<number> {
    for (const { type, schedule } of this.periodic) {
      const period = currentPeriod(schedule, now);
      await this.jobs.enqueue({ type, key: period.key, runAt: period.runAt });
    }
    let ran = 0;
    for (;;) {
      const candidates = await this.dueJobs(now);
      if (candidates.length === 0 || this.stopped) break;
      let claimedAny = false;
      for (const candidate of candidates) {
        if (this.stopped) break;
        const claimed = await this.claim(candidate, now);
        if (!claimed) continue;
        claimedAny = true;
        await this.run(claimed, now);
        ran++;
      }
      if (!claimedAny || candidates.length < CLAIM_BATCH) break;
    }
    await this.sweep(now);
    return ran;
  }

  private dueJobs(now: Date): Promise<Job[]> {
    return this.dataSource
      .getRepository(Job)
      .createQueryBuilder('j')
      .where('j.type IN (:...types)', { types: [...this.handlers.keys(), ''] })
      .andWhere(this.claimable(now))
      .orderBy('j.runAt', 'ASC')
      .addOrderBy('j.id', 'ASC')
      .limit(CLAIM_BATCH)
      .getMany();
  }

  /** Pending and due, or running under a lease that ran out. */
  private claimable(now: Date): Brackets {
    return new Brackets((q) =>
      q
        .where("(j.status = 'pending' AND j.runAt <= :now)", { now })
        .orWhere("(j.status = 'running' AND j.lockedUntil < :now)", { now }),
    );
  }

  /**
   * Claims by a conditional UPDATE that repeats the claimable condition: of two instances
   * updating the same row, the second finds it no longer claimable and changes nothing.
   */
  private async claim(job: Job, now: Date): Promise<Job | null> {
    const registered = this.handlers.get(job.type);
    if (!registered) return null;
    const lockedUntil = new Date(now.getTime() + registered.timeoutMs + LEASE_MARGIN_MS);
    const result = await this.dataSource
      .createQueryBuilder()
      .update(Job)
      .set({
        status: 'running',
        lockedBy: this.instanceId,
        lockedUntil,
        attempts: () => 'attempts + 1',
        updatedAt: now,
      })
      .where('id = :id', { id: job.id })
      .andWhere(
        new Brackets((q) =>
          q
            .where("(status = 'pending' AND runAt <= :now)", { now })
            .orWhere("(status = 'running' AND lockedUntil < :now)", { now }),
        ),
      )
      .execute();
    if (result.affected !== 1) return null;
    return Object.assign(job, {
      status: 'running',
      lockedBy: this.instanceId,
      lockedUntil,
      attempts: job.attempts + 1,
    });
  }

  private async run(job: Job, now: Date): Promise<void> {
    const registered = this.handlers.get(job.type) as Registered;
    let failure: unknown = null;
    try {
      await this.withTimeout(
        registered.handler({ job, payload: JSON.parse(job.payload) as unknown, now }),
        registered.timeoutMs,
      );
    } catch (error) {
      failure = error;
    }
    // Only the lease holder records the outcome: a job whose lease ran out may be another's now.
    const mine = { id: job.id, lockedBy: this.instanceId, status: 'running' as const };
    const finishedAt = this.clock.now();
    if (failure === null) {
      await this.dataSource.getRepository(Job).update(mine, {
        status: 'done',
        lockedBy: null,
        lockedUntil: null,
        lastError: null,
        updatedAt: finishedAt,
      });
      return;
    }
    const message = failure instanceof Error ? failure.message : String(failure);
    log('error', 'Job failed', {
      type: job.type,
      id: job.id,
      attempts: job.attempts,
      error: failure,
    });
    const gaveUp = job.attempts >= registered.maxAttempts;
    await this.dataSource.getRepository(Job).update(mine, {
      status: gaveUp ? 'failed' : 'pending',
      runAt: gaveUp ? job.runAt : new Date(finishedAt.getTime() + backoffMs(job.attempts)),
      lockedBy: null,
      lockedUntil: null,
      lastError: message.slice(0, 1000),
      updatedAt: finishedAt,
    });
  }

  private withTimeout(work: Promise<void>, timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`Timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref();
      this.timeouts.add(timer);
    });
    return Promise.race([work, timeout]).finally(() => {
      if (timer) {
        clearTimeout(timer);
        this.timeouts.delete(timer);
      }
    });
  }

  /** Drops finished jobs older than a week, a bounded number per tick. */
  private async sweep(now: Date): Promise<void> {
    const old = await this.dataSource.getRepository(Job).find({
      select: { id: true },
      where: { status: 'done', updatedAt: LessThan(new Date(now.getTime() - KEEP_DONE_MS)) },
      take: 500,
    });
    if (old.length > 0) await this.dataSource.getRepository(Job).delete(old.map((j) => j.id));
  }
}
