import type { DataSource, EntityManager } from 'typeorm';
import { readFromReplica } from '../../db/data-source';
import { addMonths, monthRange, monthsEndingAt } from '../../lib/dates';
import { Category } from '../categories/category.entity';
import { MONTH_TOTALS_TABLE } from './month-totals';

export interface CategorySpendingRow {
  category: Category;
  spentMinor: bigint;
}

export interface MonthFlowRow {
  month: string;
  spentMinor: bigint;
  incomeMinor: bigint;
}

export interface DaySpendingRow {
  date: string;
  spentMinor: bigint;
}

/**
 * The ledger's named reads for other modules (dashboard, budgets, categories, reports): sums in
 * the reporting currency, read from the month totals or, for days, from the indexed rows of one
 * month. No other module reads the ledger's tables.
 */
export class LedgerTotalsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Reads tolerate a little lag: a read replica serves them when DB_READ_HOSTS is set. */
  private read<T>(sql: string, parameters: unknown[]): Promise<T> {
    return readFromReplica(this.dataSource, (manager) => manager.query(sql, parameters));
  }

  /** The month's spending per category, largest first (ties by name, for a stable order). */
  async spendingByCategory(ledgerId: number, month: string): Promise<CategorySpendingRow[]> {
    const rows: { id: number | string; name: string; spent: string }[] = await this.read(
      'SELECT c.id AS id, c.name AS name, CAST(SUM(t.reportingMinor) AS CHAR) AS spent ' +
        `FROM ${MONTH_TOTALS_TABLE} t INNER JOIN categories c ON c.id = t.categoryId ` +
        "WHERE t.ledgerId = ? AND t.month = ? AND t.flow = 'EXPENSE' GROUP BY c.id, c.name",
      [ledgerId, month],
    );
    return rows
      .map((row) => ({
        category: Object.assign(new Category(), { id: Number(row.id), name: row.name }),
        spentMinor: BigInt(row.spent),
      }))
      .sort((a, b) =>
        a.spentMinor === b.spentMinor
          ? a.category.name.localeCompare(b.category.name)
          : a.spentMinor > b.spentMinor
            ? -1
            : 1,
      );
  }

  /** Spending and income of each of the `count` months ending at `month`, oldest first. */
  async monthFlows(ledgerId: number, month: string, count = 12): Promise<MonthFlowRow[]> {
    const rows: { month: string; flow: string; total: string }[] = await this.read(
      'SELECT month, flow, CAST(SUM(reportingMinor) AS CHAR) AS total ' +
        `FROM ${MONTH_TOTALS_TABLE} WHERE ledgerId = ? AND month >= ? AND month <= ? ` +
        "AND flow IN ('EXPENSE', 'INCOME') GROUP BY month, flow",
      [ledgerId, addMonths(month, 1 - count), month],
    );
    const totals = new Map(rows.map((r) => [`${r.month}|${r.flow}`, BigInt(r.total)]));
    return monthsEndingAt(month, count).map((m) => ({
      month: m,
      spentMinor: totals.get(`${m}|EXPENSE`) ?? 0n,
      incomeMinor: totals.get(`${m}|INCOME`) ?? 0n,
    }));
  }

  /** Spending per category and month, keyed `${categoryId}|${month}`: for budget targets. */
  async spentByCategoryAndMonth(
    ledgerId: number,
    categoryIds: number[],
    months: string[],
  ): Promise<Map<string, bigint>> {
    if (categoryIds.length === 0 || months.length === 0) return new Map();
    const rows: { categoryId: number | string; month: string; spent: string }[] = await this.read(
      'SELECT categoryId, month, CAST(SUM(reportingMinor) AS CHAR) AS spent ' +
        `FROM ${MONTH_TOTALS_TABLE} WHERE ledgerId = ? AND month IN (${months.map(() => '?').join(', ')}) ` +
        `AND categoryId IN (${categoryIds.map(() => '?').join(', ')}) AND flow = 'EXPENSE' ` +
        'GROUP BY categoryId, month',
      [ledgerId, ...months, ...categoryIds],
    );
    return new Map(rows.map((r) => [`${r.categoryId}|${r.month}`, BigInt(r.spent)]));
  }

  /** Spending per day of the month, for the pace chart; days without spending are left out. */
  async dailySpending(ledgerId: number, month: string): Promise<DaySpendingRow[]> {
    const { start, last } = monthRange(month);
    const rows: { date: string; spent: string }[] = await this.read(
      'SELECT date, CAST(SUM(reportingAmountMinor) AS CHAR) AS spent FROM transactions ' +
        "WHERE ledgerId = ? AND kind = 'EXPENSE' AND date >= ? AND date <= ? GROUP BY date ORDER BY date",
      [ledgerId, start, last],
    );
    return rows.map((r) => ({ date: r.date, spentMinor: BigInt(r.spent) }));
  }

  /**
   * Each account's flows per month in its own currency (income and transfers in positive,
   * spending and transfers out negative), for balances over time.
   */
  async accountFlowsByMonth(
    ledgerId: number,
  ): Promise<{ accountId: number; month: string; netMinor: bigint }[]> {
    const rows: { accountId: number | string; month: string; flow: string; amount: string }[] =
      await this.read(
        'SELECT accountId, month, flow, CAST(SUM(amountMinor) AS CHAR) AS amount ' +
          `FROM ${MONTH_TOTALS_TABLE} WHERE ledgerId = ? GROUP BY accountId, month, flow`,
        [ledgerId],
      );
    return rows.map((r) => ({
      accountId: Number(r.accountId),
      month: r.month,
      netMinor: (r.flow === 'INCOME' || r.flow === 'TRANSFER_IN' ? 1n : -1n) * BigInt(r.amount),
    }));
  }

  /**
   * Per category with transactions (expenses and income): how many, and the latest month with
   * one. Categories without any are left out.
   */
  async categoryUsage(
    ledgerId: number,
  ): Promise<{ categoryId: number; transactionCount: number; lastMonth: string }[]> {
    const rows: { categoryId: number | string; count: number | string; lastMonth: string }[] =
      await this.read(
        'SELECT categoryId, SUM(transactionCount) AS count, MAX(month) AS lastMonth ' +
          `FROM ${MONTH_TOTALS_TABLE} WHERE ledgerId = ? AND categoryId <> 0 ` +
          "AND flow IN ('EXPENSE', 'INCOME') GROUP BY categoryId",
        [ledgerId],
      );
    return rows.map((r) => ({
      categoryId: Number(r.categoryId),
      transactionCount: Number(r.count),
      lastMonth: r.lastMonth,
    }));
  }

  /** Whether any transaction is filed under the category. */
  async categoryInUse(categoryId: number, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'SELECT 1 AS found FROM transactions WHERE categoryId = ? LIMIT 1',
      [categoryId],
    );
    return rows.length > 0;
  }

  /** Whether the ledger holds any transaction at all. */
  async hasTransactions(ledgerId: number, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 AS found FROM ${MONTH_TOTALS_TABLE} WHERE ledgerId = ? LIMIT 1`,
      [ledgerId],
    );
    return rows.length > 0;
  }
}
