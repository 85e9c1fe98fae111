import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';
import { ledgerArg } from '../ledger-access/ledger-arg';
import { GoalInput, GoalView } from './goal.types';

@Resolver(() => GoalView)
export class GoalResolver {
  @Query(() => [GoalView], { description: "The ledger's savings goals, oldest first" })
  async goals(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<GoalView[]> {
    return ctx.services.goals.list(await ctx.ledger('read', ledgerId));
  }

  @Mutation(() => GoalView)
  async createGoal(
    @Arg('input') input: GoalInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<GoalView> {
    return ctx.services.goals.create(await ctx.ledger('write', ledgerId), input);
  }

  @Mutation(() => GoalView)
  async updateGoal(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: GoalInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<GoalView> {
    return ctx.services.goals.update(await ctx.ledger('write', ledgerId), id, input);
  }

  @Mutation(() => Boolean, { description: 'With its contributions; linked accounts stay' })
  async deleteGoal(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<boolean> {
    return ctx.services.goals.delete(await ctx.ledger('write', ledgerId), id);
  }

  @Mutation(() => GoalView, { description: "Money put towards the goal, in the goal's currency" })
  async contributeToGoal(
    @Arg('id', () => ID) id: string,
    @Arg('amount', () => DecimalScalar) amount: string,
    @Arg('date', () => DateScalar) date: string,
    @Ctx() ctx: RequestContext,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<GoalView> {
    return ctx.services.goals.contribute(await ctx.ledger('write', ledgerId), id, {
      amount,
      date,
      note,
    });
  }

  @Mutation(() => GoalView, { description: 'Answers the goal the contribution belongs to' })
  async updateGoalContribution(
    @Arg('id', () => ID) id: string,
    @Arg('amount', () => DecimalScalar) amount: string,
    @Arg('date', () => DateScalar) date: string,
    @Ctx() ctx: RequestContext,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<GoalView> {
    return ctx.services.goals.updateContribution(await ctx.ledger('write', ledgerId), id, {
      amount,
      date,
      note,
    });
  }

  @Mutation(() => GoalView, { description: 'Answers the goal the contribution belonged to' })
  async deleteGoalContribution(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<GoalView> {
    return ctx.services.goals.deleteContribution(await ctx.ledger('write', ledgerId), id);
  }
}
