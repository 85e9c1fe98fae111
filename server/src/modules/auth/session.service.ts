import { createHash, randomBytes } from 'node:crypto';
import { LessThan, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import { User } from '../users/user.entity';
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

  /**
   * The live session a cookie names with its user, or null (an expired one is deleted on sight):
   * one joined statement read into plain rows, since every signed-in request starts here and a
   * second round trip and TypeORM's find machinery cost more than the lookup itself.
   */
  async resolveWithUser(token: string): Promise<{ session: Session; user: User } | null> {
    const select = [...this.columns(Session, 's'), ...this.columns(User, 'u')].join(', ');
    const [row]: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${select} FROM ${this.table(Session)} s INNER JOIN ${this.table(User)} u ` +
        'ON u.id = s.userId WHERE s.tokenHash = ?',
      [hashSessionToken(token)],
    );
    if (!row) return null;
    const session = this.hydrate(Session, row, 's');
    if (!(await this.keepAlive(session))) return null;
    return { session, user: this.hydrate(User, row, 'u') };
  }

  /** False (after deleting it) for an expired session; pushes a live one's idle expiry on. */
  private async keepAlive(session: Session): Promise<boolean> {
    const now = Date.now();
    if (session.expiresAt.getTime() <= now || session.absoluteExpiresAt.getTime() <= now) {
      await inTransaction(this.dataSource, (manager) =>
        manager.delete(Session, { id: session.id }),
      );
      return false;
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
    return true;
  }

  private table(entity: EntityTarget<ObjectLiteral>): string {
    return this.dataSource.driver.escape(this.dataSource.getMetadata(entity).tableName);
  }

  /** Every column of the entity, aliased `<alias>_<column>` so that two tables never clash. */
  private columns(entity: EntityTarget<ObjectLiteral>, alias: string): string[] {
    const { driver } = this.dataSource;
    return this.dataSource
      .getMetadata(entity)
      .columns.map(
        (c) =>
          `${alias}.${driver.escape(c.databaseName)} AS ${driver.escape(`${alias}_${c.databaseName}`)}`,
      );
  }

  /** The entity from its aliased columns, through the driver's own conversions and transformers. */
  private hydrate<T extends ObjectLiteral>(
    entity: new () => T,
    row: Record<string, unknown>,
    alias: string,
  ): T {
    const result = new entity();
    const { driver } = this.dataSource;
    for (const column of this.dataSource.getMetadata(entity).columns) {
      const raw = row[`${alias}_${column.databaseName}`];
      column.setEntityValue(result, driver.prepareHydratedValue(raw, column));
    }
    return result;
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
