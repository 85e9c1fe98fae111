import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../db/transaction';
import { Job, type JobStatus } from './job.entity';

/** Anything that tells the time: the system clock in service, a fake one in tests. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface EnqueueOptions {
  type: string;
  /** Makes the enqueue idempotent: a second job of the same type and key is not made. */
  key?: string;
  payload?: unknown;
  runAt?: Date;
}

/** Puts work in the jobs table; the runner (job-runner.ts) takes it from there. */
export class JobService {
  /** Called after an enqueue, so that a running runner ticks soon instead of within a minute. */
  onEnqueue: (() => void) | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Adds a job, inside the caller's transaction when `manager` is given (the job then exists
   * exactly when the caller's writes do). Answers false when a job of that type and key was
   * already there.
   */
  async enqueue(options: EnqueueOptions, manager?: EntityManager): Promise<boolean> {
    const now = this.clock.now();
    const target = manager ?? this.dataSource.manager;
    try {
      await target.insert(Job, {
        type: options.type,
        key: options.key ?? randomUUID(),
        payload: JSON.stringify(options.payload ?? null),
        runAt: options.runAt ?? now,
        status: 'pending',
        attempts: 0,
        lastError: null,
        lockedBy: null,
        lockedUntil: null,
        createdAt: now,
        updatedAt: now,
      });
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
    this.onEnqueue?.();
    return true;
  }

  /** A job by type and key: for tests and for a caller that wants to know how its job went. */
  find(type: string, key: string): Promise<Job | null> {
    return this.dataSource.manager.findOne(Job, { where: { type, key } });
  }

  /**
   * What an operator looks at (`npm run jobs`): how many jobs are in each status, and the jobs
   * that failed for good or failed and wait for a retry, most recently updated first.
   */
  async troubles(limit = 50): Promise<JobTroubles> {
    const rows: { status: JobStatus; count: number | string }[] = await this.dataSource
      .createQueryBuilder(Job, 'job')
      .select('job.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .groupBy('job.status')
      .getRawMany();
    const counts: Record<JobStatus, number> = { pending: 0, running: 0, done: 0, failed: 0 };
    for (const row of rows) counts[row.status] = Number(row.count);
    const failing = await this.dataSource
      .createQueryBuilder(Job, 'job')
      .where("job.status = 'failed'")
      .orWhere("job.status IN ('pending', 'running') AND job.lastError IS NOT NULL")
      .orderBy('job.updatedAt', 'DESC')
      .addOrderBy('job.id', 'DESC')
      .limit(limit)
      .getMany();
    return { counts, failing };
  }
}

export interface JobTroubles {
  counts: Record<JobStatus, number>;
  /** Failed for good (status failed), or failed at least once and waiting to be retried. */
  failing: Job[];
}
