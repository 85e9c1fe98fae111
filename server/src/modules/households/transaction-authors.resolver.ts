import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Transaction } from '../ledger/transaction.entity';
import { ledgerUser } from './household.resolver';
import { LedgerUser } from './household.types';

/**
 * Who wrote a transaction, by name: members of a shared ledger see each other's names, never
 * addresses. Batched per request, so a page of 200 transactions costs two queries.
 */
@Resolver(() => Transaction)
export class TransactionAuthorsResolver {
  @FieldResolver(() => LedgerUser, { nullable: true, description: 'Who added it' })
  createdBy(@Root() t: Transaction, @Ctx() ctx: RequestContext): Promise<LedgerUser | null> {
    return this.author(t, ctx, 'createdByUserId');
  }

  @FieldResolver(() => LedgerUser, { nullable: true, description: 'Who changed it last' })
  updatedBy(@Root() t: Transaction, @Ctx() ctx: RequestContext): Promise<LedgerUser | null> {
    return this.author(t, ctx, 'updatedByUserId');
  }

  private async author(
    t: Transaction,
    ctx: RequestContext,
    field: 'createdByUserId' | 'updatedByUserId',
  ): Promise<LedgerUser | null> {
    const authors = await ctx.loaders.transactionAuthors.load(t.id);
    const userId = authors?.[field] ?? null;
    const user = userId === null ? null : await ctx.loaders.users.load(userId);
    return user ? ledgerUser(user) : null;
  }
}
