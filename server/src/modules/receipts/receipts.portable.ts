import type { DataSource } from 'typeorm';
import { AppError } from '../../errors';
import { currencyDigits, isCurrencyCode } from '../../lib/currencies';
import { toMinor } from '../../lib/money';
import { requireText } from '../../lib/validate';
import {
  checked,
  idOf,
  inBatches,
  once,
  recordAt,
  RestoreError,
  type IdMap,
  type PortableSection,
} from '../export/portable';
import type { ReceiptIntakeService, RestoredReceipt } from './receipt-intake.service';
import { ReceiptMerchant } from './receipt-merchant.entity';
import { Receipt, type ReceiptStatusValue } from './receipt.entity';
import { receiptTotal } from './receipt.service';

export interface ReceiptMerchantRecord {
  /** The top line a merchant was read from, as matched. */
  readKey: string;
  /** The name the user corrected it to, and the category they chose. */
  merchant: string;
  category: string | null;
}

export interface ReceiptRecord {
  /** Export id: names the picture in the CSV zip (`receipts/<id>.jpg` or `.pdf`). */
  id: string;
  name: string;
  contentType: string;
  status: ReceiptStatusValue;
  failure: string | null;
  merchant: string | null;
  merchantConfidence: number;
  merchantReadKey: string | null;
  suggestedCategory: string | null;
  date: string | null;
  dateConfidence: number;
  total: string | null;
  totalConfidence: number;
  currency: string | null;
  /** What was read (OCR, or a PDF's text layer). */
  text: string | null;
  month: string;
  /** The expense it belongs to (its export id), or null. */
  transaction: string | null;
  taxKept: boolean;
  /** The stored picture (JPEG) or PDF, and its thumbnail (JPEG), base64. */
  image: string;
  thumbnail: string;
}

const STATUSES: ReceiptStatusValue[] = ['QUEUED', 'READING', 'READ', 'FAILED'];
/** What a stored picture or PDF starts with: nothing else is served back as one. */
const MAGIC: Record<string, Buffer> = {
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff]),
  'application/pdf': Buffer.from('%PDF-', 'latin1'),
};
// Pictures are large: a few per batch keeps the export's memory small.
const EXPORT_BATCH = 10;
const extension = (contentType: string) => (contentType === 'application/pdf' ? 'pdf' : 'jpg');

/** Merchant names the user corrected, remembered for the next receipt from that shop. */
export function receiptMerchantsSection(
  dataSource: DataSource,
): PortableSection<ReceiptMerchantRecord> {
  const name = 'receiptMerchants';
  return {
    name,
    export: ({ ledgerId }) =>
      once(async () =>
        (
          await dataSource.manager.find(ReceiptMerchant, {
            where: { ledgerId },
            order: { id: 'ASC' },
          })
        ).map((m) => ({ readKey: m.readKey, merchant: m.merchant, category: m.category })),
      ),
    async restore(records, { scope, manager }) {
      const seen = new Set<string>();
      const now = new Date();
      for (const index of records.keys()) {
        const record = recordAt(name, records, index);
        const fields = checked(name, index, record, () => ({
          readKey: requireText(record.readKey, 'readKey', 'Read key', 100),
          merchant: requireText(record.merchant, 'merchant', 'Merchant', 100),
          category:
            record.category === null
              ? null
              : requireText(record.category, 'category', 'Category', 100),
        }));
        if (seen.has(fields.readKey)) {
          throw new RestoreError(name, index, 'readKey', 'is listed twice');
        }
        seen.add(fields.readKey);
        await manager.insert(ReceiptMerchant, {
          ...fields,
          ledgerId: scope.ledgerId,
          updatedAt: now,
        });
      }
      return records.length;
    },
    csvColumns: [
      { name: 'readKey', type: 'text', value: (r) => r.readKey },
      { name: 'merchant', type: 'text', value: (r) => r.merchant },
      { name: 'category', type: 'text', value: (r) => r.category },
    ],
  };
}

/**
 * Receipts with their pictures, what was read from them and the expense they belong to. In the
 * CSV zip the pictures are files of their own (`receipts/<id>.jpg`, `.pdf`).
 */
