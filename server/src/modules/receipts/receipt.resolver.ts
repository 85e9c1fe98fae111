import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Expense } from '../expenses/expense.types';
import { ledgerArg } from '../ledger-access/ledger-arg';
import type { Transaction } from '../ledger/transaction.entity';
import type { Receipt } from './receipt.entity';
import { receiptTotal } from './receipt.service';
import {
  ReceiptConnection,
  ReceiptExpenseInput,
  ReceiptFilter,
  ReceiptStatus,
  ReceiptView,
} from './receipt.types';

function view(receipt: Receipt, expenses: Map<number, Transaction>): ReceiptView {
  const field = (value: string | null, percent: number) => ({
    value,
    confidence: value === null ? 0 : percent / 100,
  });
  return {
    id: String(receipt.id),
    status: receipt.status as ReceiptStatus,
    merchant: field(receipt.merchant, receipt.merchantConfidence),
    date: field(receipt.date, receipt.dateConfidence),
    total: field(receiptTotal(receipt), receipt.totalConfidence),
    currency: receipt.currency,
    text: receipt.text,
    uploadedAt: new Date(receipt.createdAt).toISOString(),
    name: receipt.name,
    contentType: receipt.contentType,
    imageUrl: `/api/receipts/${receipt.id}/image`,
    thumbnailUrl: `/api/receipts/${receipt.id}/thumbnail`,
    taxKept: Boolean(receipt.taxKept),
    failure: receipt.failure,
    suggestedCategory: receipt.suggestedCategory,
    expenseRow:
      receipt.transactionId === null ? null : (expenses.get(receipt.transactionId) ?? null),
  };
}

/** One receipt with its expense (one query), as the single reads and the mutations answer. */
async function viewOne(ctx: RequestContext, receipt: Receipt): Promise<ReceiptView> {
  return view(receipt, await ctx.services.receipts.expensesOf(receipt.ledgerId, [receipt]));
}

@Resolver(() => ReceiptView)
export class ReceiptResolver {
  @FieldResolver(() => Expense, { nullable: true, description: 'The expense it belongs to' })
  expense(@Root() receipt: ReceiptView): Transaction | null {
    return receipt.expenseRow;
  }

  @Query(() => ReceiptConnection, { description: 'Newest first; `first` at most 200' })
  async receipts(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => ReceiptFilter, { nullable: true }) filter?: ReceiptFilter,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<ReceiptConnection> {
    const scope = await ctx.ledger('read', ledgerId);
    const page = await ctx.services.receipts.list(scope.ledgerId, filter, first ?? 50, after);
    // The page's expenses in one query, not one per receipt.
    const expenses = await ctx.services.receipts.expensesOf(scope.ledgerId, page.nodes);
    return {
      nodes: page.nodes.map((r) => view(r, expenses)),
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Query(() => ReceiptView, { nullable: true, description: 'Null when there is no such receipt' })
  async receipt(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<ReceiptView | null> {
    const scope = await ctx.ledger('read', ledgerId);
    const found = await ctx.services.receipts.find(scope.ledgerId, id);
    return found ? viewOne(ctx, found) : null;
  }

  @Mutation(() => ReceiptView, {
    description:
      'Takes an upload (JPEG, PNG, WebP, HEIC or PDF) as a receipt and queues it for reading',
  })
  async scanReceipt(
    @Arg('uploadId', () => ID) uploadId: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<ReceiptView> {
    const scope = await ctx.ledger('write', ledgerId);
    return viewOne(ctx, await ctx.services.receiptIntake.scan(scope, uploadId));
  }

  @Mutation(() => ReceiptView, {
    description: 'Writes the expense (through the ledger) with the receipt attached',
  })
  async confirmReceipt(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ReceiptExpenseInput) input: ReceiptExpenseInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<ReceiptView> {
    const scope = await ctx.ledger('write', ledgerId);
    return viewOne(ctx, await ctx.services.receipts.confirm(scope, id, input));
  }

  @Mutation(() => ReceiptView, { description: 'Attaches the receipt to an existing expense' })
  async attachReceipt(
    @Arg('receiptId', () => ID) receiptId: string,
    @Arg('transactionId', () => ID) transactionId: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<ReceiptView> {
    const scope = await ctx.ledger('write', ledgerId);
    return viewOne(ctx, await ctx.services.receipts.attach(scope, receiptId, transactionId));
  }

  @Mutation(() => ReceiptView, {
    description: 'Marks the receipt as kept for tax purposes, or not',
  })
  async setReceiptTaxKept(
    @Arg('id', () => ID) id: string,
    @Arg('kept') kept: boolean,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<ReceiptView> {
    const scope = await ctx.ledger('write', ledgerId);
    return viewOne(ctx, await ctx.services.receipts.setTaxKept(scope, id, kept));
  }

  @Mutation(() => Boolean)
  async deleteReceipt(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<boolean> {
    return ctx.services.receipts.delete(await ctx.ledger('write', ledgerId), id);
  }
}
