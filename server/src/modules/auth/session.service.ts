import { createHash, randomBytes } from 'node:crypto';
import { LessThan, type DataSource } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import { Session } from './session.entity';

const HOUR = 60 * 60 * 1000;
/** OWASP Session Management: idle timeout 12 h, absolute lifetime 30 days. */
export const SESSION_IDLE_MS = 12 * HOUR;
export const SESSION_ABSOLUTE_MS = 30 * 24 * HOUR;
/** Idle expiry is pushed forward at most this often, so that reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export const hashSessionToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class SessionService {
  constructor(private readonly dataSource: DataSource) {}

  /** Starts a session; the returned secret goes in the cookie and is never stored. */
  async create(userId: number): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const session = this.dataSource.getRepository(Session).create({
      tokenHash: hashSessionToken(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
      absoluteExpiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    });
    await inTransaction(this.dataSource, (manager) => manager.insert(Session, session));
    return { token, session };
  }

  /** The live session a cookie names, or null; expired sessions are deleted on sight. */
  async resolve(token: string): Promise<Session | null> {
    const repository = this.dataSource.getRepository(Session);
    const session = await repository.findOne({ where: { tokenHash: hashSessionToken(token) } });
    if (!session) return null;
    const now = Date.now();
    if (session.expiresAt.getTime() <= now || session.absoluteExpiresAt.getTime() <= now) {
      await inTransaction(this.dataSource, (manager) =>
        manager.delete(Session, { id: session.id }),
      );
      return null;
    }
    if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      session.lastSeenAt = new Date(now);
      session.expiresAt = new Date(
        Math.min(now + SESSION_IDLE_MS, session.absoluteExpiresAt.getTime()),
      );
      await inTransaction(this.dataSource, (manager) =>
        manager.update(
          Session,
          { id: session.id },
          { lastSeenAt: session.lastSeenAt, expiresAt: session.expiresAt },
        ),
      );
    }
    return session;
  }

  async revoke(sessionId: number): Promise<void> {
    await inTransaction(this.dataSource, (manager) => manager.delete(Session, { id: sessionId }));
  }

  /** Ends every session of a user but `keepSessionId` (the one changing the password). */
  async revokeAllForUser(userId: number, keepSessionId?: number): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const query = manager
        .createQueryBuilder()
        .delete()
        .from(Session)
        .where('userId = :userId', { userId });
      if (keepSessionId !== undefined) query.andWhere('id <> :keep', { keep: keepSessionId });
      await query.execute();
    });
  }

  async deleteExpired(): Promise<void> {
    await inTransaction(this.dataSource, (manager) =>
      manager.delete(Session, { expiresAt: LessThan(new Date()) }),
    );
  }
}
