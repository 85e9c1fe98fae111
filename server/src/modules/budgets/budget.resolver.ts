import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { DecimalScalar, MonthScalar } from '../../graphql/scalars';
import { currencyDigits } from '../../lib/currencies';
import { money, type Money } from '../../lib/money';
import { isMonth } from '../../lib/dates';
import { ledgerArg } from '../ledger-access/ledger-arg';
import { carryOverBudget, carryOversOfThisRequest } from './budget-planning.resolver';
import type { TargetProgress } from './budget.service';
import { Budget } from './budget.entity';
import { BudgetCategoryInput, BudgetCategoryView } from './budget.types';

/** The API shape of a target: money in the caller's currency, remaining worked out. */
export function toBudgetCategoryView(
  { target, spentMinor }: TargetProgress,
  digits: number,
): BudgetCategoryView {
  const targetMinor = BigInt(target.targetAmountMinor);
  return {
    id: target.id,
    category: target.category,
    targetMonth: target.targetMonth,
    targetAmount: money(targetMinor, digits),
    spent: money(spentMinor, digits),
    remaining: money(targetMinor - spentMinor, digits),
  };
}

@Resolver(() => Budget)
export class BudgetResolver {
  @FieldResolver(() => DecimalScalar)
  async amount(@Root() budget: Budget, @Ctx() ctx: RequestContext): Promise<Money> {
    const currency = await ctx.loaders.ledgerCurrencies.load(budget.ledgerId);
    return money(budget.amountMinor, currencyDigits(currency));
  }

  @Query(() => [Budget], { description: 'Every monthly budget, newest month first' })
  async budgets(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Budget[]> {
    const scope = await ctx.ledger('read', ledgerId);
    // A month being filled by a sibling field of this query shows up in the list.
    await carryOversOfThisRequest(ctx);
    return ctx.services.budgets.list(scope.ledgerId);
  }

  @Mutation(() => Budget, { description: 'One budget per month: a second call replaces it' })
  async setMonthlyBudget(
    @Arg('month', () => MonthScalar) month: string,
    @Arg('amount', () => DecimalScalar) amount: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Budget> {
    return ctx.services.budgets.setMonthly(await ctx.ledger('write', ledgerId), month, amount);
  }

  @Mutation(() => Boolean)
  async deleteMonthlyBudget(
    @Arg('month', () => MonthScalar) month: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<boolean> {
    return ctx.services.budgets.deleteMonthly(await ctx.ledger('write', ledgerId), month);
  }

  @Query(() => [BudgetCategoryView], {
    description: "A month's category targets; every target without a month",
  })
  async budgetCategories(
    @Ctx() ctx: RequestContext,
    @Arg('month', () => MonthScalar, { nullable: true }) month?: string,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<BudgetCategoryView[]> {
    // An invalid month is refused by listTargets, after the caller's check.
    if (month != null && isMonth(month)) await carryOverBudget(ctx, ledgerId, month);
    const scope = await ctx.ledger('read', ledgerId);
    const targets = await ctx.services.budgets.listTargets(scope.ledgerId, month);
    return targets.map((t) => toBudgetCategoryView(t, currencyDigits(scope.user.currency)));
  }

  @Mutation(() => BudgetCategoryView, {
    description: 'One target per category and month: a second call replaces it',
  })
  async setBudgetCategory(
    @Arg('input') input: BudgetCategoryInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<BudgetCategoryView> {
    const scope = await ctx.ledger('write', ledgerId);
    return toBudgetCategoryView(
      await ctx.services.budgets.setTarget(scope, input),
      currencyDigits(scope.user.currency),
    );
  }

  @Mutation(() => Boolean)
  async deleteBudgetCategory(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<boolean> {
    return ctx.services.budgets.deleteTarget(await ctx.ledger('write', ledgerId), id);
  }
}
