import { In, type DataSource, type EntityManager } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import { AppError, badInput, notFound } from '../../errors';
import { currencyDigits } from '../../lib/currencies';
import { parseId } from '../../lib/ids';
import { money } from '../../lib/money';
import { requireText } from '../../lib/validate';
import type { LedgerAccessService, LedgerScope } from '../ledger-access/ledger-access.service';
import { requireCurrency } from '../ledger/currency';
import { requireEmail, type UserService } from '../users/user.service';
import { balances, settleUp, type Movement } from './allocation';
import { GroupExpense, GroupExpenseSplit, GroupSettlement } from './group-expense.entity';
import { GroupMember, SplitGroup } from './group.entity';
import { requireIban } from './iban';
import type { GroupMemberView, GroupView } from './splitting.types';

export interface MemberFields {
  name?: unknown;
  email?: unknown;
  iban?: unknown;
}

export interface GroupFields {
  name?: unknown;
  currency?: unknown;
  members?: MemberFields[];
}

const MEMBERS_MAX = 50;
const given = (value: unknown) => value !== undefined && value !== null && value !== '';

/** Groups and their members, and the balances and settle-up suggestions built from them. */
export class GroupService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledgers: LedgerAccessService,
    private readonly users: UserService,
  ) {}

  async list(ledgerId: number): Promise<GroupView[]> {
    const groups = await this.dataSource.manager.find(SplitGroup, {
      where: { ledgerId },
      order: { name: 'ASC', id: 'ASC' },
    });
    return this.views(ledgerId, groups);
  }

  async view(ledgerId: number, id: unknown): Promise<GroupView> {
    const group = await this.get(ledgerId, id, this.dataSource.manager);
    return (await this.views(ledgerId, [group]))[0];
  }

  /** The ledger's group; another ledger's, or none, is NOT_FOUND. */
  async get(
    ledgerId: number,
    id: unknown,
    manager: EntityManager,
    field?: string,
  ): Promise<SplitGroup> {
    const numericId = typeof id === 'string' || typeof id === 'number' ? parseId(id) : null;
    const group =
      numericId === null
        ? null
        : await manager.findOne(SplitGroup, { where: { id: numericId, ledgerId } });
    if (!group) {
      if (field) throw badInput(field, 'Group not found');
      throw notFound('Group');
    }
    return group;
  }

  /** The group's members in member order. */
  members(groupId: number, manager: EntityManager): Promise<GroupMember[]> {
    return manager.find(GroupMember, {
      where: { groupId },
      order: { position: 'ASC', id: 'ASC' },
    });
  }

  create(scope: LedgerScope, fields: GroupFields): Promise<GroupView> {
    const name = requireText(fields.name, 'name', 'Name', 100);
    const currency = requireCurrency(fields.currency, 'currency');
    const members = Array.isArray(fields.members) ? fields.members : [];
    if (members.length === 0) throw badInput('members', 'Add at least one member');
    if (members.length > MEMBERS_MAX) {
      throw badInput('members', `A group has at most ${MEMBERS_MAX} members`);
    }
    return inTransaction(this.dataSource, async (manager) => {
      const now = new Date();
      const group = manager.create(SplitGroup, {
        ledgerId: scope.ledgerId,
        name,
        currency,
        createdByUserId: scope.user.id,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(SplitGroup, group);
      for (const [index, member] of members.entries()) {
        const values = await this.validateMember(scope, member, `members.${index}.`);
        await manager.insert(GroupMember, {
          ...values,
          groupId: group.id,
          ledgerId: scope.ledgerId,
          position: index,
          createdAt: now,
        });
      }
      return (await this.views(scope.ledgerId, [group], manager))[0];
    });
  }

  update(scope: LedgerScope, id: string, fields: GroupFields): Promise<GroupView> {
    const name = requireText(fields.name, 'name', 'Name', 100);
    const currency = requireCurrency(fields.currency, 'currency');
    return inTransaction(this.dataSource, async (manager) => {
      const group = await this.get(scope.ledgerId, id, manager);
      if (currency !== group.currency && (await this.hasRecords(group.id, manager))) {
        throw badInput('currency', 'The currency cannot change once the group has expenses');
      }
      await manager.update(SplitGroup, { id: group.id }, { name, currency, updatedAt: new Date() });
      return (await this.views(scope.ledgerId, [{ ...group, name, currency }], manager))[0];
    });
  }

  /**
   * Deletes the group's rows, inside the caller's transaction: the members' shares in their own
   * ledgers are the expense service's to remove first.
   */
  async remove(group: SplitGroup, manager: EntityManager): Promise<void> {
    await manager.delete(GroupExpenseSplit, { groupId: group.id });
    await manager.delete(GroupExpense, { groupId: group.id });
    await manager.delete(GroupSettlement, { groupId: group.id });
    await manager.delete(GroupMember, { groupId: group.id });
    await manager.delete(SplitGroup, { id: group.id });
  }

  addMember(scope: LedgerScope, groupId: string, fields: MemberFields): Promise<GroupView> {
    return inTransaction(this.dataSource, async (manager) => {
      const group = await this.get(scope.ledgerId, groupId, manager);
      const members = await this.members(group.id, manager);
      if (members.length >= MEMBERS_MAX) {
        throw badInput('groupId', `A group has at most ${MEMBERS_MAX} members`);
      }
      const values = await this.validateMember(scope, fields, '');
      await manager.insert(GroupMember, {
        ...values,
        groupId: group.id,
        ledgerId: scope.ledgerId,
        position: members.reduce((max, m) => Math.max(max, m.position), -1) + 1,
        createdAt: new Date(),
      });
      return (await this.views(scope.ledgerId, [group], manager))[0];
    });
  }

  /** A new email links the member to that user from the next expense on. */
  updateMember(scope: LedgerScope, memberId: string, fields: MemberFields): Promise<GroupView> {
    return inTransaction(this.dataSource, async (manager) => {
      const member = await this.member(scope.ledgerId, memberId, manager);
      const values = await this.validateMember(scope, fields, '');
      await manager.update(GroupMember, { id: member.id }, values);
      const group = await this.get(scope.ledgerId, member.groupId, manager);
      return (await this.views(scope.ledgerId, [group], manager))[0];
    });
  }

  removeMember(scope: LedgerScope, memberId: string): Promise<GroupView> {
    return inTransaction(this.dataSource, async (manager) => {
      const member = await this.member(scope.ledgerId, memberId, manager);
      const [paid, parts, settled] = await Promise.all([
        manager.count(GroupExpense, { where: { paidByMemberId: member.id } }),
        manager.count(GroupExpenseSplit, { where: { memberId: member.id } }),
        manager.count(GroupSettlement, {
          where: [{ fromMemberId: member.id }, { toMemberId: member.id }],
        }),
      ]);
      if (paid + parts + settled > 0) {
        throw badInput(
          'id',
          `${member.name} is part of expenses or settlements; change or delete those first`,
        );
      }
      await manager.delete(GroupMember, { id: member.id });
      const group = await this.get(scope.ledgerId, member.groupId, manager);
      return (await this.views(scope.ledgerId, [group], manager))[0];
    });
  }

  private async member(ledgerId: number, id: unknown, manager: EntityManager) {
    const numericId = typeof id === 'string' ? parseId(id) : null;
    const member =
      numericId === null
        ? null
        : await manager.findOne(GroupMember, { where: { id: numericId, ledgerId } });
    if (!member) throw notFound('Member');
    return member;
  }

  private async hasRecords(groupId: number, manager: EntityManager): Promise<boolean> {
    const [expenses, settlements] = await Promise.all([
      manager.count(GroupExpense, { where: { groupId } }),
      manager.count(GroupSettlement, { where: { groupId } }),
    ]);
    return expenses + settlements > 0;
  }

  /**
   * A member's fields. The email links the member to an app user only when that user is a member
   * of the group's ledger (the caller, or their household): a stranger's email must not let
   * anyone write into the stranger's own ledger. Also a restore's members (splitting.portable.ts).
   */
  async validateMember(scope: LedgerScope, fields: MemberFields, prefix: string) {
    const name = requireText(fields.name, `${prefix}name`, 'Name', 100);
    const email = given(fields.email) ? requireEmail(fields.email, `${prefix}email`) : null;
    const iban = given(fields.iban) ? requireIban(fields.iban, `${prefix}iban`) : null;
    let userId: number | null = null;
    if (email) {
      const user = await this.users.findByLogin(email);
      if (user) {
        try {
          await this.ledgers.resolve(user, scope.ledgerId);
          userId = user.id;
        } catch (error) {
          if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
        }
      }
    }
    return { name, email, iban, userId };
  }

  /**
   * Full views of the groups: members, balances and settle-up, from a fixed number of queries
   * however many groups there are (sums per member in SQL).
   */
  async views(
    ledgerId: number,
    groups: SplitGroup[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<GroupView[]> {
    if (groups.length === 0) return [];
    const ids = groups.map((g) => g.id);
    const members = await manager.find(GroupMember, {
      where: { groupId: In(ids) },
      order: { position: 'ASC', id: 'ASC' },
    });
    const memberViews = await this.memberViews(members);
    const movements = await this.movements(ledgerId, ids, manager);
    const counts: { groupId: number | string; count: number | string }[] = await manager.query(
      `SELECT groupId, COUNT(*) AS count FROM group_expenses WHERE ledgerId = ? AND groupId IN (${ids.map(() => '?').join(', ')}) GROUP BY groupId`,
      [ledgerId, ...ids],
    );
    return groups.map((group) => {
      const own = members.filter((m) => m.groupId === group.id);
      const digits = currencyDigits(group.currency);
      const entries = balances(
        own.map((m) => m.id),
        movements.get(group.id) ?? [],
      );
      const view = (id: number) => memberViews.get(id)!;
      return {
        id: group.id,
        name: group.name,
        currency: group.currency,
        members: own.map((m) => view(m.id)),
        balances: entries.map((e) => ({
          member: view(e.memberId),
          balance: money(e.balance, digits),
        })),
        settlements: settleUp(entries).map((t) => ({
          from: view(t.from),
          to: view(t.to),
          amount: money(t.amount, digits),
        })),
        expenseCount: Number(counts.find((c) => Number(c.groupId) === group.id)?.count ?? 0),
      };
    });
  }

  /** Views of members with their linked users, in one query for the users. */
  async memberViews(members: GroupMember[]): Promise<Map<number, GroupMemberView>> {
    const userIds = [...new Set(members.flatMap((m) => (m.userId === null ? [] : [m.userId])))];
    const users = new Map((await this.users.findByIds(userIds)).map((u) => [u.id, u]));
    return new Map(
      members.map((m) => [
        m.id,
        {
          id: m.id,
          name: m.name,
          email: m.email,
          iban: m.iban,
          user: m.userId === null ? null : (users.get(m.userId) ?? null),
        },
      ]),
    );
  }

  /** What each member paid, owes and settled, summed per group and member in SQL. */
  private async movements(
    ledgerId: number,
    groupIds: number[],
    manager: EntityManager,
  ): Promise<Map<number, Movement[]>> {
    const marks = groupIds.map(() => '?').join(', ');
    type Row = { groupId: number | string; memberId: number | string; amount: string | number };
    const sum = (sql: string): Promise<Row[]> => manager.query(sql, [ledgerId, ...groupIds]);
    const [paid, parts, sent, received] = await Promise.all([
      sum(
        'SELECT groupId, paidByMemberId AS memberId, CAST(SUM(groupAmountMinor) AS CHAR) AS amount ' +
          `FROM group_expenses WHERE ledgerId = ? AND groupId IN (${marks}) GROUP BY groupId, paidByMemberId`,
      ),
      sum(
        'SELECT s.groupId AS groupId, s.memberId AS memberId, CAST(SUM(s.amountMinor) AS CHAR) AS amount ' +
          'FROM group_expense_splits s INNER JOIN group_expenses e ON e.id = s.expenseId ' +
          `WHERE e.ledgerId = ? AND s.groupId IN (${marks}) GROUP BY s.groupId, s.memberId`,
      ),
      sum(
        'SELECT groupId, fromMemberId AS memberId, CAST(SUM(amountMinor) AS CHAR) AS amount ' +
          `FROM group_settlements WHERE ledgerId = ? AND groupId IN (${marks}) GROUP BY groupId, fromMemberId`,
      ),
      sum(
        'SELECT groupId, toMemberId AS memberId, CAST(SUM(amountMinor) AS CHAR) AS amount ' +
          `FROM group_settlements WHERE ledgerId = ? AND groupId IN (${marks}) GROUP BY groupId, toMemberId`,
      ),
    ]);
    const result = new Map<number, Movement[]>();
    const add = (rows: Row[], sign: bigint) => {
      for (const row of rows) {
        const groupId = Number(row.groupId);
        const list = result.get(groupId) ?? [];
        list.push({ memberId: Number(row.memberId), amount: sign * BigInt(String(row.amount)) });
        result.set(groupId, list);
      }
    };
    add(paid, 1n);
    add(parts, -1n);
    add(sent, 1n);
    add(received, -1n);
    return result;
  }
}
