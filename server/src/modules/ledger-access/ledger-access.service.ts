import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
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
  /**
   * The caller as this ledger sees them: who adds and changes records. Its `currency` is the
   * ledger's reporting currency (see `reportingCurrency`), which every service reads from here:
   * their own on the personal ledger, the ledger's on a shared one, whatever theirs is, so that
   * the amounts of members with different currencies add up in one budget and one dashboard.
   */
  user: User;
}

/** The currency a ledger reports in: a shared ledger's own, else (personal) its owner's. */
export function reportingCurrency(ledgerCurrency: string | null, owner: User): string {
  return ledgerCurrency ?? owner.currency;
}

/**
 * `user` with the ledger's reporting currency. A copy: the user's own currency (their personal
 * ledger's, and their profile's) stays as it is for everything outside this scope.
 */
function asMemberOf(user: User, currency: string): User {
  if (user.currency === currency) return user;
  return Object.assign(Object.create(Object.getPrototypeOf(user) as object) as User, user, {
    currency,
  });
}

export type Access = 'read' | 'write';

interface Membership {
  ledgerId: number | string;
  role: Role;
  currency: string | null;
}

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
      currency: null,
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

  /** A shared ledger (a household's) with its creator as the first OWNER. */
  async createShared(
    name: string,
    currency: string,
    ownerUserId: number,
    manager: EntityManager,
  ): Promise<Ledger> {
    const now = new Date();
    const ledger = manager.create(Ledger, { name, personalUserId: null, currency, createdAt: now });
    await manager.insert(Ledger, ledger);
    await manager.insert(LedgerMember, {
      ledgerId: ledger.id,
      userId: ownerUserId,
      role: Role.OWNER,
      createdAt: now,
    });
    return ledger;
  }

  async get(ledgerId: number, manager: EntityManager = this.dataSource.manager): Promise<Ledger> {
    const ledger = await manager.findOne(Ledger, { where: { id: ledgerId } });
    if (!ledger) throw notFound('Ledger');
    return ledger;
  }

  /**
   * Holds the ledger's row until the transaction ends, so that two member changes (two owners
   * leaving at once) are decided one after the other. SQLite transactions already take turns.
   */
  async lock(ledgerId: number, manager: EntityManager): Promise<void> {
    if (manager.connection.options.type === 'mysql') {
      await manager.query('SELECT id FROM ledgers WHERE id = ? FOR UPDATE', [ledgerId]);
    }
  }

  /** Every ledger the user belongs to with their role: the personal one first, then by name. */
  async ledgersOf(userId: number): Promise<{ ledger: Ledger; role: Role }[]> {
    const rows: {
      id: number | string;
      name: string;
      personalUserId: number | string | null;
      currency: string;
      createdAt: Date | string;
      role: Role;
    }[] = await this.dataSource.query(
      'SELECT l.id AS id, l.name AS name, l.personalUserId AS personalUserId, ' +
        'COALESCE(l.currency, u.currency) AS currency, ' +
        'l.createdAt AS createdAt, m.role AS role FROM ledger_members m ' +
        'INNER JOIN ledgers l ON l.id = m.ledgerId ' +
        'LEFT JOIN users u ON u.id = l.personalUserId WHERE m.userId = ?',
      [userId],
    );
    return rows
      .map((r) => ({
        ledger: Object.assign(new Ledger(), {
          id: Number(r.id),
          name: r.name,
          personalUserId: r.personalUserId === null ? null : Number(r.personalUserId),
          currency: r.currency,
          createdAt: new Date(r.createdAt),
        }),
        role: r.role,
      }))
      .sort(
        (a, b) =>
          Number(b.ledger.personalUserId !== null) - Number(a.ledger.personalUserId !== null) ||
          a.ledger.name.localeCompare(b.ledger.name) ||
          a.ledger.id - b.ledger.id,
      );
  }

  /** The ledger's members, longest-standing first. */
  members(
    ledgerId: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LedgerMember[]> {
    return manager.find(LedgerMember, {
      where: { ledgerId },
      order: { createdAt: 'ASC', userId: 'ASC' },
    });
  }

  /** The reporting currency of several ledgers at once (for a DataLoader), by ledger id. */
  async reportingCurrencies(ledgerIds: readonly number[]): Promise<Map<number, string>> {
    if (ledgerIds.length === 0) return new Map();
    const rows: { id: number | string; currency: string }[] = await this.dataSource.query(
      'SELECT l.id AS id, COALESCE(l.currency, u.currency) AS currency FROM ledgers l ' +
        'LEFT JOIN users u ON u.id = l.personalUserId ' +
        `WHERE l.id IN (${ledgerIds.map(() => '?').join(', ')})`,
      [...ledgerIds],
    );
    return new Map(rows.map((r) => [Number(r.id), r.currency]));
  }

  /** The members of several ledgers at once (for a DataLoader), longest-standing first. */
  membersOfMany(ledgerIds: readonly number[]): Promise<LedgerMember[]> {
    if (ledgerIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(LedgerMember).find({
      where: { ledgerId: In([...ledgerIds]) },
      order: { createdAt: 'ASC', userId: 'ASC' },
    });
  }

  async roleOf(
    ledgerId: number,
    userId: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Role | null> {
    const member = await manager.findOne(LedgerMember, { where: { ledgerId, userId } });
    return member?.role ?? null;
  }

  /** Adds the member; false (and nothing changed) when they already are one. */
  async addMember(
    ledgerId: number,
    userId: number,
    role: Role,
    manager: EntityManager,
  ): Promise<boolean> {
    if (await this.roleOf(ledgerId, userId, manager)) return false;
    await manager.insert(LedgerMember, { ledgerId, userId, role, createdAt: new Date() });
    return true;
  }

  async setRole(ledgerId: number, userId: number, role: Role, manager: EntityManager) {
    await manager.update(LedgerMember, { ledgerId, userId }, { role });
  }

  async removeMember(ledgerId: number, userId: number, manager: EntityManager): Promise<void> {
    await manager.delete(LedgerMember, { ledgerId, userId });
  }

  async rename(ledgerId: number, name: string, manager: EntityManager): Promise<void> {
    await manager.update(Ledger, { id: ledgerId }, { name });
  }

  /** Deletes the ledger; everything that belongs to it goes with it (ON DELETE CASCADE). */
  async delete(ledgerId: number, manager: EntityManager): Promise<void> {
    await manager.delete(Ledger, { id: ledgerId });
  }

  async nameOf(ledgerId: number): Promise<string> {
    const ledger = await this.dataSource.getRepository(Ledger).findOne({ where: { id: ledgerId } });
    if (!ledger) throw notFound('Ledger');
    return ledger.name;
  }

  /** The ledger and the caller's role there, whatever the role. */
  async resolve(user: User, ledgerId: unknown): Promise<LedgerScope> {
    const row: Membership | undefined =
      ledgerId === undefined || ledgerId === null
        ? (
            await this.dataSource.query(
              'SELECT m.ledgerId AS ledgerId, m.role AS role, l.currency AS currency FROM ledgers l ' +
                'INNER JOIN ledger_members m ON m.ledgerId = l.id AND m.userId = l.personalUserId ' +
                'WHERE l.personalUserId = ?',
              [user.id],
            )
          )[0]
        : await this.membership(user.id, ledgerId);
    if (!row) throw notFound('Ledger');
    return {
      ledgerId: Number(row.ledgerId),
      role: row.role,
      user: asMemberOf(user, reportingCurrency(row.currency, user)),
    };
  }

  /** A restore into a shared ledger brings the export's currency with it (the ledger is empty). */
  async setCurrency(ledgerId: number, currency: string, manager: EntityManager): Promise<void> {
    await manager.update(Ledger, { id: ledgerId, personalUserId: IsNull() }, { currency });
  }

  /** True for a user's personal ledger, which follows its owner's currency. */
  async isPersonal(ledgerId: number, manager: EntityManager): Promise<boolean> {
    return (await this.get(ledgerId, manager)).personalUserId !== null;
  }

  private async membership(userId: number, rawLedgerId: unknown): Promise<Membership | undefined> {
    const id =
      typeof rawLedgerId === 'string' || typeof rawLedgerId === 'number'
        ? parseId(String(rawLedgerId))
        : null;
    if (id === null) return undefined;
    const rows: Membership[] = await this.dataSource.query(
      'SELECT m.ledgerId AS ledgerId, m.role AS role, l.currency AS currency ' +
        'FROM ledger_members m INNER JOIN ledgers l ON l.id = m.ledgerId ' +
        'WHERE m.ledgerId = ? AND m.userId = ?',
      [id, userId],
    );
    return rows[0];
  }
}
