import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { badInput, notFound } from '../../errors';
import { readFromReplica } from '../../db/data-source';
import { inTransaction } from '../../db/transaction';
import { monthOf, monthRange } from '../../lib/dates';
import { parseId } from '../../lib/ids';
import { requireAmount, requireDay, requireMonth, requireText } from '../../lib/validate';
import {
  categoryKey,
  requireCategoryName,
  type CategoryService,
} from '../categories/category.service';
import { Category } from '../categories/category.entity';
import type { User } from '../users/user.entity';
import { currencyDigits } from '../../lib/currencies';
import { Expense } from './expense.entity';

export interface ExpenseFields {
  description: unknown;
  amount: unknown;
  category: unknown;
  date: unknown;
}

export interface ExpenseFilterFields {
  month?: unknown;
  from?: unknown;
  to?: unknown;
  category?: unknown;
  search?: unknown;
}

export interface ExpensePage {
  nodes: Expense[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

export const DESCRIPTION_MAX = 200;

/** The per-month, per-category sums the dashboard reads (migration 1764600000000). */
export const MONTH_TOTALS_TABLE = 'expense_month_totals';

interface TotalsKey {
  userId: number;
  month: string;
  categoryId: number;
}

/** What one write adds to one row of the month totals: a sum and a count, either signed. */
interface TotalsDelta extends TotalsKey {
  amountMinor: number;
  count: number;
}

interface RecentRow {
  id: number | string;
  description: string;
  amountMinor: string;
  date: string;
  categoryId: number | string;
  categoryName: string;
}

/** A filter the month totals can answer: a month and/or a category, or nothing (all time). */
interface TotalsFilter {
  month?: string;
  categoryId?: number;
}

const keyOf = (e: Pick<Expense, 'userId' | 'date' | 'categoryId'>): TotalsKey => ({
  userId: e.userId,
  month: monthOf(e.date),
  categoryId: e.categoryId,
});

const sameKey = (a: TotalsKey, b: TotalsKey) =>
  a.userId === b.userId && a.month === b.month && a.categoryId === b.categoryId;

/**
 * Applies deltas to the month totals inside the caller's transaction, in key order so that two
 * transactions touching the same two rows lock them in the same order. A row whose count drops
 * to zero is removed: a row exists exactly while some expense falls in it.
 */
async function applyTotals(manager: EntityManager, deltas: TotalsDelta[]): Promise<void> {
  const isMysql = manager.connection.options.type === 'mysql';
  const sorted = deltas
    .filter((d) => d.amountMinor !== 0 || d.count !== 0)
    .sort((a, b) =>
      a.userId !== b.userId
        ? a.userId - b.userId
        : a.month !== b.month
          ? a.month < b.month
            ? -1
            : 1
          : a.categoryId - b.categoryId,
    );
  for (const d of sorted) {
    const key = [d.userId, d.month, d.categoryId];
    if (d.count > 0) {
      await manager.query(
        `INSERT INTO ${MONTH_TOTALS_TABLE} (userId, month, categoryId, amountMinor, expenseCount) ` +
          'VALUES (?, ?, ?, ?, ?) ' +
          (isMysql
            ? 'ON DUPLICATE KEY UPDATE amountMinor = amountMinor + ?, expenseCount = expenseCount + ?'
            : 'ON CONFLICT (userId, month, categoryId) DO UPDATE SET ' +
              'amountMinor = amountMinor + ?, expenseCount = expenseCount + ?'),
        [...key, d.amountMinor, d.count, d.amountMinor, d.count],
      );
      continue;
    }
    // The row exists: the expense being changed or removed is counted in it.
    await manager.query(
      `UPDATE ${MONTH_TOTALS_TABLE} SET amountMinor = amountMinor + ?, ` +
        'expenseCount = expenseCount + ? WHERE userId = ? AND month = ? AND categoryId = ?',
      [d.amountMinor, d.count, ...key],
    );
    if (d.count < 0) {
      await manager.query(
        `DELETE FROM ${MONTH_TOTALS_TABLE} ` +
          'WHERE userId = ? AND month = ? AND categoryId = ? AND expenseCount = 0',
        key,
      );
    }
  }
}

/**
 * Recomputes the month totals from the expenses themselves: of one user, or of everyone. For
 * rows written around ExpenseService (bulk loads in benchmarks and tests); run it in the same
 * transaction as those writes, or with no other writer running.
 */
export async function rebuildMonthTotals(
  manager: { query(sql: string, parameters?: unknown[]): Promise<unknown> },
  userId?: number,
): Promise<void> {
  const where = userId === undefined ? '' : ' WHERE userId = ?';
  const params = userId === undefined ? [] : [userId];
  await manager.query(`DELETE FROM ${MONTH_TOTALS_TABLE}${where}`, params);
  await manager.query(
    `INSERT INTO ${MONTH_TOTALS_TABLE} (userId, month, categoryId, amountMinor, expenseCount) ` +
      `SELECT userId, SUBSTR(date, 1, 7), categoryId, SUM(amountMinor), COUNT(*) FROM expenses${where} ` +
      'GROUP BY userId, SUBSTR(date, 1, 7), categoryId',
    params,
  );
}

/** MySQL's answer to two transactions waiting on each other: one is rolled back, to be rerun. */
function isDeadlock(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string } }).driverError;
  const code = driverError?.code ?? (error as { code?: string }).code;
  return code === 'ER_LOCK_DEADLOCK';
}
export const PAGE_SIZE_MAX = 200;

