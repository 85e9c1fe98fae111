import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { MonthScalar } from '../../graphql/scalars';
import { currencyDigits } from '../../lib/currencies';
import { currentMonth } from '../../lib/dates';
import { money } from '../../lib/money';
import { requireMonth } from '../../lib/validate';
import { BudgetCategory } from '../budgets/budget-category.entity';
import { BudgetCategoryView } from '../budgets/budget.types';
import { toBudgetCategoryView } from '../budgets/budget.resolver';
import { Category } from '../categories/category.entity';
import { ledgerArg } from '../ledger-access/ledger-arg';
import { HealthScoreView, InsightView } from './insights.types';

const monthOrCurrent = (month?: string | null) =>
  month == null ? currentMonth() : requireMonth(month, 'month');

@Resolver()
export class InsightsResolver {
  @Query(() => [InsightView], {
    description: "The month's insights (default: the current month, UTC)",
  })
  async insights(
    @Ctx() ctx: RequestContext,
    @Arg('month', () => MonthScalar, { nullable: true }) month?: string,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<InsightView[]> {
    const scope = await ctx.ledger('read', ledgerId);
    const digits = currencyDigits(scope.user.currency);
    const found = await ctx.services.insights.insights(scope, monthOrCurrent(month));
    return found.map((f) => ({
      id: f.id,
      kind: f.kind,
      title: f.title,
      explanation: f.explanation,
      month: f.month,
      amount: f.amountMinor === null ? null : money(f.amountMinor, digits),
      transactions: f.transactions,
    }));
  }

  @Query(() => HealthScoreView, { description: "The month's health score (default: this month)" })
  async healthScore(
    @Ctx() ctx: RequestContext,
    @Arg('month', () => MonthScalar, { nullable: true }) month?: string,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<HealthScoreView> {
    const scope = await ctx.ledger('read', ledgerId);
    const [score] = await ctx.services.insights.healthScores(
      scope.ledgerId,
      scope.user.currency,
      monthOrCurrent(month),
      1,
    );
    return score;
  }

  @Query(() => [HealthScoreView], {
    description: 'The health score of each of the last `months` months (1 to 24), oldest first',
  })
  async healthScoreHistory(
    @Ctx() ctx: RequestContext,
    @Arg('months', () => Int, { defaultValue: 12 }) months: number,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<HealthScoreView[]> {
    const scope = await ctx.ledger('read', ledgerId);
    return ctx.services.insights.healthScores(
      scope.ledgerId,
      scope.user.currency,
      currentMonth(),
      months,
    );
  }

  @Query(() => [BudgetCategoryView], {
    description:
      'Recommended targets from the median of the six months before `month`, within income. ' +
      'Nothing is stored: each id is its category id, until applyBudgetRecommendations.',
  })
  async budgetRecommendations(
    @Ctx() ctx: RequestContext,
    @Arg('month', () => MonthScalar, { nullable: true }) month?: string,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<BudgetCategoryView[]> {
    const scope = await ctx.ledger('read', ledgerId);
    const chosen = monthOrCurrent(month);
    const rows = await ctx.services.insights.recommendations(
      scope.ledgerId,
      scope.user.currency,
      chosen,
    );
    return rows.map(({ recommendation, spentMinor }) =>
      toBudgetCategoryView(
        {
          target: Object.assign(new BudgetCategory(), {
            id: recommendation.categoryId,
            categoryId: recommendation.categoryId,
            category: Object.assign(new Category(), {
              id: recommendation.categoryId,
              name: recommendation.name,
            }),
            targetMonth: chosen,
            targetAmountMinor: recommendation.amountMinor,
          }),
          spentMinor,
        },
        currencyDigits(scope.user.currency),
      ),
    );
  }

  @Mutation(() => [BudgetCategoryView], {
    description: "Accepts the month's recommendations as its category targets, in one step",
  })
  async applyBudgetRecommendations(
    @Ctx() ctx: RequestContext,
    @Arg('month', () => MonthScalar) month: string,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<BudgetCategoryView[]> {
    const scope = await ctx.ledger('write', ledgerId);
    const chosen = requireMonth(month, 'month');
    await ctx.services.insights.applyRecommendations(scope, chosen);
    const targets = await ctx.services.budgets.listTargets(scope.ledgerId, chosen);
    return targets.map((t) => toBudgetCategoryView(t, currencyDigits(scope.user.currency)));
  }
}
