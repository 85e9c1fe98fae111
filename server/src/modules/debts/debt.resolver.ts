import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { DecimalScalar } from '../../graphql/scalars';
import { ledgerArg } from '../ledger-access/ledger-arg';
import { AccountDebtInput, DebtInput, DebtView, PayoffPlan, PayoffStrategy } from './debt.types';

@Resolver(() => DebtView)
export class DebtResolver {
  @Query(() => [DebtView], { description: "The ledger's debts, oldest first" })
  async debts(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<DebtView[]> {
    return ctx.services.debts.list((await ctx.ledger('read', ledgerId)).ledgerId);
  }

  @Query(() => PayoffPlan, {
    description: 'Paying every debt: the minimums plus `extraPerMonth` (>= 0) by the strategy',
  })
  async payoffPlan(
    @Arg('strategy', () => PayoffStrategy) strategy: PayoffStrategy,
    @Arg('extraPerMonth', () => DecimalScalar) extraPerMonth: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<PayoffPlan> {
    return ctx.services.debts.plan(await ctx.ledger('read', ledgerId), strategy, extraPerMonth);
  }

  @Mutation(() => DebtView)
  async createDebt(
    @Arg('input') input: DebtInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<DebtView> {
    return ctx.services.debts.create(await ctx.ledger('write', ledgerId), input);
  }

  @Mutation(() => DebtView, { description: 'A debt entered by hand' })
  async updateDebt(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: DebtInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<DebtView> {
    return ctx.services.debts.update(await ctx.ledger('write', ledgerId), id, input);
  }

  @Mutation(() => DebtView, { description: 'One debt per account' })
  async createAccountDebt(
    @Arg('input') input: AccountDebtInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<DebtView> {
    return ctx.services.debts.createFromAccount(await ctx.ledger('write', ledgerId), input);
  }

  @Mutation(() => DebtView, { description: 'A debt that follows an account' })
  async updateAccountDebt(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: AccountDebtInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<DebtView> {
    return ctx.services.debts.updateFromAccount(await ctx.ledger('write', ledgerId), id, input);
  }

  @Mutation(() => Boolean, { description: 'The account of a debt that follows one stays' })
  async deleteDebt(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<boolean> {
    return ctx.services.debts.delete(await ctx.ledger('write', ledgerId), id);
  }
}
