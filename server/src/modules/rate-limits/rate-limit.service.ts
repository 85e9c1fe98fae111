import type { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../../errors';
import { inTransaction, isUniqueViolation } from '../../db/transaction';
import { DEFAULT_LIMITS, type Limit, type LimitName, type Limits } from './limits';
import { RateLimit } from './rate-limit.entity';

export function tooManyRequests(retryAfterMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const wait = seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  return new AppError('TOO_MANY_REQUESTS', `Too many attempts; try again in ${wait}`, undefined, {
    retryAfterSeconds: seconds,
  });
}

/**
 * Counters kept in the database, so that every server instance enforces the same limits.
 * Reaching a limit blocks the bucket for one window; each time it is reached again before a
 * quiet spell, the block doubles (up to maxBlockMs).
 */
export class RateLimitService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly limits: Limits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws TOO_MANY_REQUESTS while the bucket is blocked. */
  async assertAllowed(name: LimitName, key: string): Promise<void> {
    const limit = this.limits[name];
    const row = await this.dataSource
      .getRepository(RateLimit)
      .findOne({ where: { bucket: bucketOf(limit, key) } });
    const now = this.now();
    if (row?.blockedUntilMs && row.blockedUntilMs > now)
      throw tooManyRequests(row.blockedUntilMs - now);
  }

  /** Counts one event; the event that reaches the limit starts the block. */
  async record(name: LimitName, key: string): Promise<void> {
    const limit = this.limits[name];
    const bucket = bucketOf(limit, key);
    const write = () =>
      inTransaction(this.dataSource, async (manager) => {
        const row = await this.lockedRow(manager, bucket);
        const now = this.now();
        if (!row) {
          await manager.insert(RateLimit, {
            bucket,
            count: 1,
            windowStartMs: now,
            blockedUntilMs: limit.max <= 1 ? now + limit.windowMs : null,
            strikes: limit.max <= 1 ? 1 : 0,
          });
          return;
        }
        const quiet = now - Math.max(row.windowStartMs, row.blockedUntilMs ?? 0) > limit.maxBlockMs;
        const windowOver = now - row.windowStartMs >= limit.windowMs;
        let { count, windowStartMs, strikes } = row;
        let blockedUntilMs = row.blockedUntilMs;
        if (quiet) strikes = 0;
        if (windowOver) {
          count = 0;
          windowStartMs = now;
        }
        count += 1;
        if (count >= limit.max) {
          blockedUntilMs = now + Math.min(limit.windowMs * 2 ** strikes, limit.maxBlockMs);
          strikes += 1;
          count = 0;
          windowStartMs = now;
        }
        await manager.update(
          RateLimit,
          { id: row.id },
          { count, windowStartMs, blockedUntilMs, strikes },
        );
      });
    try {
      await write();
    } catch (error) {
      // Two first events for one bucket at once: the other inserted the row; count on it.
      if (!isUniqueViolation(error)) throw error;
      await write();
    }
  }

  /** Checks, then counts: for limits where every attempt counts (resets, registrations). */
  async consume(name: LimitName, key: string): Promise<void> {
    await this.assertAllowed(name, key);
    await this.record(name, key);
  }

  /** Forgets the bucket's failures (a successful login). */
  async clear(name: LimitName, key: string): Promise<void> {
    const limit = this.limits[name];
    await inTransaction(this.dataSource, (manager) =>
      manager.update(RateLimit, { bucket: bucketOf(limit, key) }, { count: 0 }),
    );
  }

  private async lockedRow(manager: EntityManager, bucket: string): Promise<RateLimit | null> {
    const query = manager
      .createQueryBuilder(RateLimit, 'r')
      .where('r.bucket = :bucket', { bucket });
    // On MySQL, concurrent requests of other instances must wait for this one's count.
    if (manager.connection.options.type === 'mysql') query.setLock('pessimistic_write');
    return query.getOne();
  }
}

function bucketOf(limit: Limit, key: string): string {
  return `${limit.name}:${key}`.slice(0, 200);
}
