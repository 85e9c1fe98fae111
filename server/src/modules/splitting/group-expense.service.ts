import { In, type DataSource, type EntityManager } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import { AppError, badInput, notFound } from '../../errors';
import { currencyDigits } from '../../lib/currencies';
import { parseId } from '../../lib/ids';
import { fromMinor, money } from '../../lib/money';
import { requireAmount, requireDay, requireText } from '../../lib/validate';
import { requireCategoryName } from '../categories/category.service';
import type { LedgerAccessService, LedgerScope } from '../ledger-access/ledger-access.service';
import type { CurrencyConverter } from '../ledger/conversion';
import { requireCurrency } from '../ledger/currency';
import { decodeCursor, encodeCursor, requirePageSize, type Page } from '../ledger/pagination';
import { DESCRIPTION_MAX, type TransactionService } from '../ledger/transaction.service';
import { TransactionKind } from '../ledger/transaction.entity';
import type { UserService } from '../users/user.service';
import { GroupExpense, GroupExpenseSplit } from './group-expense.entity';
import { SplitGroup, type GroupMember } from './group.entity';
import type { GroupService } from './group.service';
import { planSplit, type SplitFields } from './split-input';
import type { GroupExpenseSplitView, GroupExpenseView } from './splitting.types';

export const SHARED_EXPENSES = 'Shared expenses';

export interface GroupExpenseFields {
  groupId?: unknown;
  description?: unknown;
  amount?: unknown;
  currency?: unknown;
  date?: unknown;
  paidByMemberId?: unknown;
  method?: unknown;
  splits?: SplitFields[];
  category?: unknown;
}

interface Validated {
  group: SplitGroup;
  members: GroupMember[];
  row: Omit<GroupExpense, 'id' | 'createdAt' | 'updatedAt' | 'createdByUserId'>;
  parts: { member: GroupMember; value: string | null; amountMinor: bigint }[];
}

const isNotFound = (error: unknown) => error instanceof AppError && error.code === 'NOT_FOUND';

/**
 * A share is booked in the member's own ledger, in their reporting currency, with that ledger's
 * rates: a missing rate there is the member's to enter, which the payer must be told plainly
 * (the rates service would name the payer's own `currency` field, which is not the problem).
 */
function shareError(error: unknown, member: GroupMember): unknown {
  if (!(error instanceof AppError) || error.code !== 'BAD_USER_INPUT') return error;
  const { from, to, date } = error.details ?? {};
  if (from === undefined || to === undefined) return error;
  return new AppError(
    'BAD_USER_INPUT',
    `${member.name}'s share goes to their own ledger, which has no ${from}->${to} exchange ` +
      `rate on or before ${date}: ${member.name} can enter one under Rates, or leave out their email`,
    'splits',
    { from, to, date: String(date) },
  );
}

/**
 * Group expenses and their parts. A member who is an app user gets their part booked as an
 * expense in their own ledger, through the ledger's one write path and in the same database
 * transaction, so that their budget counts their share and not the whole bill.
 */
