import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { ledgerArg } from '../ledger-access/ledger-arg';
import { Category } from './category.entity';
import { CategoryUsage } from './category.types';
import { HiddenLoader } from './hidden-loader';

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => [Category], { description: "The ledger's categories, by name" })
  async categories(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
    @Arg('includeHidden', () => Boolean, {
      nullable: true,
      defaultValue: false,
      description: 'Pickers leave hidden ones out',
    })
    includeHidden?: boolean | null,
  ): Promise<Category[]> {
    const scope = await ctx.ledger('read', ledgerId);
    return ctx.services.categories.list(scope.ledgerId, includeHidden === true);
  }

  @Query(() => Category, {
    nullable: true,
    description:
      'The category a write with this name would use (its name or an old one, ignoring case); ' +
      'null when a write would create one',
  })
  async categoryByName(
    @Arg('name') name: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Category | null> {
    const scope = await ctx.ledger('read', ledgerId);
    return ctx.services.categories.findByName(scope.ledgerId, name);
  }

  @Query(() => [CategoryUsage], {
    description: 'Every category, hidden ones too, with how much it is used; by name',
  })
  async categoryUsage(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<CategoryUsage[]> {
    return ctx.services.categories.usage((await ctx.ledger('read', ledgerId)).ledgerId);
  }

  @FieldResolver(() => Boolean, { description: 'Left out of pickers; writing to it still works' })
  async hidden(@Root() category: Category, @Ctx() ctx: RequestContext): Promise<boolean> {
    if (typeof category.hidden === 'boolean') return category.hidden;
    const loader = await ctx.once('categories.hidden', async () =>
      Promise.resolve(new HiddenLoader(ctx.services.categories)),
    );
    return loader.load(category.id);
  }

  @Mutation(() => Category)
  async createCategory(
    @Arg('name') name: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Category> {
    return ctx.services.categories.create(await ctx.ledger('write', ledgerId), name);
  }

  @Mutation(() => Category, {
    description: 'The old name keeps resolving to the category (scripts may still write it)',
  })
  async renameCategory(
    @Arg('id', () => ID) id: string,
    @Arg('name') name: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Category> {
    return ctx.services.categories.rename(await ctx.ledger('write', ledgerId), id, name);
  }

  @Mutation(() => Category, {
    description:
      "Moves the category's transactions and targets (summed per month) into `intoId`, then " +
      'deletes it; its name keeps resolving to `intoId`. Returns the category merged into',
  })
  async mergeCategory(
    @Arg('id', () => ID) id: string,
    @Arg('intoId', () => ID) intoId: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Category> {
    return ctx.services.categoryMerge.merge(await ctx.ledger('write', ledgerId), id, intoId);
  }

  @Mutation(() => Category, { description: 'A hidden category is left out of pickers' })
  async hideCategory(
    @Arg('id', () => ID) id: string,
    @Arg('hidden') hidden: boolean,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Category> {
    return ctx.services.categories.hide(await ctx.ledger('write', ledgerId), id, hidden);
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