export function receiptsSection(
  dataSource: DataSource,
  intake: ReceiptIntakeService,
): PortableSection<ReceiptRecord> {
  const name = 'receipts';
  return {
    name,
    holdsData: async (ledgerId, manager) =>
      (await manager.count(Receipt, { where: { ledgerId }, take: 1 })) > 0,
    async *export({ ledgerId }) {
      const batches = inBatches(
        (afterId, size) =>
          dataSource
            .getRepository(Receipt)
            .createQueryBuilder('r')
            .addSelect(['r.image', 'r.thumbnail'])
            .where('r.ledgerId = :ledgerId AND r.id > :afterId', { ledgerId, afterId })
            .orderBy('r.id', 'ASC')
            .take(size)
            .getMany(),
        EXPORT_BATCH,
      );
      for await (const batch of batches) {
        yield batch.map((r) => ({
          id: String(r.id),
          name: r.name,
          contentType: r.contentType,
          status: r.status,
          failure: r.failure,
          merchant: r.merchant,
          merchantConfidence: r.merchantConfidence,
          merchantReadKey: r.merchantReadKey,
          suggestedCategory: r.suggestedCategory,
          date: r.date,
          dateConfidence: r.dateConfidence,
          total: receiptTotal(r),
          totalConfidence: r.totalConfidence,
          currency: r.currency,
          text: r.text,
          month: r.month,
          transaction: r.transactionId === null ? null : String(r.transactionId),
          taxKept: r.taxKept,
          image: Buffer.from(r.image).toString('base64'),
          thumbnail: Buffer.from(r.thumbnail).toString('base64'),
        }));
      }
    },
    async restore(records, { scope, manager, ids }) {
      const receipts = records.map((_, index) => readReceipt(name, records, index, ids));
      try {
        await intake.restore(scope, receipts, manager);
      } catch (error) {
        // The restoring user's storage: about all of them, not one.
        if (error instanceof AppError) throw new RestoreError(name, null, null, error.message);
        throw error;
      }
      return records.length;
    },
    csvColumns: [
      { name: 'id', type: 'text', value: (r) => r.id },
      { name: 'file', type: 'text', value: (r) => `receipts/${r.id}.${extension(r.contentType)}` },
      { name: 'name', type: 'text', value: (r) => r.name },
      { name: 'status', type: 'text', value: (r) => r.status },
      { name: 'merchant', type: 'text', value: (r) => r.merchant },
      { name: 'date', type: 'date', value: (r) => r.date },
      { name: 'total', type: 'amount', value: (r) => r.total },
      { name: 'currency', type: 'text', value: (r) => r.currency },
      { name: 'transaction', type: 'text', value: (r) => r.transaction },
      { name: 'taxKept', type: 'boolean', value: (r) => r.taxKept },
      { name: 'text', type: 'text', value: (r) => r.text },
    ],
    files: (r) => [
      {
        name: `receipts/${r.id}.${extension(r.contentType)}`,
        bytes: new Uint8Array(Buffer.from(r.image, 'base64')),
      },
    ],
  };
}

/** One record of the document as the receipts module stores it, or a RestoreError naming it. */
function readReceipt(name: string, records: unknown[], index: number, ids: IdMap): RestoredReceipt {
  const record = recordAt(name, records, index);
  const fail = (field: string, reason: string) =>
    new RestoreError(name, index, field, reason, idOf(record));
  const text = (field: string, max: number): string | null => {
    const value = record[field];
    if (value === null || value === undefined) return null;
    if (typeof value !== 'string' || value.length > max) {
      throw fail(field, `must be a text of at most ${max} characters or null`);
    }
    return value;
  };
  const confidence = (field: string): number => {
    const value = record[field];
    if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 100) {
      throw fail(field, 'must be a whole percent from 0 to 100');
    }
    return value as number;
  };
  const contentType = record.contentType as string;
  if (!(contentType in MAGIC)) throw fail('contentType', 'must be image/jpeg or application/pdf');
  const bytes = (field: string, type: string): Buffer => {
    const value = record[field];
    const decoded = typeof value === 'string' ? Buffer.from(value, 'base64') : Buffer.alloc(0);
    if (!decoded.subarray(0, MAGIC[type].length).equals(MAGIC[type])) {
      throw fail(field, `must be the ${type} file, base64`);
    }
    return decoded;
  };
  if (!STATUSES.includes(record.status as ReceiptStatusValue)) {
    throw fail('status', `must be one of ${STATUSES.join(', ')}`);
  }
  const currency = text('currency', 3);
  if (currency !== null && !isCurrencyCode(currency)) throw fail('currency', 'is not ISO 4217');
  let totalMinor: number | null = null;
  if (record.total !== null && record.total !== undefined) {
    const parsed = toMinor(String(record.total), currency ? currencyDigits(currency) : 2);
    if (!parsed.ok || parsed.minor > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw fail('total', 'must be an amount in the receipt currency');
    }
    totalMinor = Number(parsed.minor);
  }
  const date = text('date', 10);
  if (date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw fail('date', 'must be YYYY-MM-DD');
  if (typeof record.month !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(record.month)) {
    throw fail('month', 'must be YYYY-MM');
  }
  if (typeof record.taxKept !== 'boolean') throw fail('taxKept', 'must be true or false');
  let transactionId: number | null = null;
  if (record.transaction !== null && record.transaction !== undefined) {
    const id = ids.get('transactions', String(record.transaction));
    if (id === undefined) throw fail('transaction', "names no transaction of the export's");
    transactionId = id;
  }
  return {
    name: checked(name, index, record, () => requireText(record.name, 'name', 'Name', 255)),
    contentType,
    image: bytes('image', contentType),
    thumbnail: bytes('thumbnail', 'image/jpeg'),
    status: record.status as ReceiptStatusValue,
    failure: text('failure', 300),
    merchant: text('merchant', 100),
    merchantConfidence: confidence('merchantConfidence'),
    merchantReadKey: text('merchantReadKey', 100),
    suggestedCategory: text('suggestedCategory', 100),
    date,
    dateConfidence: confidence('dateConfidence'),
    totalMinor,
    totalConfidence: confidence('totalConfidence'),
    currency,
    text: text('text', 100_000),
    month: record.month,
    transactionId,
    taxKept: record.taxKept,
  };
}
