import { averageMinor } from '../reports/report.service';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { currencyDigits } from '../../lib/currencies';
import { money } from '../../lib/money';
import { ledgerArg } from '../ledger-access/ledger-arg';
import { Transaction } from '../ledger/transaction.entity';
import { TaxCategoryMark, TaxSummary } from './tax.types';

@Resolver(() => Transaction)
export class TransactionTaxResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: "The tax category it is deductible under (its own mark, else its category's)",
  })
  async taxCategory(@Root() t: Transaction, @Ctx() ctx: RequestContext): Promise<string | null> {
    const marks = await ctx.loaders.taxMarks.load(t.ledgerId);
    return (
      marks.byTransaction.get(t.id) ??
      (t.categoryId === null ? null : (marks.byCategory.get(t.categoryId) ?? null))
    );
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The tax category marked on this transaction itself (null: none of its own)',
  })
  async ownTaxCategory(@Root() t: Transaction, @Ctx() ctx: RequestContext): Promise<string | null> {
    return (await ctx.loaders.taxMarks.load(t.ledgerId)).byTransaction.get(t.id) ?? null;
  }
}

@Resolver()
export class TaxResolver {
  @Query(() => TaxSummary, {
    description: 'The deductible expenses of the tax year starting in `year` (see taxYearStart)',
  })
  async taxSummary(
    @Ctx() ctx: RequestContext,
    @Arg('year', () => Int) year: number,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<TaxSummary> {
    const scope = await ctx.ledger('read', ledgerId);
    const summary = await ctx.services.tax.summary(scope, year);
    const digits = currencyDigits(scope.user.currency);
    return {
      year: summary.label,
      from: summary.from,
      to: summary.to,
      byTaxCategory: summary.rows.map((r) => ({
        key: r.taxCategory,
        id: null,
        total: money(r.totalMinor, digits),
        count: r.count,
        average: money(averageMinor(r.totalMinor, r.count), digits),
      })),
      total: money(summary.totalMinor, digits),
      transactions: summary.deductions,
    };
  }

  @Query(() => [String], { description: 'The standard tax categories, then the ones of your own' })
  async taxCategories(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<string[]> {
    const scope = await ctx.ledger('read', ledgerId);
    return ctx.services.tax.taxCategories(scope.ledgerId);
  }

  @Query(() => [TaxCategoryMark])
  async taxCategoryMarks(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<TaxCategoryMark[]> {
    const scope = await ctx.ledger('read', ledgerId);
    return ctx.services.tax.categoryMarks(scope.ledgerId);
  }

  @Mutation(() => Transaction, {
    description: 'Marks one expense deductible under a tax category; null removes its own mark',
  })
  async setTaxDeductible(
    @Ctx() ctx: RequestContext,
    @Arg('transactionId', () => ID) transactionId: string,
    @Arg('taxCategory', () => String, { nullable: true }) taxCategory?: string | null,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Transaction> {
    const scope = await ctx.ledger('write', ledgerId);
    return ctx.services.tax.markTransaction(scope, transactionId, taxCategory ?? null);
  }

  @Mutation(() => [TaxCategoryMark], {
    description: "Marks all of a category's expenses deductible; null removes the mark",
  })
  async setCategoryTaxDeductible(
    @Ctx() ctx: RequestContext,
    @Arg('categoryId', () => ID) categoryId: string,
    @Arg('taxCategory', () => String, { nullable: true }) taxCategory?: string | null,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<TaxCategoryMark[]> {
    const scope = await ctx.ledger('write', ledgerId);
    await ctx.services.tax.markCategory(scope, categoryId, taxCategory ?? null);
    return ctx.services.tax.categoryMarks(scope.ledgerId);
  }
}
