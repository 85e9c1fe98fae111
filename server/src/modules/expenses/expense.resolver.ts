import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { DecimalScalar } from '../../graphql/scalars';
import { currencyDigits } from '../../lib/currencies';
import { money, type Money } from '../../lib/money';
import { Category } from '../categories/category.entity';
import { Account } from '../ledger/account.entity';
import { ledgerArg } from '../ledger-access/ledger-arg';
import { TransactionKind, type Transaction } from '../ledger/transaction.entity';
import { Expense } from './expense.types';
import { ExpenseConnection, ExpenseFilter, ExpenseInput } from './expense.inputs';

const EXPENSE = TransactionKind.EXPENSE;

/** The original expense API, kept for scripts: EXPENSE transactions of the ledger. */
@Resolver(() => Expense)
export class ExpenseResolver {
  @FieldResolver(() => DecimalScalar, { description: 'In `currency`' })
  amount(@Root() expense: Transaction): Money {
    return money(expense.amountMinor, currencyDigits(expense.currency));
  }

  @FieldResolver(() => String, { description: 'ISO 4217 code of `amount`' })
  currency(@Root() expense: Transaction): string {
    return expense.currency;
  }

  @FieldResolver(() => DecimalScalar, { description: "In the ledger's reporting currency" })
  async reportingAmount(@Root() expense: Transaction, @Ctx() ctx: RequestContext): Promise<Money> {
    const currency = await ctx.loaders.ledgerCurrencies.load(expense.ledgerId);
    return money(expense.reportingAmountMinor, currencyDigits(currency));
  }

  @FieldResolver(() => Category)
  category(@Root() expense: Transaction): Category {
    return expense.category as Category;
  }

  @FieldResolver(() => Account)
  account(@Root() expense: Transaction): Account {
    return expense.account as Account;
  }

  @Query(() => ExpenseConnection, { description: 'Newest first; `first` at most 200' })
  async expenses(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ExpenseFilter, { nullable: true }) filter?: ExpenseFilter,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<ExpenseConnection> {
    const scope = await ctx.ledger('read', ledgerId);
    const page = await ctx.services.transactionQueries.list(
      scope.ledgerId,
      { ...filter, kind: EXPENSE },
      first ?? 50,
      after,
    );
    return {
      nodes: page.nodes as unknown as Expense[],
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Query(() => Expense, { description: 'One expense of the ledger' })
  async expense(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Transaction> {
    const scope = await ctx.ledger('read', ledgerId);
    return ctx.services.transactionQueries.get(scope.ledgerId, id, EXPENSE);
  }

  @Mutation(() => Expense, {
    description: 'Category by name, ignoring case; an unknown name creates it',
  })
  async addExpense(
    @Arg('input') input: ExpenseInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Transaction> {
    const scope = await ctx.ledger('write', ledgerId);
    return ctx.services.transactions.recordOne(scope, { ...input, kind: EXPENSE });
  }

  @Mutation(() => Expense)
  async updateExpense(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: ExpenseInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Transaction> {
    const scope = await ctx.ledger('write', ledgerId);
    return ctx.services.transactions.update(scope, id, { ...input, kind: EXPENSE }, EXPENSE);
  }

  @Mutation(() => Boolean)
  async deleteExpense(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<boolean> {
    return ctx.services.transactions.delete(await ctx.ledger('write', ledgerId), id, EXPENSE);
  }
}
