import type { DataSource } from 'typeorm';
import { readFromReplica } from '../../db/data-source';
import { addMonths, monthsEndingAt } from '../../lib/dates';
import type { BudgetService, TargetProgress } from '../budgets/budget.service';
import type { Category } from '../categories/category.entity';
import { MONTH_TOTALS_TABLE } from '../expenses/expense.service';

export interface CategorySpendingRow {
  category: Category;
  spentMinor: bigint;
}

export interface MonthSummaryRow {
  month: string;
  budgetMinor: bigint | null;
  spentMinor: bigint;
}

/**
 * Every figure is read from the month totals (one row per user, month and category, kept in step
 * with every expense write by ExpenseService) and summed by the database as integers: a month
 * costs the same whether the user has ten expenses in all or ten years of them. Plain SQL with
 * plain rows out: a query builder and entity hydration cost more than these queries themselves.
 */
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly budgets: BudgetService,
  ) {}

  /** The dashboard tolerates a little lag: a read replica serves it when DB_READ_HOSTS is set. */
  private read<T>(sql: string, parameters: unknown[]): Promise<T> {
    return readFromReplica(this.dataSource, (manager) => manager.query(sql, parameters));
  }

  /** The month's spending per category, largest first (ties by name, for a stable order). */
  async spendingByCategory(userId: number, month: string): Promise<CategorySpendingRow[]> {
    const rows: { id: number | string; name: string; spent: string }[] = await this.read(
      'SELECT c.id AS id, c.name AS name, CAST(t.amountMinor AS CHAR) AS spent ' +
        `FROM ${MONTH_TOTALS_TABLE} t INNER JOIN categories c ON c.id = t.categoryId ` +
        'WHERE t.userId = ? AND t.month = ?',
      [userId, month],
    );
    return rows
      .map((row) => ({
        category: { id: Number(row.id), name: row.name } as Category,
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

  /** The budgets of the `count` months ending at `month`: one query for budget and months. */
  budgetsFor(userId: number, month: string, count = 12): Promise<Map<string, number>> {
    return this.budgets.forMonths(userId, monthsEndingAt(month, count));
  }

  /** Budget and spending of each of the `count` months ending at `month`, oldest first. */
  async monthlySummaries(
    userId: number,
    month: string,
    count = 12,
    knownBudgets?: Promise<Map<string, number>>,
  ): Promise<MonthSummaryRow[]> {
    const months = monthsEndingAt(month, count);
    const [spentRows, budgets] = await Promise.all([
      this.read(
        'SELECT month, CAST(SUM(amountMinor) AS CHAR) AS spent ' +
          `FROM ${MONTH_TOTALS_TABLE} WHERE userId = ? AND month >= ? AND month <= ? ` +
          'GROUP BY month',
        [userId, addMonths(month, 1 - count), month],
      ) as Promise<{ month: string; spent: string }[]>,
      knownBudgets ?? this.budgets.forMonths(userId, months),
    ]);
    const spent = new Map(spentRows.map((row) => [row.month, BigInt(row.spent)]));
    return months.map((m) => {
      const budget = budgets.get(m);
      return {
        month: m,
        budgetMinor: budget === undefined ? null : BigInt(budget),
        spentMinor: spent.get(m) ?? 0n,
      };
    });
  }

  /**
   * The month's category targets, by category name, with what was spent in each: `spending` is
   * the month's spendingByCategory, which the dashboard reads anyway, so no further sum is run.
   */
  async targets(
    userId: number,
    month: string,
    spending: Promise<CategorySpendingRow[]>,
  ): Promise<TargetProgress[]> {
    const [targets, rows] = await Promise.all([
      this.budgets.targetsOfMonth(userId, month),
      spending,
    ]);
    const spent = new Map(rows.map((row) => [row.category.id, row.spentMinor]));
    return targets.map((target) => ({ target, spentMinor: spent.get(target.categoryId) ?? 0n }));
  }
}
