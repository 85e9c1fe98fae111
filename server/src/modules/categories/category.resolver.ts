import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { ledgerArg } from '../ledger/account.resolver';
import { Category } from './category.entity';

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => [Category], { description: "The caller's categories, by name" })
  async categories(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Category[]> {
    return ctx.services.categories.list((await ctx.ledger('read', ledgerId)).ledgerId);
  }

  @Mutation(() => Category)
  async createCategory(
    @Arg('name') name: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Category> {
    return ctx.services.categories.create(await ctx.ledger('write', ledgerId), name);
  }

  @Mutation(() => Category)
  async renameCategory(
    @Arg('id', () => ID) id: string,
    @Arg('name') name: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Category> {
    return ctx.services.categories.rename(await ctx.ledger('write', ledgerId), id, name);
  }

  @Mutation(() => Boolean, {
    description: 'Refused while the category has expenses; its targets go with it',
  })
  async deleteCategory(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<boolean> {
    return ctx.services.categories.delete(await ctx.ledger('write', ledgerId), id);
  }
}
