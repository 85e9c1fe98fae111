import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { DecimalScalar, MonthScalar } from '../../graphql/scalars';
import { currencyDigits } from '../../lib/currencies';
import { currentMonth } from '../../lib/dates';
import { money, type Money } from '../../lib/money';
import { requireMonth } from '../../lib/validate';
import { carryOverBudget } from '../budgets/budget-planning.resolver';
import { toBudgetCategoryView } from '../budgets/budget.resolver';
import { BudgetCategoryView } from '../budgets/budget.types';
import { Expense } from '../expenses/expense.types';
import { Account } from '../ledger/account.entity';
import { ledgerArg } from '../ledger-access/ledger-arg';
import { DaySpending } from '../ledger/ledger.types';
import { TransactionKind, type Transaction } from '../ledger/transaction.entity';
import { CategorySpending, Dashboard, MonthSummary } from './dashboard.types';

@Resolver(() => Dashboard)
export class DashboardResolver {
  @Query(() => Dashboard, { description: 'A month at a glance; default: the current month (UTC)' })
  async dashboard(
    @Ctx() ctx: RequestContext,
    @Arg('month', () => MonthScalar, { nullable: true }) month?: string,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Dashboard> {
    const scope = await ctx.ledger('read', ledgerId);
    const chosen = month == null ? currentMonth() : requireMonth(month, 'month');
    await carryOverBudget(ctx, ledgerId, chosen);
    return new Dashboard(scope.ledgerId, chosen, currencyDigits(scope.user.currency));
  }

  private categoryRows(d: Dashboard, ctx: RequestContext) {
    return d.once('byCategory', () =>
      ctx.services.dashboard.spendingByCategory(d.ledgerId, d.month),
    );
  }

  /** The budgets of the 12 months shown: `budget`, `savings` and `months` share one query. */
  private budgets(d: Dashboard, ctx: RequestContext) {
    return d.once('budgets', () => ctx.services.dashboard.budgetsFor(d.ledgerId, d.month));
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
    const rows = await this.monthRows(d, ctx);
    return rows.map((row) => ({
      month: row.month,
      budget: row.budgetMinor === null ? null : money(row.budgetMinor, d.digits),
      spent: money(row.spentMinor, d.digits),
      income: money(row.incomeMinor, d.digits),
      savings: row.budgetMinor === null ? null : money(row.budgetMinor - row.spentMinor, d.digits),
    }));
  }

  /** The 12 months' budgets, spending and income: `months`, `income` and `net` share it. */
  private monthRows(d: Dashboard, ctx: RequestContext) {
    return d.once('months', () =>
      ctx.services.dashboard.monthlySummaries(d.ledgerId, d.month, 12, this.budgets(d, ctx)),
    );
  }

  private async incomeMinor(d: Dashboard, ctx: RequestContext): Promise<bigint> {
    const rows = await this.monthRows(d, ctx);
    return rows[rows.length - 1].incomeMinor;
  }

  @FieldResolver(() => DecimalScalar, { description: "Sum of the month's income" })
  async income(@Root() d: Dashboard, @Ctx() ctx: RequestContext): Promise<Money> {
    return money(await this.incomeMinor(d, ctx), d.digits);
  }

  @FieldResolver(() => DecimalScalar, { description: 'income - spent' })
  async net(@Root() d: Dashboard, @Ctx() ctx: RequestContext): Promise<Money> {
    const [income, spent] = await Promise.all([this.incomeMinor(d, ctx), this.spentMinor(d, ctx)]);
    return money(income - spent, d.digits);
  }

  @FieldResolver(() => [DaySpending], {
    description: 'Spending per day of the month, days with spending only, oldest first',
  })
  async dailySpending(@Root() d: Dashboard, @Ctx() ctx: RequestContext): Promise<DaySpending[]> {
    const rows = await ctx.services.ledgerTotals.dailySpending(d.ledgerId, d.month);
    return rows.map((row) => ({ date: row.date, spent: money(row.spentMinor, d.digits) }));
  }

  @FieldResolver(() => [Account], { description: 'Every account, open ones first' })
  accounts(@Root() d: Dashboard, @Ctx() ctx: RequestContext): Promise<Account[]> {
    return ctx.services.accounts.list(d.ledgerId);
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
      d.ledgerId,
      d.month,
      this.categoryRows(d, ctx),
    );
    return targets.map((t) => toBudgetCategoryView(t, d.digits));
  }

  @FieldResolver(() => [Expense], { description: "The month's expenses, newest first" })
  recentExpenses(
    @Root() d: Dashboard,
    @Ctx() ctx: RequestContext,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 10 }) limit: number | null,
  ): Promise<Transaction[]> {
    return ctx.services.transactionQueries.recent(
      d.ledgerId,
      TransactionKind.EXPENSE,
      limit ?? 10,
      d.month,
    );
  }
}
