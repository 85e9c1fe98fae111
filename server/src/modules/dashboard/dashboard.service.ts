import type { DataSource } from 'typeorm';
import { monthRange, monthsEndingAt } from '../../lib/dates';
import type { BudgetService, TargetProgress } from '../budgets/budget.service';
import type { Category } from '../categories/category.entity';
import { Expense } from '../expenses/expense.entity';

export interface CategorySpendingRow {
  category: Category;
  spentMinor: bigint;
}

export interface MonthSummaryRow {
  month: string;
  budgetMinor: bigint | null;
  spentMinor: bigint;
}

/** Every figure is summed by the database (GROUP BY over indexed columns), as integers. */
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly budgets: BudgetService,
  ) {}

  /** The month's spending per category, largest first (ties by name, for a stable order). */
  async spendingByCategory(userId: number, month: string): Promise<CategorySpendingRow[]> {
    const { start, last } = monthRange(month);
    const rows = await this.dataSource
      .createQueryBuilder(Expense, 'e')
      .innerJoin('e.category', 'c')
      .select('c.id', 'id')
      .addSelect('c.name', 'name')
      .addSelect('CAST(SUM(e.amountMinor) AS CHAR)', 'spent')
      .where('e.userId = :userId', { userId })
      .andWhere('e.date >= :start AND e.date <= :last', { start, last })
      .groupBy('c.id')
      .addGroupBy('c.name')
      .getRawMany<{ id: number | string; name: string; spent: string }>();
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

  /** Budget and spending of each of the `count` months ending at `month`, oldest first. */
  async monthlySummaries(userId: number, month: string, count = 12): Promise<MonthSummaryRow[]> {
    const months = monthsEndingAt(month, count);
    const [spentRows, budgets] = await Promise.all([
      this.dataSource
        .createQueryBuilder(Expense, 'e')
        .select('SUBSTR(e.date, 1, 7)', 'month')
        .addSelect('CAST(SUM(e.amountMinor) AS CHAR)', 'spent')
        .where('e.userId = :userId', { userId })
        .andWhere('e.date >= :start AND e.date <= :last', {
          start: monthRange(months[0]).start,
          last: monthRange(month).last,
        })
        .groupBy('SUBSTR(e.date, 1, 7)')
        .getRawMany<{ month: string; spent: string }>(),
      this.budgets.forMonths(userId, months),
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

  async budgetOf(userId: number, month: string): Promise<bigint | null> {
    const budget = (await this.budgets.forMonths(userId, [month])).get(month);
    return budget === undefined ? null : BigInt(budget);
  }

  targets(userId: number, month: string): Promise<TargetProgress[]> {
    return this.budgets.listTargets(userId, month);
  }
}
