import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import { AppError, badInput, notFound } from '../../errors';
import { currencyDigits, isCurrencyCode } from '../../lib/currencies';
import { addDays, monthOf, today } from '../../lib/dates';
import { parseId } from '../../lib/ids';
import { fromMinor } from '../../lib/money';
import { normalisePayee } from '../../lib/payee';
import { requireMonth, requireText } from '../../lib/validate';
import type { JobService } from '../jobs/job.service';
import type { LedgerAccessService, LedgerScope } from '../ledger-access/ledger-access.service';
import { likePattern, requirePageSize, type Page } from '../ledger/pagination';
import type { TransactionQueryService } from '../ledger/transaction-query.service';
import { TransactionKind, type Transaction } from '../ledger/transaction.entity';
import type { TransactionService } from '../ledger/transaction.service';
import type { UploadService } from '../uploads/upload.service';
import type { User } from '../users/user.entity';
import type { OcrPool } from './ocr-pool';
import { readPdfText } from './pdf-text';
import { Receipt } from './receipt.entity';
import { ReceiptMerchant } from './receipt-merchant.entity';
import { prepareImage, textThumbnail, IMAGE_TYPES } from './receipt-image';
import { merchantCandidates, readFields, readPicture, type ReceiptReading } from './receipt-reader';

export const READ_RECEIPT_JOB = 'receipts.read';
const PDF = 'application/pdf';

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
 * Receipts: scanning a picture or PDF (checked and stored at once, read later by a job), the
 * reading itself, confirming it into an expense through the ledger's write path, attaching it to
 * an expense that exists, and the pictures, to members of the receipt's ledger only.
 */
export class ReceiptService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uploads: UploadService,
    private readonly transactions: TransactionService,
    private readonly transactionQueries: TransactionQueryService,
    private readonly ledgers: LedgerAccessService,
    private readonly jobs: JobService,
    private readonly pool: OcrPool,
    /** Pictures and thumbnails a user may keep, in bytes. */
    private readonly storageBytesPerUser: number,
  ) {}

  /**
   * Takes an upload as a receipt: refused at once, with nothing stored, when it is not a picture
   * or PDF that can be read, or would pass the user's storage; else stored (the picture upright
   * and without metadata, the upload itself dropped) and queued for reading.
   */
  async scan(scope: LedgerScope, uploadId: string, now = new Date()): Promise<Receipt> {
    const upload = await this.uploads.read(scope.user.id, uploadId);
    let image: Buffer;
    let thumbnail: Buffer;
    let pdfText: string | null = null;
    if (upload.type === PDF) {
      const pdf = await readPdfText(upload.content);
      if (!pdf.ok) throw badInput('uploadId', 'The PDF could not be read: it is damaged');
      if (pdf.pages === 0) throw badInput('uploadId', 'The PDF has no pages');
      image = upload.content;
      pdfText = pdf.text;
      thumbnail = await textThumbnail(pdf.text);
    } else if (IMAGE_TYPES.has(upload.type)) {
      ({ image, thumbnail } = await prepareImage(upload.content, upload.type));
    } else {
      throw badInput('uploadId', 'A receipt must be a photo (JPEG, PNG, WebP, HEIC) or a PDF');
    }
    const storedBytes = image.length + thumbnail.length;
    const receipt = await inTransaction(this.dataSource, async (manager) => {
      const [{ used }] = (await manager.query(
        'SELECT COALESCE(SUM(storedBytes), 0) AS used FROM receipts WHERE userId = ?',
        [scope.user.id],
      )) as { used: number | string }[];
      if (Number(used) + storedBytes > this.storageBytesPerUser) {
        throw badInput(
          'uploadId',
          `Your receipts would take more than ${(this.storageBytesPerUser / 1048576).toFixed(1)} MB: ` +
            'delete old receipts first',
        );
      }
      const row = manager.create(Receipt, {
        ledgerId: scope.ledgerId,
        userId: scope.user.id,
        name: upload.name,
        contentType: upload.type === PDF ? PDF : 'image/jpeg',
        image,
        thumbnail,
        storedBytes,
        status: 'QUEUED',
        failure: null,
        merchant: null,
        merchantConfidence: 0,
        merchantReadKey: null,
        suggestedCategory: null,
        date: null,
        dateConfidence: 0,
        totalMinor: null,
        totalConfidence: 0,
        currency: null,
        // A PDF's text is known already; the job only parses it.
        text: pdfText,
        month: monthOf(today(now)),
        transactionId: null,
        taxKept: false,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(Receipt, row);
      await this.jobs.enqueue(
        { type: READ_RECEIPT_JOB, key: String(row.id), payload: { receiptId: row.id } },
        manager,
      );
      return row;
    });
    // The original may carry the place it was taken (EXIF GPS): only the cleaned copy stays.
    await this.uploads.discard(scope.user.id, uploadId);
    return receipt;
  }

  /** Ends the OCR workers (the server's shutdown). */
  close(): Promise<void> {
    return this.pool.close();
  }

  /** The job: READING, then READ with the fields found, or FAILED with the reason. */
  async read(receiptId: number, now = new Date()): Promise<void> {
    const repository = this.dataSource.getRepository(Receipt);
    const receipt = await repository
      .createQueryBuilder('r')
      .addSelect('r.image')
      .where('r.id = :id', { id: receiptId })
      .getOne();
    // Deleted before its turn, or already read (a rerun after a lost lease): nothing to do.
    if (!receipt || receipt.status === 'READ') return;
    await repository.update(receipt.id, { status: 'READING', updatedAt: now });
    try {
      const candidates = merchantCandidates(
        await this.dataSource.manager.find(ReceiptMerchant, {
          where: { ledgerId: receipt.ledgerId },
        }),
        await this.transactionQueries.payees(receipt.ledgerId, addDays(today(now), -400)),
      );
      let reading: ReceiptReading;
      if (receipt.contentType === PDF) {
        if (!receipt.text || receipt.text.trim() === '') {
          throw new ReadFailure(
            'This PDF has no text layer (a scan): upload a photo of the receipt instead',
          );
        }
        reading = readFields(receipt.text, candidates, today(now));
      } else {
        reading = await readPicture(this.pool, Buffer.from(receipt.image), candidates, today(now));
      }
      await repository.update(receipt.id, {
        ...reading,
        status: 'READ',
        failure: null,
        month: reading.date ? monthOf(reading.date) : receipt.month,
        updatedAt: new Date(),
      });
    } catch (error) {
      const failure =
        error instanceof ReadFailure ? error.message : 'The receipt could not be read';
      await repository.update(receipt.id, { status: 'FAILED', failure, updatedAt: new Date() });
      if (!(error instanceof ReadFailure)) throw error;
    }
  }

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

/** A reading that cannot succeed however often it is tried: FAILED with this message. */
class ReadFailure extends Error {}

/** The total as a decimal string; read with two decimals when no currency was found. */
export function receiptTotal(receipt: Receipt): string | null {
  if (receipt.totalMinor === null) return null;
  const digits =
    receipt.currency && isCurrencyCode(receipt.currency) ? currencyDigits(receipt.currency) : 2;
  return fromMinor(BigInt(receipt.totalMinor), digits);
}
