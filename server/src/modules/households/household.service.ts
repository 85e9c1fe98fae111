import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import { AppError, badInput, notFound } from '../../errors';
import { parseId } from '../../lib/ids';
import { requireText } from '../../lib/validate';
import type { CategoryService } from '../categories/category.service';
import type { AccountService } from '../ledger/account.service';
import { requireCurrency } from '../ledger/currency';
import type { TransactionActivityService } from '../ledger/transaction-activity.service';
import type { LedgerAccessService, LedgerScope } from '../ledger-access/ledger-access.service';
import { Ledger, Role } from '../ledger-access/ledger.entity';
import type { User } from '../users/user.entity';
import { LedgerEvent, type LedgerEventType } from './ledger-event.entity';

export const NAME_MAX = 100;

/** Members are managed by owners; a VIEWER or EDITOR asking answers FORBIDDEN. */
export function requireOwner(scope: LedgerScope): void {
  if (scope.role !== Role.OWNER) {
    throw new AppError('FORBIDDEN', 'Only an owner of this ledger can manage its members');
  }
}

export function requireRole(value: unknown, field = 'role'): Role {
  if (value === Role.OWNER || value === Role.EDITOR || value === Role.VIEWER) return value;
  throw badInput(field, 'Role must be OWNER, EDITOR or VIEWER');
}

/**
 * Shared ledgers (households) and their members. A user's personal ledger is never shared: it
 * is theirs alone and goes with their account, so its membership never changes; a household
 * gets a ledger of its own, which outlives any one member as long as it has an owner.
 */
