import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import { AppError, badInput, notFound } from '../../errors';
import { currencyDigits, isCurrencyCode } from '../../lib/currencies';
import { monthOf } from '../../lib/dates';
import { parseId } from '../../lib/ids';
import { fromMinor } from '../../lib/money';
import { normalisePayee } from '../../lib/payee';
import { requireMonth, requireText } from '../../lib/validate';
import type { LedgerAccessService, LedgerScope } from '../ledger-access/ledger-access.service';
import { likePattern, requirePageSize, type Page } from '../ledger/pagination';
import type { TransactionQueryService } from '../ledger/transaction-query.service';
import { TransactionKind, type Transaction } from '../ledger/transaction.entity';
import type { TransactionService } from '../ledger/transaction.service';
import type { User } from '../users/user.entity';
import { Receipt } from './receipt.entity';
import { ReceiptMerchant } from './receipt-merchant.entity';

export interface ReceiptFilterFields {
  search?: string | null;
  month?: string | null;
  unmatched?: boolean | null;
}

/** What confirming a receipt writes: an expense, with the merchant as its payee. */
export interface ReceiptExpenseFields {
  merchant?: unknown;
  amount?: unknown;
  date?: unknown;
  currency?: unknown;
  category?: unknown;
  accountId?: unknown;
  description?: unknown;
}

/** Columns a list reads: everything but the picture bytes. */
const LIST_COLUMNS: (keyof Receipt)[] = [
  'id',
  'ledgerId',
  'userId',
  'name',
  'contentType',
  'storedBytes',
  'status',
  'failure',
  'merchant',
  'merchantConfidence',
  'merchantReadKey',
  'suggestedCategory',
  'date',
  'dateConfidence',
  'totalMinor',
  'totalConfidence',
  'currency',
  'text',
  'month',
  'transactionId',
  'taxKept',
  'createdAt',
  'updatedAt',
];

/**
 * Receipts once they are in (receipt-intake.service.ts takes them in and reads them): the list,
 * confirming one into an expense through the ledger's write path, attaching it to
 * an expense that exists, and the pictures, to members of the receipt's ledger only.
 */