/** A cursor names the last row seen by its (date, id): stable however many rows share a date. */
function encodeCursor(expense: Expense): string {
  return Buffer.from(JSON.stringify([expense.date, expense.id])).toString('base64url');
}

function decodeCursor(cursor: unknown): { date: string; id: number } {
  try {
    const [date, id] = JSON.parse(
      Buffer.from(String(cursor), 'base64url').toString('utf8'),
    ) as unknown[];
    if (typeof date === 'string' && typeof id === 'number' && Number.isSafeInteger(id)) {
      return { date: requireDay(date, 'after'), id };
    }
  } catch {
    // fall through to the one message for every malformed cursor
  }
  throw badInput('after', 'Cursor is not one this API gave out');
}

/** LIKE with "!" as the escape character, which means the same on SQLite and MySQL. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

export class ExpenseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly categories: CategoryService,
  ) {}

  /**
   * A write transaction; rerun when MySQL picks it as a deadlock victim (concurrent inserts of
   * the same new month-totals row can deadlock on InnoDB's gap locks). Nothing of a rolled-back
   * attempt remains, so rerunning is safe.
   */
  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTransaction(this.dataSource, work);
      } catch (error) {
        if (!isDeadlock(error) || attempt >= 5) throw error;
      }
    }
  }

  private validate(user: User, fields: ExpenseFields) {
    return {
      description: requireText(fields.description, 'description', 'Description', DESCRIPTION_MAX),
      amountMinor: Number(
        requireAmount(fields.amount, 'amount', 'Amount', currencyDigits(user.currency), 'positive'),
      ),
      categoryName: requireCategoryName(fields.category),
      date: requireDay(fields.date, 'date'),
    };
  }

  /** Adds an expense; a category name the user does not have yet is created with it. */
  add(user: User, fields: ExpenseFields): Promise<Expense> {
    const { categoryName, ...values } = this.validate(user, fields);
    return this.write(async (manager) => {
      const category = await this.categories.findOrCreate(user.id, categoryName, manager);
      const now = new Date();
      const expense = manager.create(Expense, {
        ...values,
        userId: user.id,
        categoryId: category.id,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(Expense, expense);
      await applyTotals(manager, [
        { ...keyOf(expense), amountMinor: expense.amountMinor, count: 1 },
      ]);
      expense.category = category;
      return expense;
    });
  }

  update(user: User, id: string, fields: ExpenseFields): Promise<Expense> {
    const { categoryName, ...values } = this.validate(user, fields);
    return this.write(async (manager) => {
      const expense = await this.getForUpdate(user.id, id, manager);
      const before = { ...keyOf(expense), amountMinor: expense.amountMinor };
      const category = await this.categories.findOrCreate(user.id, categoryName, manager);
      Object.assign(expense, values, { categoryId: category.id, updatedAt: new Date() });
      await manager.update(
        Expense,
        { id: expense.id, userId: user.id },
        { ...values, categoryId: category.id, updatedAt: expense.updatedAt },
      );
      const after = keyOf(expense);
      await applyTotals(
        manager,
        sameKey(before, after)
          ? [{ ...after, amountMinor: expense.amountMinor - before.amountMinor, count: 0 }]
          : [
              { ...before, amountMinor: -before.amountMinor, count: -1 },
              { ...after, amountMinor: expense.amountMinor, count: 1 },
            ],
      );
      expense.category = category;
      return expense;
    });
  }

  delete(userId: number, id: string): Promise<boolean> {
    return this.write(async (manager) => {
      const expense = await this.getForUpdate(userId, id, manager);
      await manager.delete(Expense, { id: expense.id, userId });
      await applyTotals(manager, [
        { ...keyOf(expense), amountMinor: -expense.amountMinor, count: -1 },
      ]);
      return true;
    });
  }

  async get(userId: number, id: string): Promise<Expense> {
    const numericId = parseId(id);
    const expense =
      numericId === null
        ? null
        : await this.dataSource.getRepository(Expense).findOne({
            where: { id: numericId, userId },
            relations: { category: true },
          });
    if (!expense) throw notFound('Expense');
    return expense;
  }

  /** The newest-first list, filtered, one page at a time. */
  async list(
    userId: number,
    filter: ExpenseFilterFields = {},
    first: unknown = 50,
    after?: unknown,
  ): Promise<ExpensePage> {
    if (
      typeof first !== 'number' ||
      !Number.isInteger(first) ||
      first < 1 ||
      first > PAGE_SIZE_MAX
    ) {
      throw badInput('first', `first must be a whole number from 1 to ${PAGE_SIZE_MAX}`);
    }
    const cursor = after === undefined || after === null ? null : decodeCursor(after);
    // A list tolerates a little lag: a read replica serves it when DB_READ_HOSTS is set.
    return readFromReplica(this.dataSource, async (manager) => {
      const filtered = await this.filtered(manager, userId, filter);
      if (!filtered) return { nodes: [], totalCount: 0, hasNextPage: false, endCursor: null };
      const { query, totals } = filtered;
      const [totalCount, page] = await Promise.all([
        totals ? this.countFromTotals(manager, userId, totals) : query.clone().getCount(),
        this.page(query, first, cursor),
      ]);
      return { totalCount, ...page };
    });
  }

  /** Counts whole months (or all time) from the month totals: bounded however long the history. */
  private async countFromTotals(
    manager: EntityManager,
    userId: number,
    totals: TotalsFilter,
  ): Promise<number> {
    const query = manager
      .createQueryBuilder()
      .select('COALESCE(SUM(t.expenseCount), 0)', 'count')
      .from(MONTH_TOTALS_TABLE, 't')
      .where('t.userId = :userId', { userId });
    if (totals.month !== undefined) query.andWhere('t.month = :month', { month: totals.month });
    if (totals.categoryId !== undefined) {
      query.andWhere('t.categoryId = :categoryId', { categoryId: totals.categoryId });
    }
    const row = await query.getRawOne<{ count: number | string }>();
    return Number(row?.count ?? 0);
  }

  /**
   * The user's most recent expenses, newest first; unlike `list`, nothing is counted. Read on
   * every dashboard, so as one plain statement (no query builder, no entity hydration).
   */
  async recent(userId: number, limit: unknown): Promise<Expense[]> {
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw badInput('limit', 'limit must be a whole number from 1 to 100');
    }
    const rows: RecentRow[] = await readFromReplica(this.dataSource, (manager) =>
      manager.query(
        'SELECT e.id AS id, e.description AS description, CAST(e.amountMinor AS CHAR) AS amountMinor, ' +
          'e.date AS date, e.categoryId AS categoryId, c.name AS categoryName ' +
          'FROM expenses e INNER JOIN categories c ON c.id = e.categoryId ' +
          'WHERE e.userId = ? ORDER BY e.date DESC, e.id DESC LIMIT ?',
        [userId, limit],
      ),
    );
    return rows.map((row) => {
      const categoryId = Number(row.categoryId);
      return Object.assign(new Expense(), {
        id: Number(row.id),
        userId,
        description: row.description,
        amountMinor: Number(row.amountMinor),
        categoryId,
        category: Object.assign(new Category(), { id: categoryId, name: row.categoryName }),
        date: row.date,
      });
    });
  }

  /** One page after `cursor`, in the (date, id) order the index keeps: newest first. */
  private async page(
    query: SelectQueryBuilder<Expense>,
    first: number,
    cursor: { date: string; id: number } | null,
  ): Promise<Omit<ExpensePage, 'totalCount'>> {
    if (cursor) {
      query.andWhere('(e.date < :cursorDate OR (e.date = :cursorDate AND e.id < :cursorId))', {
        cursorDate: cursor.date,
        cursorId: cursor.id,
      });
    }
    const rows = await query
      .innerJoinAndSelect('e.category', 'category')
      .orderBy('e.date', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(first + 1)
      .getMany();
    const nodes = rows.slice(0, first);
    return {
      nodes,
      hasNextPage: rows.length > first,
      endCursor: nodes.length > 0 ? encodeCursor(nodes[nodes.length - 1]) : null,
    };
  }

  /**
   * Null when the filter names a category the user does not have: nothing can match. `totals`
   * is set when the filter selects whole rows of the month totals (no day range, no search), so
   * that the count can be read there.
   */
  private async filtered(
    manager: EntityManager,
    userId: number,
    filter: ExpenseFilterFields,
  ): Promise<{ query: SelectQueryBuilder<Expense>; totals: TotalsFilter | null } | null> {
    const query = manager
      .getRepository(Expense)
      .createQueryBuilder('e')
      .where('e.userId = :userId', { userId });
    const totals: TotalsFilter = {};
    let wholeMonths = true;
    if (filter.month != null) {
      const month = requireMonth(filter.month, 'month');
      totals.month = month;
      const { start, last } = monthRange(month);
      query.andWhere('e.date >= :monthStart AND e.date <= :monthLast', {
        monthStart: start,
        monthLast: last,
      });
    }
    if (filter.from != null) {
      query.andWhere('e.date >= :from', { from: requireDay(filter.from, 'from') });
      wholeMonths = false;
    }
    if (filter.to != null) {
      query.andWhere('e.date <= :to', { to: requireDay(filter.to, 'to') });
      wholeMonths = false;
    }
    if (filter.category != null && filter.category !== '') {
      const nameKey = categoryKey(requireCategoryName(filter.category));
      const category = await manager
        .getRepository(Category)
        .findOne({ where: { userId, nameKey }, select: { id: true } });
      if (!category) return null;
      query.andWhere('e.categoryId = :categoryId', { categoryId: category.id });
      totals.categoryId = category.id;
    }
    if (filter.search != null && filter.search !== '') {
      const search = requireText(filter.search, 'search', 'Search', DESCRIPTION_MAX);
      query.andWhere("LOWER(e.description) LIKE :search ESCAPE '!'", {
        search: likePattern(search),
      });
      wholeMonths = false;
    }
    return { query, totals: wholeMonths ? totals : null };
  }

  /**
   * The expense as it is now, locked until the transaction ends (MySQL; SQLite's transactions
   * take turns): the month totals are corrected by its old values, so two concurrent writes to
   * one expense must not both start from the same old values.
   */
  private async getForUpdate(userId: number, id: string, manager: EntityManager): Promise<Expense> {
    const numericId = parseId(id);
    const isMysql = manager.connection.options.type === 'mysql';
    const expense =
      numericId === null
        ? null
        : await manager.findOne(Expense, {
            where: { id: numericId, userId },
            ...(isMysql ? { lock: { mode: 'pessimistic_write' as const } } : {}),
          });
    if (!expense) throw notFound('Expense');
    return expense;
  }
}
