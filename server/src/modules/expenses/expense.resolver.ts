import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { DecimalScalar } from '../../graphql/scalars';
import { currencyDigits } from '../../lib/currencies';
import { money, type Money } from '../../lib/money';
import { Expense } from './expense.entity';
import { ExpenseConnection, ExpenseFilter, ExpenseInput } from './expense.inputs';

@Resolver(() => Expense)
export class ExpenseResolver {
  @FieldResolver(() => DecimalScalar)
  amount(@Root() expense: Expense, @Ctx() ctx: RequestContext): Money {
    return money(expense.amountMinor, currencyDigits(ctx.requireUser().currency));
  }

  @Query(() => ExpenseConnection, { description: 'Newest first; `first` at most 200' })
  async expenses(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ExpenseFilter, { nullable: true }) filter?: ExpenseFilter,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ExpenseConnection> {
    const page = await ctx.services.expenses.list(
      ctx.requireUser().id,
      filter ?? {},
      first ?? 50,
      after,
    );
    return {
      nodes: page.nodes,
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Query(() => Expense, { description: 'One expense of the caller' })
  expense(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Expense> {
    return ctx.services.expenses.get(ctx.requireUser().id, id);
  }

  @Mutation(() => Expense)
  addExpense(@Arg('input') input: ExpenseInput, @Ctx() ctx: RequestContext): Promise<Expense> {
    return ctx.services.expenses.add(ctx.requireUser(), input);
  }

  @Mutation(() => Expense)
  updateExpense(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: ExpenseInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Expense> {
    return ctx.services.expenses.update(ctx.requireUser(), id, input);
  }

  @Mutation(() => Boolean)
  deleteExpense(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.services.expenses.delete(ctx.requireUser().id, id);
  }
}
