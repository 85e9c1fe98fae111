import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Category } from './category.entity';

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => [Category], { description: "The caller's categories, by name" })
  categories(@Ctx() ctx: RequestContext): Promise<Category[]> {
    return ctx.services.categories.list(ctx.requireUser().id);
  }

  @Mutation(() => Category)
  createCategory(@Arg('name') name: string, @Ctx() ctx: RequestContext): Promise<Category> {
    return ctx.services.categories.create(ctx.requireUser().id, name);
  }

  @Mutation(() => Category)
  renameCategory(
    @Arg('id', () => ID) id: string,
    @Arg('name') name: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Category> {
    return ctx.services.categories.rename(ctx.requireUser().id, id, name);
  }

  @Mutation(() => Boolean, {
    description: 'Refused while the category has expenses; its targets go with it',
  })
  deleteCategory(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.services.categories.delete(ctx.requireUser().id, id);
  }
}
