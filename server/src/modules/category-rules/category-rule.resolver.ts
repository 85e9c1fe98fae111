import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { ledgerArg } from '../ledger-access/ledger-arg';
import { CategoryRuleInput, CategoryRuleView } from './category-rule.types';

@Resolver(() => CategoryRuleView)
export class CategoryRuleResolver {
  @Query(() => [CategoryRuleView], {
    description: "The ledger's category rules, in the order they are tried",
  })
  async categoryRules(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<CategoryRuleView[]> {
    return ctx.services.categoryRules.list((await ctx.ledger('read', ledgerId)).ledgerId);
  }

  @Mutation(() => CategoryRuleView)
  async createCategoryRule(
    @Arg('input') input: CategoryRuleInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<CategoryRuleView> {
    return ctx.services.categoryRules.create(await ctx.ledger('write', ledgerId), input);
  }

  @Mutation(() => CategoryRuleView)
  async updateCategoryRule(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: CategoryRuleInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<CategoryRuleView> {
    return ctx.services.categoryRules.update(await ctx.ledger('write', ledgerId), id, input);
  }

  @Mutation(() => Boolean)
  async deleteCategoryRule(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<boolean> {
    return ctx.services.categoryRules.delete(await ctx.ledger('write', ledgerId), id);
  }

  @Query(() => Int, {
    description:
      'How many uncategorised transactions (expenses in "Uncategorized", income without a ' +
      'category) this rule would file if saved and applied; nothing is written',
  })
  async previewCategoryRule(
    @Arg('input') input: CategoryRuleInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<number> {
    return ctx.services.categoryRules.preview(await ctx.ledger('read', ledgerId), input);
  }

  @Mutation(() => Int, {
    description:
      'Files the uncategorised transactions (expenses in "Uncategorized", income without a ' +
      'category) by the rules; returns how many moved. Chosen categories are never changed.',
  })
  async applyCategoryRules(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<number> {
    return ctx.services.categoryRules.apply(await ctx.ledger('write', ledgerId));
  }
}
