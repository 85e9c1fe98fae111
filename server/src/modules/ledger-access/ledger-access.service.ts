import type { DataSource, EntityManager } from 'typeorm';
import { AppError, notFound } from '../../errors';
import { parseId } from '../../lib/ids';
import type { User } from '../users/user.entity';
import { Ledger, Role } from './ledger.entity';
import { LedgerMember } from './ledger-member.entity';

/**
 * The one answer to "which ledger does this request act on, and may it": every service that
 * reads or writes money takes a scope, never a bare user id, so that a shared ledger's members
 * reach its records through the same queries as the owner.
 */
export interface LedgerScope {
  ledgerId: number;
  role: Role;
  /** The caller: who adds and changes records, and whose reporting currency applies. */
  user: User;
}

export type Access = 'read' | 'write';

export const PERSONAL_LEDGER_NAME = 'Personal';

/** The scope itself when its role allows `access`; a VIEWER's write is FORBIDDEN. */
export function requireAccess(scope: LedgerScope, access: Access): LedgerScope {
  if (access === 'write' && scope.role === Role.VIEWER) {
    throw new AppError('FORBIDDEN', 'Viewers of this ledger cannot change it');
  }
  return scope;
}

export class LedgerAccessService {
  constructor(private readonly dataSource: DataSource) {}

  /** The personal ledger of a new user, made in the registration's transaction. */
  async createPersonal(userId: number, manager: EntityManager): Promise<Ledger> {
    const now = new Date();
    const ledger = manager.create(Ledger, {
      name: PERSONAL_LEDGER_NAME,
      personalUserId: userId,
      createdAt: now,
    });
    await manager.insert(Ledger, ledger);
    await manager.insert(LedgerMember, {
      ledgerId: ledger.id,
      userId,
      role: Role.OWNER,
      createdAt: now,
    });
    return ledger;
  }

  /**
   * The ledger `ledgerId` names (default: the caller's personal ledger) with the caller's role.
   * A ledger the caller is not a member of answers NOT_FOUND, exactly like one that does not
   * exist; a VIEWER asking to write answers FORBIDDEN.
   */
  async scope(user: User, ledgerId: unknown, access: Access): Promise<LedgerScope> {
    return requireAccess(await this.resolve(user, ledgerId), access);
  }

  async nameOf(ledgerId: number): Promise<string> {
    const ledger = await this.dataSource.getRepository(Ledger).findOne({ where: { id: ledgerId } });
    if (!ledger) throw notFound('Ledger');
    return ledger.name;
  }

  /** The ledger and the caller's role there, whatever the role. */
  async resolve(user: User, ledgerId: unknown): Promise<LedgerScope> {
    const row: { ledgerId: number | string; role: Role } | undefined =
      ledgerId === undefined || ledgerId === null
        ? (
            await this.dataSource.query(
              'SELECT m.ledgerId AS ledgerId, m.role AS role FROM ledgers l ' +
                'INNER JOIN ledger_members m ON m.ledgerId = l.id AND m.userId = l.personalUserId ' +
                'WHERE l.personalUserId = ?',
              [user.id],
            )
          )[0]
        : await this.membership(user.id, ledgerId);
    if (!row) throw notFound('Ledger');
    return { ledgerId: Number(row.ledgerId), role: row.role, user };
  }

  private async membership(
    userId: number,
    rawLedgerId: unknown,
  ): Promise<{ ledgerId: number; role: Role } | undefined> {
    const id =
      typeof rawLedgerId === 'string' || typeof rawLedgerId === 'number'
        ? parseId(String(rawLedgerId))
        : null;
    if (id === null) return undefined;
    const rows: { ledgerId: number | string; role: Role }[] = await this.dataSource.query(
      'SELECT ledgerId, role FROM ledger_members WHERE ledgerId = ? AND userId = ?',
      [id, userId],
    );
    return rows[0] ? { ledgerId: Number(rows[0].ledgerId), role: rows[0].role } : undefined;
  }
}