export class GroupExpenseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly groups: GroupService,
    private readonly rates: CurrencyConverter,
    private readonly transactions: TransactionService,
    private readonly users: UserService,
    private readonly ledgers: LedgerAccessService,
  ) {}

  /** The parts an expense would have, with nothing written: the editor's live preview. */
  async preview(scope: LedgerScope, fields: GroupExpenseFields): Promise<GroupExpenseSplitView[]> {
    const valid = await this.validate(scope, fields, this.dataSource.manager);
    const views = await this.groups.memberViews(valid.members);
    const digits = currencyDigits(valid.group.currency);
    return valid.parts.map((p) => ({
      member: views.get(p.member.id)!,
      value: p.value,
      amount: money(p.amountMinor, digits),
    }));
  }

  add(scope: LedgerScope, fields: GroupExpenseFields): Promise<GroupExpenseView> {
    return inTransaction(this.dataSource, async (manager) => {
      const valid = await this.validate(scope, fields, manager);
      const now = new Date();
      const expense = manager.create(GroupExpense, {
        ...valid.row,
        createdByUserId: scope.user.id,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(GroupExpense, expense);
      await this.writeSplits(expense, valid, new Map(), manager);
      return (await this.views([expense], manager))[0];
    });
  }

  /** The group stays; its members' shares are updated in place (or added, or removed). */
  update(scope: LedgerScope, id: string, fields: GroupExpenseFields): Promise<GroupExpenseView> {
    return inTransaction(this.dataSource, async (manager) => {
      const before = await this.get(scope.ledgerId, id, manager);
      if (String(fields.groupId) !== String(before.groupId)) {
        throw badInput('groupId', 'An expense cannot move to another group');
      }
      const valid = await this.validate(scope, fields, manager);
      const oldSplits = await manager.find(GroupExpenseSplit, { where: { expenseId: before.id } });
      await manager.delete(GroupExpenseSplit, { expenseId: before.id });
      const updatedAt = new Date();
      await manager.update(GroupExpense, { id: before.id }, { ...valid.row, updatedAt });
      const after = Object.assign(new GroupExpense(), before, valid.row, { updatedAt });
      const left = await this.writeSplits(
        after,
        valid,
        new Map(oldSplits.map((s) => [s.memberId, s])),
        manager,
      );
      for (const split of left) await this.deleteShare(split, manager);
      return (await this.views([after], manager))[0];
    });
  }

  delete(scope: LedgerScope, id: string): Promise<boolean> {
    return inTransaction(this.dataSource, async (manager) => {
      const expense = await this.get(scope.ledgerId, id, manager);
      const splits = await manager.find(GroupExpenseSplit, { where: { expenseId: expense.id } });
      for (const split of splits) await this.deleteShare(split, manager);
      await manager.delete(GroupExpenseSplit, { expenseId: expense.id });
      await manager.delete(GroupExpense, { id: expense.id });
      return true;
    });
  }

  /** Deletes a group with its expenses, taking the members' shares out of their ledgers. */
  deleteGroup(scope: LedgerScope, id: string): Promise<boolean> {
    return inTransaction(this.dataSource, async (manager) => {
      const group = await this.groups.get(scope.ledgerId, id, manager);
      const splits = await manager.find(GroupExpenseSplit, { where: { groupId: group.id } });
      for (const split of splits) await this.deleteShare(split, manager);
      await this.groups.remove(group, manager);
      return true;
    });
  }

  /** Newest first, by (date, id). */
  async list(
    ledgerId: number,
    groupId: string,
    first: number,
    after?: string | null,
  ): Promise<Page<GroupExpenseView>> {
    const size = requirePageSize(first);
    const cursor = decodeCursor(after);
    const manager = this.dataSource.manager;
    const group = await this.groups.get(ledgerId, groupId, manager);
    const query = () =>
      manager
        .createQueryBuilder(GroupExpense, 'e')
        .where('e.ledgerId = :ledgerId AND e.groupId = :groupId', { ledgerId, groupId: group.id });
    const page = query()
      .orderBy('e.date', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(size + 1);
    if (cursor) {
      page.andWhere('(e.date < :date OR (e.date = :date AND e.id < :id))', cursor);
    }
    const [rows, totalCount] = await Promise.all([page.getMany(), query().getCount()]);
    const nodes = await this.views(rows.slice(0, size), manager);
    const last = rows.length > size ? rows[size - 1] : null;
    return {
      nodes,
      totalCount,
      hasNextPage: last !== null,
      endCursor: nodes.length ? encodeCursor(rows[nodes.length - 1]) : null,
    };
  }

  private async get(ledgerId: number, id: string, manager: EntityManager): Promise<GroupExpense> {
    const numericId = parseId(id);
    const expense =
      numericId === null
        ? null
        : await manager.findOne(GroupExpense, { where: { id: numericId, ledgerId } });
    if (!expense) throw notFound('Group expense');
    return expense;
  }

  private async validate(
    scope: LedgerScope,
    fields: GroupExpenseFields,
    manager: EntityManager,
  ): Promise<Validated> {
    const group = await this.groups.get(scope.ledgerId, fields.groupId, manager, 'groupId');
    const members = await this.groups.members(group.id, manager);
    const description = requireText(fields.description, 'description', 'Description', 150);
    const date = requireDay(fields.date, 'date');
    const currency =
      fields.currency === undefined || fields.currency === null || fields.currency === ''
        ? group.currency
        : requireCurrency(fields.currency, 'currency');
    const amountMinor = requireAmount(
      fields.amount,
      'amount',
      'Amount',
      currencyDigits(currency),
      'positive',
    );
    const payer = members.find((m) => String(m.id) === String(fields.paidByMemberId));
    if (!payer) throw badInput('paidByMemberId', 'The payer must be a member of this group');
    const category =
      fields.category === undefined || fields.category === null || fields.category === ''
        ? null
        : requireCategoryName(fields.category);
    const converted = await this.rates.convert(
      scope.ledgerId,
      amountMinor,
      currency,
      group.currency,
      date,
      'currency',
    );
    if (converted.amountMinor <= 0n) {
      throw badInput('amount', `Amount is less than one minor unit of ${group.currency}`);
    }
    const { parts } = planSplit({
      method: fields.method,
      splits: fields.splits,
      members,
      amountMinor,
      amountDigits: currencyDigits(currency),
      groupAmount: converted.amountMinor,
    });
    return {
      group,
      members,
      parts,
      row: {
        groupId: group.id,
        ledgerId: scope.ledgerId,
        description,
        date,
        paidByMemberId: payer.id,
        method: fields.method as GroupExpense['method'],
        currency,
        amountMinor: Number(amountMinor),
        groupAmountMinor: Number(converted.amountMinor),
        rate: converted.rate,
        category,
      },
    };
  }

  /**
   * Inserts the parts and books each linked member's share: an earlier share of the same member
   * and user (`previous`) is updated in place. Returns the earlier splits no part took over.
   */
  private async writeSplits(
    expense: GroupExpense,
    valid: Validated,
    previous: Map<number, GroupExpenseSplit>,
    manager: EntityManager,
  ): Promise<GroupExpenseSplit[]> {
    for (const part of valid.parts) {
      const earlier = previous.get(part.member.id);
      previous.delete(part.member.id);
      const userId = part.member.userId;
      let shareTransactionId: number | null = null;
      if (earlier?.shareTransactionId && earlier.shareUserId !== userId) {
        await this.deleteShare(earlier, manager);
      }
      if (userId !== null && part.amountMinor > 0n) {
        const draft = {
          kind: TransactionKind.EXPENSE,
          description: `${valid.group.name}: ${expense.description}`.slice(0, DESCRIPTION_MAX),
          amount: fromMinor(part.amountMinor, currencyDigits(valid.group.currency)),
          currency: valid.group.currency,
          date: expense.date,
          category: expense.category ?? SHARED_EXPENSES,
        };
        const scope = await this.personalScope(userId);
        const reuse = earlier?.shareUserId === userId ? earlier.shareTransactionId : null;
        if (scope && reuse) {
          try {
            const t = await this.transactions.update(
              scope,
              String(reuse),
              draft,
              TransactionKind.EXPENSE,
              { manager },
            );
            shareTransactionId = t.id;
          } catch (error) {
            // The member deleted their copy: that was their choice, it stays deleted.
            if (!isNotFound(error)) throw shareError(error, part.member);
          }
        } else if (scope) {
          const { written } = await this.transactions
            .record(scope, [draft], { manager })
            .catch((error: unknown) => Promise.reject(shareError(error, part.member)));
          shareTransactionId = written[0].id;
        }
      } else if (earlier?.shareTransactionId && earlier.shareUserId === userId) {
        await this.deleteShare(earlier, manager);
      }
      await manager.insert(GroupExpenseSplit, {
        expenseId: expense.id,
        groupId: expense.groupId,
        memberId: part.member.id,
        value: part.value,
        amountMinor: Number(part.amountMinor),
        shareUserId: shareTransactionId === null ? null : userId,
        shareTransactionId,
      });
    }
    return [...previous.values()];
  }

  private async deleteShare(split: GroupExpenseSplit, manager: EntityManager): Promise<void> {
    if (split.shareTransactionId === null || split.shareUserId === null) return;
    const scope = await this.personalScope(split.shareUserId);
    if (!scope) return;
    try {
      await this.transactions.delete(
        scope,
        String(split.shareTransactionId),
        TransactionKind.EXPENSE,
        { manager },
      );
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /** The user's personal ledger, where their shares go; null when the user is gone. */
  private async personalScope(userId: number): Promise<LedgerScope | null> {
    const [user] = await this.users.findByIds([userId]);
    return user ? this.ledgers.resolve(user, null) : null;
  }

  async views(expenses: GroupExpense[], manager: EntityManager): Promise<GroupExpenseView[]> {
    if (expenses.length === 0) return [];
    const groupIds = [...new Set(expenses.map((e) => e.groupId))];
    const [splits, groups] = await Promise.all([
      manager.find(GroupExpenseSplit, { where: { expenseId: In(expenses.map((e) => e.id)) } }),
      Promise.all(groupIds.map((id) => this.groupWithMembers(id, manager))),
    ]);
    const members = groups.flatMap((g) => g.members);
    const order = new Map(members.map((m, i) => [m.id, i]));
    const views = await this.groups.memberViews(members);
    const currencyOf = new Map(groups.map((g) => [g.group.id, g.group.currency]));
    return expenses.map((e) => {
      const groupDigits = currencyDigits(currencyOf.get(e.groupId)!);
      return {
        id: e.id,
        groupId: e.groupId,
        description: e.description,
        amount: money(e.amountMinor, currencyDigits(e.currency)),
        currency: e.currency,
        groupAmount: money(e.groupAmountMinor, groupDigits),
        rate: e.rate,
        date: e.date,
        paidBy: views.get(e.paidByMemberId)!,
        method: e.method,
        category: e.category,
        splits: splits
          .filter((s) => s.expenseId === e.id)
          .sort((a, b) => order.get(a.memberId)! - order.get(b.memberId)!)
          .map((s) => ({
            member: views.get(s.memberId)!,
            value: s.value,
            amount: money(s.amountMinor, groupDigits),
          })),
      };
    });
  }

  private async groupWithMembers(groupId: number, manager: EntityManager) {
    const group = await manager.findOneOrFail(SplitGroup, { where: { id: groupId } });
    return { group, members: await this.groups.members(groupId, manager) };
  }
}
