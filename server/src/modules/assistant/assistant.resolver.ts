import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { ledgerArg } from '../ledger-access/ledger-arg';
import { Transaction, TransactionKind } from '../ledger/transaction.entity';
import { AssistantAction, AssistantReply } from './assistant.types';

@Resolver()
export class AssistantResolver {
  @Mutation(() => AssistantReply, {
    description: 'A question answered, or a write proposed as an action; at most 500 characters',
  })
  async ask(
    @Arg('text') text: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<AssistantReply> {
    const reply = await ctx.services.assistant.ask(await ctx.ledger('read', ledgerId), text);
    return { ...reply, action: reply.action && { ...reply.action, expense: null } };
  }

  @Mutation(() => Transaction, { description: 'Records a proposed action, once' })
  async confirmAssistantAction(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Transaction> {
    return ctx.services.assistant.confirm(await ctx.ledger('write', ledgerId), id);
  }

  @Query(() => AssistantAction, {
    description: 'One of your proposed actions; once confirmed, with the expense it wrote',
  })
  async assistantAction(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<AssistantAction> {
    const action = await ctx.services.assistant.action(await ctx.ledger('read', ledgerId), id);
    const written = action.transaction;
    return {
      id: action.id,
      description: action.description,
      expense: written?.kind === TransactionKind.EXPENSE ? written : null,
    };
  }
}
