import { monthsEndingAt } from '../../lib/dates';
import type { BudgetService, TargetProgress } from '../budgets/budget.service';
import type { CategorySpendingRow, LedgerTotalsService } from '../ledger/ledger-totals.service';

export interface MonthSummaryRow {
  month: string;
  budgetMinor: bigint | null;
  spentMinor: bigint;
  incomeMinor: bigint;
}

/**
 * A month at a glance, composed from the ledger's named reads (kept as month totals, so a month
 * costs the same whether the ledger holds ten transactions or ten years of them) and the
 * budgets module's budgets and targets.
 */
export class DashboardService {
  constructor(
    private readonly ledgerTotals: LedgerTotalsService,
    private readonly budgets: BudgetService,
  ) {}

  spendingByCategory(ledgerId: number, month: string): Promise<CategorySpendingRow[]> {
    return this.ledgerTotals.spendingByCategory(ledgerId, month);
  }

  /** The budgets of the `count` months ending at `month`: one query for budget and months. */
  budgetsFor(ledgerId: number, month: string, count = 12): Promise<Map<string, number>> {
    return this.budgets.forMonths(ledgerId, monthsEndingAt(month, count));
  }

  /** Budget, spending and income of each of the `count` months ending at `month`, oldest first. */
  async monthlySummaries(
    ledgerId: number,
    month: string,
    count = 12,
    knownBudgets?: Promise<Map<string, number>>,
  ): Promise<MonthSummaryRow[]> {
    const [flows, budgets] = await Promise.all([
      this.ledgerTotals.monthFlows(ledgerId, month, count),
      knownBudgets ?? this.budgetsFor(ledgerId, month, count),
    ]);
    return flows.map((row) => {
      const budget = budgets.get(row.month);
      return { ...row, budgetMinor: budget === undefined ? null : BigInt(budget) };
    });
  }

  /**
   * The month's category targets with what was spent in each: `spending` is the month's
   * spendingByCategory, which the dashboard reads anyway, so no further sum is run.
   */
  async targets(
    ledgerId: number,
    month: string,
    spending: Promise<CategorySpendingRow[]>,
  ): Promise<TargetProgress[]> {
    const [targets, rows] = await Promise.all([
      this.budgets.targetsOfMonth(ledgerId, month),
      spending,
    ]);
    const spent = new Map(rows.map((row) => [row.category.id, row.spentMinor]));
    return targets.map((target) => ({ target, spentMinor: spent.get(target.categoryId) ?? 0n }));
  }
}
