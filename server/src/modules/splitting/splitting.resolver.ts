import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { DecimalScalar } from '../../graphql/scalars';
import { ledgerArg } from '../ledger-access/ledger-arg';
import type { Page } from '../ledger/pagination';
import {
  GroupExpenseConnection,
  GroupExpenseInput,
  GroupExpenseSplitView,
  GroupExpenseView,
  GroupInput,
  GroupMemberInput,
  GroupSettlementConnection,
  GroupSettlementView,
  GroupUpdateInput,
  GroupView,
  PaymentRequest,
  SettlementInput,
} from './splitting.types';

const connection = <T>(page: Page<T>) => ({
  nodes: page.nodes,
  totalCount: page.totalCount,
  pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
});

@Resolver(() => GroupView)
export class SplittingResolver {
  @Query(() => [GroupView], { description: "The ledger's bill-splitting groups, by name" })
  async groups(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<GroupView[]> {
    return ctx.services.groups.list((await ctx.ledger('read', ledgerId)).ledgerId);
  }

  @Query(() => GroupView, { nullable: true })
  async group(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<GroupView> {
    return ctx.services.groups.view((await ctx.ledger('read', ledgerId)).ledgerId, id);
  }

  @Query(() => GroupExpenseConnection, { description: 'Newest first; `first` at most 200' })
  async groupExpenses(
    @Arg('groupId', () => ID) groupId: string,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<GroupExpenseConnection> {
    const scope = await ctx.ledger('read', ledgerId);
    return connection(
      await ctx.services.groupExpenses.list(scope.ledgerId, groupId, first ?? 50, after),
    );
  }

  @Query(() => GroupSettlementConnection, { description: 'Newest first; `first` at most 200' })
  async groupSettlements(
    @Arg('groupId', () => ID) groupId: string,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<GroupSettlementConnection> {
    const scope = await ctx.ledger('read', ledgerId);
    return connection(
      await ctx.services.settlements.list(scope.ledgerId, groupId, first ?? 50, after),
    );
  }

  @Query(() => [GroupExpenseSplitView], {
    description: 'The parts an expense would have; nothing is written',
  })
  async groupExpensePreview(
    @Arg('input') input: GroupExpenseInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<GroupExpenseSplitView[]> {
    return ctx.services.groupExpenses.preview(await ctx.ledger('read', ledgerId), input);
  }

  @Mutation(() => GroupView)
  async createGroup(
    @Arg('input') input: GroupInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<GroupView> {
    return ctx.services.groups.create(await ctx.ledger('write', ledgerId), input);
  }

  @Mutation(() => GroupView)
  async updateGroup(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: GroupUpdateInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<GroupView> {
    return ctx.services.groups.update(await ctx.ledger('write', ledgerId), id, input);
  }

  @Mutation(() => Boolean, { description: "Also removes the members' shares from their ledgers" })
  async deleteGroup(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<boolean> {
    return ctx.services.groupExpenses.deleteGroup(await ctx.ledger('write', ledgerId), id);
  }

  @Mutation(() => GroupView)
  async addGroupMember(
    @Arg('groupId', () => ID) groupId: string,
    @Arg('input') input: GroupMemberInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<GroupView> {
    return ctx.services.groups.addMember(await ctx.ledger('write', ledgerId), groupId, input);
  }

  @Mutation(() => GroupView)
  async updateGroupMember(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: GroupMemberInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<GroupView> {
    return ctx.services.groups.updateMember(await ctx.ledger('write', ledgerId), id, input);
  }

  @Mutation(() => GroupView, { description: 'Only a member of no expense or settlement' })
  async removeGroupMember(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<GroupView> {
    return ctx.services.groups.removeMember(await ctx.ledger('write', ledgerId), id);
  }

  @Mutation(() => GroupExpenseView)
  async addGroupExpense(
    @Arg('input') input: GroupExpenseInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<GroupExpenseView> {
    return ctx.services.groupExpenses.add(await ctx.ledger('write', ledgerId), input);
  }

  @Mutation(() => GroupExpenseView)
  async updateGroupExpense(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: GroupExpenseInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<GroupExpenseView> {
    return ctx.services.groupExpenses.update(await ctx.ledger('write', ledgerId), id, input);
  }

  @Mutation(() => Boolean)
  async deleteGroupExpense(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<boolean> {
    return ctx.services.groupExpenses.delete(await ctx.ledger('write', ledgerId), id);
  }

  @Mutation(() => GroupView)
  async recordSettlement(
    @Arg('input') input: SettlementInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<GroupView> {
    return ctx.services.settlements.record(await ctx.ledger('write', ledgerId), input);
  }

  @Mutation(() => GroupSettlementView)
  async updateSettlement(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: SettlementInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<GroupSettlementView> {
    return ctx.services.settlements.update(await ctx.ledger('write', ledgerId), id, input);
  }

  @Mutation(() => Boolean)
  async deleteSettlement(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<boolean> {
    return ctx.services.settlements.delete(await ctx.ledger('write', ledgerId), id);
  }

  @Mutation(() => PaymentRequest, {
    description:
      'A text and link to share, and an EPC QR when the group is in euros and the payee has an ' +
      'IBAN. Default amount: the suggested transfer between the two. Nothing is recorded.',
  })
  async paymentRequest(
    @Arg('groupId', () => ID) groupId: string,
    @Arg('fromMemberId', () => ID) fromMemberId: string,
    @Arg('toMemberId', () => ID) toMemberId: string,
    @Ctx() ctx: RequestContext,
    @Arg('amount', () => DecimalScalar, { nullable: true }) amount?: string,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<PaymentRequest> {
    const scope = await ctx.ledger('read', ledgerId);
    return ctx.services.settlements.paymentRequest(
      scope.ledgerId,
      groupId,
      fromMemberId,
      toMemberId,
      amount,
    );
  }
}
