import { createHash } from 'node:crypto';
import type { SqlClient } from './db';

/** The caller as the bare endpoints see them: user, reporting currency, personal ledger. */
export interface BareCaller {
  userId: number;
  currency: string;
  ledgerId: number;
}

const toTime = (value: unknown): number =>
  value instanceof Date ? value.getTime() : Date.parse(`${String(value).replace(' ', 'T')}Z`);

/**
 * The caller of a live session token (the `sid` cookie), or null: the session and its user in
 * one joined statement, then the personal ledger, as the app resolves them.
 */
export async function sessionCaller(db: SqlClient, token: string): Promise<BareCaller | null> {
  const tokenHash = createHash('sha256').update(token).digest('hex');
  const [row] = await db.query(
    'SELECT s.expiresAt AS expiresAt, s.absoluteExpiresAt AS absoluteExpiresAt, ' +
      'u.id AS userId, u.currency AS currency FROM sessions s ' +
      'INNER JOIN users u ON u.id = s.userId WHERE s.tokenHash = ?',
    [tokenHash],
  );
  const now = Date.now();
  if (!row || toTime(row.expiresAt) <= now || toTime(row.absoluteExpiresAt) <= now) return null;
  const [ledger] = await db.query(
    'SELECT m.ledgerId AS ledgerId, m.role AS role FROM ledgers l ' +
      'INNER JOIN ledger_members m ON m.ledgerId = l.id AND m.userId = l.personalUserId ' +
      'WHERE l.personalUserId = ?',
    [row.userId],
  );
  if (!ledger) return null;
  return {
    userId: Number(row.userId),
    currency: String(row.currency),
    ledgerId: Number(ledger.ledgerId),
  };
}

/** Statements per bare caller lookup: the joined session and user, then the ledger. */
export const SESSION_STATEMENTS = 2;