export class HouseholdService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledgers: LedgerAccessService,
    private readonly categories: CategoryService,
    private readonly accounts: AccountService,
    private readonly transactionActivity: TransactionActivityService,
  ) {}

  /** The caller's ledgers, each with the caller's role: personal first, then by name. */
  async list(user: User): Promise<Ledger[]> {
    const rows = await this.ledgers.ledgersOf(user.id);
    return rows.map(({ ledger, role }) => Object.assign(ledger, { role }));
  }

  async get(scope: LedgerScope): Promise<Ledger> {
    return Object.assign(await this.ledgers.get(scope.ledgerId), { role: scope.role });
  }

  /**
   * A new shared ledger with the usual categories and one account in its reporting currency
   * (the creator's unless they choose another).
   */
  async create(user: User, rawName: unknown, rawCurrency?: unknown): Promise<Ledger> {
    const name = requireText(rawName, 'name', 'Name', NAME_MAX);
    const currency =
      rawCurrency === undefined || rawCurrency === null || rawCurrency === ''
        ? user.currency
        : requireCurrency(rawCurrency, 'currency');
    return inTransaction(this.dataSource, async (manager) => {
      const ledger = await this.ledgers.createShared(name, currency, user.id, manager);
      await this.categories.createDefaults(ledger.id, user.id, manager);
      await this.accounts.createDefault(ledger.id, currency, manager);
      await this.record(manager, ledger.id, 'LEDGER_CREATED', user.id, null, name);
      return Object.assign(ledger, { role: Role.OWNER });
    });
  }

  async rename(scope: LedgerScope, rawName: unknown): Promise<Ledger> {
    requireOwner(scope);
    const name = requireText(rawName, 'name', 'Name', NAME_MAX);
    await inTransaction(this.dataSource, async (manager) => {
      await this.ledgers.rename(scope.ledgerId, name, manager);
      await this.record(manager, scope.ledgerId, 'LEDGER_RENAMED', scope.user.id, null, name);
    });
    return this.get(scope);
  }

  /**
   * Deletes a shared ledger that holds no transactions (accounts, categories and budgets go with
   * it). One with history is kept: money records are not thrown away by one click of one member.
   */
  async delete(scope: LedgerScope): Promise<void> {
    requireOwner(scope);
    await this.requireShared(scope.ledgerId);
    const count = await this.transactionActivity.countIn(scope.ledgerId);
    if (count > 0) {
      throw badInput(
        'ledgerId',
        `Only an empty ledger can be deleted: this one holds ${count} transaction${count === 1 ? '' : 's'}`,
      );
    }
    await inTransaction(this.dataSource, (manager) => this.ledgers.delete(scope.ledgerId, manager));
  }

  /** Any member may leave, except the last owner, who hands ownership over first. */
  async leave(scope: LedgerScope): Promise<void> {
    await this.requireShared(scope.ledgerId);
    await inTransaction(this.dataSource, async (manager) => {
      await this.ledgers.lock(scope.ledgerId, manager);
      const role = await this.ledgers.roleOf(scope.ledgerId, scope.user.id, manager);
      if (!role) throw notFound('Ledger');
      if (role === Role.OWNER && (await this.ownerCount(scope.ledgerId, manager)) === 1) {
        throw badInput(
          'ledgerId',
          'You are the last owner of this ledger: hand ownership over to another member first',
        );
      }
      await this.ledgers.removeMember(scope.ledgerId, scope.user.id, manager);
      await this.record(manager, scope.ledgerId, 'MEMBER_LEFT', scope.user.id, scope.user.id);
    });
  }

  /**
   * Takes a member out of the ledger. Access is decided per request from the membership, so
   * their open sessions and API tokens lose the ledger with the next request.
   */
  async remove(scope: LedgerScope, rawUserId: unknown): Promise<void> {
    requireOwner(scope);
    await this.requireShared(scope.ledgerId);
    const userId = this.requireUserId(rawUserId);
    if (userId === scope.user.id) {
      throw badInput('userId', 'To take yourself out of this ledger, leave it');
    }
    await inTransaction(this.dataSource, async (manager) => {
      await this.ledgers.lock(scope.ledgerId, manager);
      if (!(await this.ledgers.roleOf(scope.ledgerId, userId, manager))) throw notFound('Member');
      await this.ledgers.removeMember(scope.ledgerId, userId, manager);
      await this.record(manager, scope.ledgerId, 'MEMBER_REMOVED', scope.user.id, userId);
    });
  }

  async changeRole(scope: LedgerScope, rawUserId: unknown, rawRole: unknown): Promise<void> {
    requireOwner(scope);
    await this.requireShared(scope.ledgerId);
    const userId = this.requireUserId(rawUserId);
    const role = requireRole(rawRole);
    await inTransaction(this.dataSource, async (manager) => {
      await this.ledgers.lock(scope.ledgerId, manager);
      const current = await this.ledgers.roleOf(scope.ledgerId, userId, manager);
      if (!current) throw notFound('Member');
      if (current === role) return;
      if (current === Role.OWNER && (await this.ownerCount(scope.ledgerId, manager)) === 1) {
        throw badInput(
          'role',
          'A ledger needs an owner: hand ownership over to another member first',
        );
      }
      await this.ledgers.setRole(scope.ledgerId, userId, role, manager);
      await this.record(manager, scope.ledgerId, 'ROLE_CHANGED', scope.user.id, userId, role);
    });
  }

  /** The member becomes an OWNER and the caller an EDITOR, in one step. */
  async transferOwnership(scope: LedgerScope, rawUserId: unknown): Promise<Ledger> {
    requireOwner(scope);
    await this.requireShared(scope.ledgerId);
    const userId = this.requireUserId(rawUserId);
    if (userId === scope.user.id) throw badInput('userId', 'You already own this ledger');
    await inTransaction(this.dataSource, async (manager) => {
      await this.ledgers.lock(scope.ledgerId, manager);
      if (!(await this.ledgers.roleOf(scope.ledgerId, userId, manager))) throw notFound('Member');
      await this.ledgers.setRole(scope.ledgerId, userId, Role.OWNER, manager);
      await this.ledgers.setRole(scope.ledgerId, scope.user.id, Role.EDITOR, manager);
      await this.record(manager, scope.ledgerId, 'OWNERSHIP_TRANSFERRED', scope.user.id, userId);
    });
    return Object.assign(await this.ledgers.get(scope.ledgerId), { role: Role.EDITOR });
  }

  /** Refuses the personal ledger: see the class comment. */
  async requireShared(ledgerId: number, manager?: EntityManager): Promise<Ledger> {
    const ledger = await this.ledgers.get(ledgerId, manager);
    if (ledger.personalUserId !== null) {
      throw badInput(
        'ledgerId',
        'Your personal ledger is yours alone: create a shared ledger to share with others',
      );
    }
    return ledger;
  }

  async record(
    manager: EntityManager,
    ledgerId: number,
    type: LedgerEventType,
    actorUserId: number | null,
    subjectUserId: number | null,
    detail: string | null = null,
  ): Promise<void> {
    await manager.insert(LedgerEvent, {
      ledgerId,
      type,
      actorUserId,
      subjectUserId,
      detail: detail === null ? null : [...detail].slice(0, 254).join(''),
      createdAt: new Date(),
    });
  }

  private async ownerCount(ledgerId: number, manager: EntityManager): Promise<number> {
    const members = await this.ledgers.members(ledgerId, manager);
    return members.filter((m) => m.role === Role.OWNER).length;
  }

  private requireUserId(raw: unknown): number {
    const id = typeof raw === 'string' || typeof raw === 'number' ? parseId(raw) : null;
    if (id === null) throw notFound('Member');
    return id;
  }
}
