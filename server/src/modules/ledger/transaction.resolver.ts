import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { DecimalScalar } from '../../graphql/scalars';
import { currencyDigits } from '../../lib/currencies';
import { money, type Money } from '../../lib/money';
import { Category } from '../categories/category.entity';
import { Account } from './account.entity';
import { ledgerArg } from '../ledger-access/ledger-arg';
import {
  IncomeInput,
  TransactionConnection,
  TransactionFilter,
  TransactionInput,
  TransferInput,
} from './ledger.types';
import { Transaction, TransactionKind } from './transaction.entity';

@Resolver(() => Transaction)
export class TransactionResolver {
  @FieldResolver(() => DecimalScalar, { description: 'In `currency`' })
  amount(@Root() t: Transaction): Money {
    return money(t.amountMinor, currencyDigits(t.currency));
  }

  @FieldResolver(() => DecimalScalar, {
    nullable: true,
    description: "Transfers: what arrived, in the receiving account's currency",
  })
  toAmount(@Root() t: Transaction): Money | null {
    if (t.toAmountMinor === null || !t.toAccount) return null;
    return money(t.toAmountMinor, currencyDigits(t.toAccount.currency));
  }

  @FieldResolver(() => DecimalScalar, {
    description: "In the ledger's reporting currency, at the rate fixed at booking",
  })
  async reportingAmount(@Root() t: Transaction, @Ctx() ctx: RequestContext): Promise<Money> {
    const currency = await ctx.loaders.ledgerCurrencies.load(t.ledgerId);
    return money(t.reportingAmountMinor, currencyDigits(currency));
  }

  @FieldResolver(() => Account)
  account(@Root() t: Transaction): Account {
    return t.account as Account;
  }

  @FieldResolver(() => Account, { nullable: true, description: 'Transfers: where the money went' })
  toAccount(@Root() t: Transaction): Account | null {
    return t.toAccount ?? null;
  }

  @FieldResolver(() => Category, { nullable: true, description: 'Expenses and income' })
  category(@Root() t: Transaction): Category | null {
    return t.category ?? null;
  }

  @Query(() => TransactionConnection, {
    description: 'Across accounts, newest first; `first` at most 200',
  })
  async transactions(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => TransactionFilter, { nullable: true }) filter?: TransactionFilter,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<TransactionConnection> {
    const scope = await ctx.ledger('read', ledgerId);
    const { taxCategory, taxDeductible, ...fields } = filter ?? {};
    // Tax marks are the tax module's: it names the rows, the ledger's read filters by them.
    const selection =
      (taxCategory != null && taxCategory !== '') || taxDeductible != null
        ? await ctx.services.tax.selection(scope.ledgerId, {
            taxCategory: taxCategory || null,
            deductible: taxDeductible,
          })
        : undefined;
    const page = await ctx.services.transactionQueries.list(
      scope.ledgerId,
      { ...fields, selection },
      first ?? 50,
      after,
    );
    return {
      nodes: page.nodes,
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Query(() => Transaction)
  async transaction(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Transaction> {
    const scope = await ctx.ledger('read', ledgerId);
    return ctx.services.transactionQueries.get(scope.ledgerId, id);
  }

  @Mutation(() => Transaction)
  async addIncome(
    @Arg('input') input: IncomeInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Transaction> {
    const scope = await ctx.ledger('write', ledgerId);
    return ctx.services.transactions.recordOne(scope, { ...input, kind: TransactionKind.INCOME });
  }

  @Mutation(() => Transaction, { description: 'Neither spending nor income' })
  async addTransfer(
    @Arg('input') input: TransferInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Transaction> {
    const scope = await ctx.ledger('write', ledgerId);
    return ctx.services.transactions.recordOne(scope, {
      kind: TransactionKind.TRANSFER,
      description: input.description ?? 'Transfer',
      amount: input.amount,
      date: input.date,
      accountId: input.fromAccountId,
      toAccountId: input.toAccountId,
      toAmount: input.toAmount,
    });
  }

  @Mutation(() => Transaction)
  async updateTransaction(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: TransactionInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Transaction> {
    return ctx.services.transactions.update(await ctx.ledger('write', ledgerId), id, input);
  }

  @Mutation(() => Boolean)
  async deleteTransaction(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<boolean> {
    return ctx.services.transactions.delete(await ctx.ledger('write', ledgerId), id);
  }
}