export class ReceiptService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly transactionQueries: TransactionQueryService,
    private readonly ledgers: LedgerAccessService,
  ) {}

  async list(
    ledgerId: number,
    filter: ReceiptFilterFields = {},
    first: unknown = 50,
    after?: unknown,
  ): Promise<Page<Receipt>> {
    const size = requirePageSize(first);
    const cursor = decodeReceiptCursor(after);
    const query = this.dataSource
      .getRepository(Receipt)
      .createQueryBuilder('r')
      .select(LIST_COLUMNS.map((c) => `r.${c}`))
      .where('r.ledgerId = :ledgerId', { ledgerId });
    if (filter.month)
      query.andWhere('r.month = :month', { month: requireMonth(filter.month, 'month') });
    if (filter.unmatched) query.andWhere('r.transactionId IS NULL');
    const search = filter.search?.trim();
    if (search) {
      query.andWhere(
        "(LOWER(r.merchant) LIKE :search ESCAPE '!' OR LOWER(r.text) LIKE :search ESCAPE '!' " +
          "OR LOWER(r.name) LIKE :search ESCAPE '!')",
        { search: likePattern(search) },
      );
    }
    const totalCount = await query.clone().getCount();
    if (cursor !== null) query.andWhere('r.id < :after', { after: cursor });
    const rows = await query
      .orderBy('r.id', 'DESC')
      .take(size + 1)
      .getMany();
    const nodes = rows.slice(0, size);
    const last = nodes[nodes.length - 1];
    return {
      nodes,
      totalCount,
      hasNextPage: rows.length > size,
      endCursor: last ? Buffer.from(`r${last.id}`).toString('base64url') : null,
    };
  }

  /** The receipt, or null: another ledger's receipt is not found either. */
  async find(ledgerId: number, id: string | number): Promise<Receipt | null> {
    try {
      return await this.get(ledgerId, id);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  async get(ledgerId: number, id: string | number, manager?: EntityManager): Promise<Receipt> {
    const numericId = parseId(id);
    const receipt =
      numericId === null
        ? null
        : await (manager ?? this.dataSource.manager)
            .getRepository(Receipt)
            .createQueryBuilder('r')
            .select(LIST_COLUMNS.map((c) => `r.${c}`))
            .where('r.id = :id AND r.ledgerId = :ledgerId', { id: numericId, ledgerId })
            .getOne();
    if (!receipt) throw notFound('Receipt');
    return receipt;
  }

  async delete(scope: LedgerScope, id: string): Promise<boolean> {
    const receipt = await this.get(scope.ledgerId, id);
    await this.dataSource
      .getRepository(Receipt)
      .delete({ id: receipt.id, ledgerId: scope.ledgerId });
    return true;
  }

  async setTaxKept(scope: LedgerScope, id: string, kept: boolean): Promise<Receipt> {
    const receipt = await this.get(scope.ledgerId, id);
    await this.dataSource
      .getRepository(Receipt)
      .update(receipt.id, { taxKept: kept, updatedAt: new Date() });
    return { ...receipt, taxKept: kept };
  }

  /** Links the receipt to an expense of its ledger that already exists. */
  async attach(scope: LedgerScope, receiptId: string, transactionId: string): Promise<Receipt> {
    const receipt = await this.get(scope.ledgerId, receiptId);
    const expense = await this.transactionQueries.get(
      scope.ledgerId,
      transactionId,
      TransactionKind.EXPENSE,
    );
    await this.dataSource
      .getRepository(Receipt)
      .update(receipt.id, { transactionId: expense.id, updatedAt: new Date() });
    return { ...receipt, transactionId: expense.id };
  }

  /**
   * Writes the receipt's expense through the ledger's write path, with the receipt attached, in
   * one database transaction. A merchant the user corrected is remembered under the line it was
   * read from, with the category chosen, for the next receipt from that shop.
   */
  async confirm(scope: LedgerScope, id: string, fields: ReceiptExpenseFields): Promise<Receipt> {
    return inTransaction(this.dataSource, async (manager) => {
      const receipt = await this.get(scope.ledgerId, id, manager);
      if (receipt.transactionId !== null) {
        throw new AppError('CONFLICT', 'This receipt already belongs to an expense');
      }
      const merchant = requireText(fields.merchant, 'merchant', 'Merchant', 100);
      const description =
        fields.description == null || fields.description === ''
          ? merchant
          : requireText(fields.description, 'description', 'Description', 200);
      const category =
        fields.category == null || fields.category === ''
          ? receipt.suggestedCategory
          : fields.category;
      const { written } = await this.transactions.record(
        scope,
        [
          {
            kind: TransactionKind.EXPENSE,
            description,
            payee: merchant,
            amount: fields.amount,
            date: fields.date,
            currency: fields.currency ?? undefined,
            accountId: fields.accountId ?? undefined,
            category: category ?? undefined,
            // Without a category the rules and the payee's history pick one.
            mayOmitCategory: true,
          },
        ],
        { manager },
      );
      const expense = written[0];
      await manager.update(Receipt, receipt.id, {
        transactionId: expense.id,
        month: monthOf(expense.date),
        updatedAt: new Date(),
      });
      await this.remember(scope.ledgerId, receipt, merchant, expense, manager);
      return { ...receipt, transactionId: expense.id, month: monthOf(expense.date) };
    });
  }

  private async remember(
    ledgerId: number,
    receipt: Receipt,
    merchant: string,
    expense: Transaction,
    manager: EntityManager,
  ): Promise<void> {
    const readKey = receipt.merchantReadKey;
    if (!readKey) return;
    const corrected = normalisePayee(merchant) !== normalisePayee(receipt.merchant ?? '');
    const known = await manager.findOne(ReceiptMerchant, { where: { ledgerId, readKey } });
    if (!corrected && !known) return;
    const values = {
      merchant,
      category: expense.category?.name ?? null,
      updatedAt: new Date(),
    };
    if (known) await manager.update(ReceiptMerchant, known.id, values);
    else await manager.insert(ReceiptMerchant, { ledgerId, readKey, ...values });
  }

  /** The expenses of a page of receipts, in one query. */
  async expensesOf(ledgerId: number, receipts: Receipt[]): Promise<Map<number, Transaction>> {
    const ids = [
      ...new Set(receipts.map((r) => r.transactionId).filter((i): i is number => i !== null)),
    ];
    const found = await this.transactionQueries.getMany(ledgerId, ids);
    return new Map(found.filter((t) => t.kind === TransactionKind.EXPENSE).map((t) => [t.id, t]));
  }

  /**
   * The pictures attached to these transactions of the ledger, for the tax archive: named by
   * the receipt's date and merchant, with the extension of what is stored.
   */
  async forTransactions(
    ledgerId: number,
    transactionIds: number[],
  ): Promise<{ transactionId: number; name: string; bytes: Uint8Array }[]> {
    const files: { transactionId: number; name: string; bytes: Uint8Array }[] = [];
    for (let start = 0; start < transactionIds.length; start += 500) {
      const chunk = transactionIds.slice(start, start + 500);
      const rows = await this.dataSource
        .getRepository(Receipt)
        .createQueryBuilder('r')
        .select(['r.id', 'r.transactionId', 'r.merchant', 'r.date', 'r.contentType'])
        .addSelect('r.image')
        .where('r.ledgerId = :ledgerId', { ledgerId })
        .andWhere('r.transactionId IN (:...ids)', { ids: chunk })
        .orderBy('r.id', 'ASC')
        .getMany();
      for (const r of rows) {
        const merchant = (r.merchant ?? 'receipt').replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 40);
        const extension = r.contentType === 'application/pdf' ? 'pdf' : 'jpg';
        files.push({
          transactionId: r.transactionId as number,
          name: `${r.date ?? 'undated'}-${merchant}-${r.id}.${extension}`,
          bytes: new Uint8Array(r.image),
        });
      }
    }
    return files;
  }

  /**
   * The stored picture or thumbnail, to a member of the receipt's ledger; NOT_FOUND alike for
   * another user's receipt and for one that does not exist.
   */
  async picture(
    user: User,
    id: string,
    which: 'image' | 'thumbnail',
  ): Promise<{ bytes: Buffer; contentType: string; name: string }> {
    const numericId = parseId(id);
    const receipt =
      numericId === null
        ? null
        : await this.dataSource
            .getRepository(Receipt)
            .createQueryBuilder('r')
            .select(['r.id', 'r.ledgerId', 'r.name', 'r.contentType'])
            .addSelect(`r.${which}`)
            .where('r.id = :id', { id: numericId })
            .getOne();
    if (!receipt) throw notFound('Receipt');
    await this.ledgers.scope(user, receipt.ledgerId, 'read');
    return {
      bytes: Buffer.from(receipt[which]),
      contentType: which === 'thumbnail' ? 'image/jpeg' : receipt.contentType,
      name: receipt.name,
    };
  }
}

/** Receipts are listed newest first, by id: the cursor is the last id seen. */
function decodeReceiptCursor(cursor: unknown): number | null {
  if (cursor === undefined || cursor === null) return null;
  const match = /^r(\d{1,15})$/.exec(Buffer.from(String(cursor), 'base64url').toString('utf8'));
  if (!match) throw badInput('after', 'Cursor is not one this API gave out');
  return Number(match[1]);
}

/** The total as a decimal string; read with two decimals when no currency was found. */
export function receiptTotal(receipt: Receipt): string | null {
  if (receipt.totalMinor === null) return null;
  const digits =
    receipt.currency && isCurrencyCode(receipt.currency) ? currencyDigits(receipt.currency) : 2;
  return fromMinor(BigInt(receipt.totalMinor), digits);
}
