import { createHash } from 'node:crypto';
import { IsNull, LessThan, type DataSource } from 'typeorm';
import { inTransaction, isUniqueViolation } from '../../db/transaction';
import { AppError, badInput } from '../../errors';
import { IdempotencyKey } from './idempotency-key.entity';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** How long a key and its answer are kept (the contract promises 24 hours). */
export const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * A key whose mutation has not answered after this long belongs to a request that died with its
 * process (a crash, a kill after the drain timeout): it may be taken over. Far above any request
 * we serve, so that a slow request is not run twice.
 */
export const ABANDONED_AFTER_MS = 5 * 60 * 1000;

/** Expired rows are swept at most this often per instance, on the way through a claim. */
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;

// Visible ASCII only: what HTTP carries unchanged, and what a script can write and log safely.
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface IdempotentRequest {
  query?: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

export type Claim = { kind: 'claimed'; id: number } | { kind: 'replay'; response: string };

export class IdempotencyService {
  private lastSweepMs = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws BAD_USER_INPUT unless `key` is 1 to 255 characters of visible ASCII. */
  assertValidKey(key: string): void {
    if (!KEY_PATTERN.test(key)) {
      throw badInput(
        IDEMPOTENCY_HEADER,
        'Idempotency-Key must be 1 to 255 visible ASCII characters (no spaces)',
      );
    }
  }

  /**
   * Takes `key` for this request, or answers it from an earlier run: the stored answer when the
   * same request already succeeded; BAD_USER_INPUT when the key was used for another request;
   * CONFLICT while the same request is still running elsewhere.
   */
  async claim(userId: number, key: string, request: IdempotentRequest): Promise<Claim> {
    this.assertValidKey(key);
    await this.sweepExpired();
    const requestHash = hashRequest(request);
    // Each pass either takes the key or meets the row that holds it; a row removed between the
    // two (expired, abandoned, or its mutation failed) sends us round once more.
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = this.now();
      try {
        const id = await inTransaction(this.dataSource, async (manager) => {
          const inserted = await manager.insert(IdempotencyKey, {
            userId,
            key,
            requestHash,
            response: null,
            createdAt: new Date(now),
            expiresAt: new Date(now + KEY_LIFETIME_MS),
          });
          return Number(inserted.identifiers[0].id);
        });
        return { kind: 'claimed', id };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      const held = await this.repository().findOne({ where: { userId, key } });
      if (!held) continue;
      if (held.expiresAt.getTime() <= now) {
        await this.remove(held.id);
        continue;
      }
      if (held.requestHash !== requestHash) {
        throw badInput(
          IDEMPOTENCY_HEADER,
          'This Idempotency-Key was already used for a different request; use a new key',
        );
      }
      if (held.response !== null) return { kind: 'replay', response: held.response };
      if (now - held.createdAt.getTime() > ABANDONED_AFTER_MS) {
        await this.remove(held.id, true);
        continue;
      }
      break;
    }
    throw new AppError(
      'CONFLICT',
      'A request with this Idempotency-Key is still running; retry it in a moment to get its answer',
      IDEMPOTENCY_HEADER,
    );
  }

  /** Keeps the answer of a claimed request that succeeded. */
  async complete(id: number, response: string): Promise<void> {
    await inTransaction(this.dataSource, (manager) =>
      manager.update(IdempotencyKey, { id }, { response }),
    );
  }

  /** Frees the key of a claimed request that failed, so that it may be retried. */
  async release(id: number): Promise<void> {
    await this.remove(id, true);
  }

  private async remove(id: number, onlyUnanswered = false): Promise<void> {
    await inTransaction(this.dataSource, (manager) =>
      manager.delete(IdempotencyKey, onlyUnanswered ? { id, response: IsNull() } : { id }),
    );
  }

  /** No job runner exists yet: claims clear out expired keys now and then. */
  private async sweepExpired(): Promise<void> {
    const now = this.now();
    if (now - this.lastSweepMs < SWEEP_INTERVAL_MS) return;
    this.lastSweepMs = now;
    await inTransaction(this.dataSource, (manager) =>
      manager.delete(IdempotencyKey, { expiresAt: LessThan(new Date(now)) }),
    );
  }

  private repository() {
    return this.dataSource.getRepository(IdempotencyKey);
  }
}

/** The same request hashes alike however its JSON orders the keys of its variables. */
export function hashRequest(request: IdempotentRequest): string {
  const canonical = JSON.stringify([
    request.query ?? '',
    request.operationName ?? null,
    sortKeys(request.variables ?? {}),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
