import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { DecimalScalar, MonthScalar } from '../../graphql/scalars';
import { currencyDigits } from '../../lib/currencies';
import { money, type Money } from '../../lib/money';
import { CategorySpending } from '../dashboard/dashboard.types';
import { Role } from '../ledger-access/ledger.entity';
import { ledgerArg } from '../ledger-access/ledger-arg';
import { BudgetSettings } from './budget-settings.entity';
import { BudgetCopyView } from './budget.types';

const carryOversOfRequest = new WeakMap<RequestContext, Promise<void>[]>();

/**
 * Fills `month` from the month before when the ledger carries budgets over; reads that show a
 * month call it first. A viewer's or a READ token's read writes nothing. The work is registered
 * before the first await, so that sibling root fields of the same query (`budgets` beside
 * `budgetCategories(month)`), which GraphQL resolves in parallel, can wait for it.
 */
export function carryOverBudget(
  ctx: RequestContext,
  ledgerId: string | undefined,
  month: string,
): Promise<void> {
  const work = (async () => {
    const scope = await ctx.ledger('read', ledgerId);
    const readOnlyToken = ctx.caller?.kind === 'token' && ctx.caller.token.scope === 'READ';
    if (scope.role === Role.VIEWER || readOnlyToken) return;
    await ctx.services.budgetCarryOver.carryOverIfDue(scope, month);
  })();
  const pending = carryOversOfRequest.get(ctx) ?? [];
  pending.push(work);
  carryOversOfRequest.set(ctx, pending);
  return work;
}

/** Waits for the carry-overs this request started (their errors are reported where they ran). */
export async function carryOversOfThisRequest(ctx: RequestContext): Promise<void> {
  await Promise.allSettled(carryOversOfRequest.get(ctx) ?? []);
}

@Resolver()
export class BudgetPlanningResolver {
  @Mutation(() => BudgetCopyView, {
    description:
      "Copies fromMonth's budget (when toMonth has none) and each target whose category has none in toMonth, in one transaction",
  })
  async copyBudget(
    @Arg('fromMonth', () => MonthScalar) fromMonth: string,
    @Arg('toMonth', () => MonthScalar) toMonth: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<BudgetCopyView> {
    const scope = await ctx.ledger('write', ledgerId);
    return ctx.services.budgetCarryOver.copy(scope, fromMonth, toMonth);
  }

  @Query(() => BudgetSettings)
  async budgetSettings(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<BudgetSettings> {
    return ctx.services.budgetCarryOver.settings((await ctx.ledger('read', ledgerId)).ledgerId);
  }

  @Mutation(() => BudgetSettings, {
    description: "Turns on or off filling each new month from the month before's budget",
  })
  async setBudgetCarryOver(
    @Arg('enabled') enabled: boolean,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<BudgetSettings> {
    const scope = await ctx.ledger('write', ledgerId);
    return ctx.services.budgetCarryOver.setCarryOver(scope, enabled);
  }

  @Query(() => Boolean, {
    description: 'Whether the month has a budget or any target; asking fills nothing',
  })
  async monthBudgeted(
    @Arg('month', () => MonthScalar) month: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<boolean> {
    const scope = await ctx.ledger('read', ledgerId);
    return ctx.services.budgetCarryOver.monthBudgeted(scope.ledgerId, month);
  }

  @Query(() => [CategorySpending], {
    description: "The month's spending of categories without a target that month, largest first",
  })
  async unbudgetedSpending(
    @Arg('month', () => MonthScalar) month: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<CategorySpending[]> {
    const scope = await ctx.ledger('read', ledgerId);
    const rows = await ctx.services.budgets.unbudgetedSpending(scope.ledgerId, month);
    const digits = currencyDigits(scope.user.currency);
    return rows.map((row) => ({ category: row.category, spent: money(row.spentMinor, digits) }));
  }

  @Query(() => DecimalScalar, {
    nullable: true,
    description: "The month's income minus the sum of its targets; null when it has no income",
  })
  async leftToBudget(
    @Arg('month', () => MonthScalar) month: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Money | null> {
    const scope = await ctx.ledger('read', ledgerId);
    const left = await ctx.services.budgets.leftToBudgetMinor(scope.ledgerId, month);
    return left === null ? null : money(left, currencyDigits(scope.user.currency));
  }
}
