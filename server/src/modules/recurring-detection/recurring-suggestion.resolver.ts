import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { ledgerArg } from '../ledger-access/ledger-arg';
import { RecurringSuggestionView } from './recurring-suggestion.types';

/** `acceptRecurringSuggestion` joins these when the recurring rules (RecurringRule) exist. */
@Resolver(() => RecurringSuggestionView)
export class RecurringSuggestionResolver {
  @Query(() => [RecurringSuggestionView], {
    description: 'Series found in the history and not yet accepted or dismissed, by payee',
  })
  async recurringSuggestions(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<RecurringSuggestionView[]> {
    return ctx.services.recurringDetection.list((await ctx.ledger('read', ledgerId)).ledgerId);
  }

  @Mutation(() => [RecurringSuggestionView], {
    description:
      'Looks for recurring series in the last three years of the history and returns the open ' +
      'suggestions; dismissed and accepted series stay closed',
  })
  async detectRecurringSuggestions(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<RecurringSuggestionView[]> {
    return ctx.services.recurringDetection.detect(await ctx.ledger('write', ledgerId));
  }

  @Mutation(() => Boolean, { description: 'The series is not suggested again' })
  async dismissRecurringSuggestion(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<boolean> {
    return ctx.services.recurringDetection.dismiss(await ctx.ledger('write', ledgerId), id);
  }
}
