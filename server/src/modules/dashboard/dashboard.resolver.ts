import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { DecimalScalar, MonthScalar } from '../../graphql/scalars';
import { currencyDigits } from '../../lib/currencies';
import { currentMonth } from '../../lib/dates';
import { money, type Money } from '../../lib/money';
import { requireMonth } from '../../lib/validate';
import { toBudgetCategoryView } from '../budgets/budget.resolver';
import { BudgetCategoryView } from '../budgets/budget.types';
import { Expense } from '../expenses/expense.entity';
import { CategorySpending, Dashboard, MonthSummary } from './dashboard.types';

@Resolver(() => Dashboard)
export class DashboardResolver {
  @Query(() => Dashboard, { description: 'A month at a glance; default: the current month (UTC)' })
  dashboard(
    @Ctx() ctx: RequestContext,
    @Arg('month', () => MonthScalar, { nullable: true }) month?: string,
  ): Dashboard {
    const user = ctx.requireUser();
    const chosen = month == null ? currentMonth() : requireMonth(month, 'month');
    return new Dashboard(user.id, chosen, currencyDigits(user.currency));
  }

  private categoryRows(d: Dashboard, ctx: RequestContext) {
    return d.once('byCategory', () => ctx.services.dashboard.spendingByCategory(d.userId, d.month));
  }

  /** The budgets of the 12 months shown: `budget`, `savings` and `months` share one query. */
  private budgets(d: Dashboard, ctx: RequestContext) {
    return d.once('budgets', () => ctx.services.dashboard.budgetsFor(d.userId, d.month));
  }

  private async budgetMinor(d: Dashboard, ctx: RequestContext): Promise<bigint | null> {
    const budget = (await this.budgets(d, ctx)).get(d.month);
    return budget === undefined ? null : BigInt(budget);
  }

  private async spentMinor(d: Dashboard, ctx: RequestContext): Promise<bigint> {
    return (await this.categoryRows(d, ctx)).reduce((sum, row) => sum + row.spentMinor, 0n);
  }

  @FieldResolver(() => DecimalScalar, {
    nullable: true,
    description: "The month's budget; null when none is set",
  })
  async budget(@Root() d: Dashboard, @Ctx() ctx: RequestContext): Promise<Money | null> {
    const budget = await this.budgetMinor(d, ctx);
    return budget === null ? null : money(budget, d.digits);
  }

  @FieldResolver(() => DecimalScalar, { description: "Sum of the month's expenses" })
  async spent(@Root() d: Dashboard, @Ctx() ctx: RequestContext): Promise<Money> {
    return money(await this.spentMinor(d, ctx), d.digits);
  }

  @FieldResolver(() => DecimalScalar, {
    nullable: true,
    description: 'budget - spent; null when no budget is set',
  })
  async savings(@Root() d: Dashboard, @Ctx() ctx: RequestContext): Promise<Money | null> {
    const [budget, spent] = await Promise.all([this.budgetMinor(d, ctx), this.spentMinor(d, ctx)]);
    return budget === null ? null : money(budget - spent, d.digits);
  }

  @FieldResolver(() => [MonthSummary], {
    description: 'The 12 months ending at `month`, oldest first',
  })
  async months(@Root() d: Dashboard, @Ctx() ctx: RequestContext): Promise<MonthSummary[]> {
    const rows = await ctx.services.dashboard.monthlySummaries(
      d.userId,
      d.month,
      12,
      this.budgets(d, ctx),
    );
    return rows.map((row) => ({
      month: row.month,
      budget: row.budgetMinor === null ? null : money(row.budgetMinor, d.digits),
      spent: money(row.spentMinor, d.digits),
      savings: row.budgetMinor === null ? null : money(row.budgetMinor - row.spentMinor, d.digits),
    }));
  }

  @FieldResolver(() => [CategorySpending], {
    description: "The month's spending per category, largest first",
  })
  async byCategory(@Root() d: Dashboard, @Ctx() ctx: RequestContext): Promise<CategorySpending[]> {
    return (await this.categoryRows(d, ctx)).map((row) => ({
      category: row.category,
      spent: money(row.spentMinor, d.digits),
    }));
  }

  @FieldResolver(() => [BudgetCategoryView], {
    description: "The month's category targets; spent counts that month only",
  })
  async budgetCategories(
    @Root() d: Dashboard,
    @Ctx() ctx: RequestContext,
  ): Promise<BudgetCategoryView[]> {
    const targets = await ctx.services.dashboard.targets(
      d.userId,
      d.month,
      this.categoryRows(d, ctx),
    );
    return targets.map((t) => toBudgetCategoryView(t, d.digits));
  }

  @FieldResolver(() => [Expense], { description: 'Newest first' })
  recentExpenses(
    @Root() d: Dashboard,
    @Ctx() ctx: RequestContext,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 10 }) limit: number | null,
  ): Promise<Expense[]> {
    return ctx.services.expenses.recent(d.userId, limit ?? 10);
  }
}
