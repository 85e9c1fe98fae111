import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import { badInput } from '../../errors';
import { addDays, monthOf, today } from '../../lib/dates';
import type { JobService } from '../jobs/job.service';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import type { TransactionQueryService } from '../ledger/transaction-query.service';
import type { UploadService } from '../uploads/upload.service';
import type { OcrPool } from './ocr-pool';
import { drawPdfPages, hasTextLayer, readPdf } from './pdf-document';
import { Receipt } from './receipt.entity';
import { ReceiptMerchant } from './receipt-merchant.entity';
import {
  IMAGE_TYPES,
  MAX_INPUT_PIXELS,
  pixelsThumbnail,
  prepareImage,
  textThumbnail,
  THUMBNAIL_WIDTH,
} from './receipt-image';
import {
  merchantCandidates,
  readDrawnPages,
  readFields,
  readPicture,
  type ReceiptReading,
} from './receipt-reader';

export const READ_RECEIPT_JOB = 'receipts.read';

/** A receipt as a restore writes it: what it holds, not whose it is or when it came. */
export type RestoredReceipt = Omit<
  Receipt,
  'id' | 'ledgerId' | 'userId' | 'storedBytes' | 'createdAt' | 'updatedAt'
>;
const PDF = 'application/pdf';

/**
 * How a receipt comes in: an upload checked and stored at once (or refused with nothing kept),
 * then read by the 'receipts.read' job with the OCR workers, off the request path.
 */
export class ReceiptIntakeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uploads: UploadService,
    private readonly transactionQueries: TransactionQueryService,
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
      // Drawn wider than the thumbnail: its margins are cut before it is scaled down.
      const pdf = await readPdf(upload.content, THUMBNAIL_WIDTH * 3, MAX_INPUT_PIXELS);
      if (!pdf.ok) throw badInput('uploadId', 'The PDF could not be read: it is damaged');
      if (pdf.pages === 0) throw badInput('uploadId', 'The PDF has no pages');
      const textLayer = hasTextLayer(pdf.text);
      if (!textLayer && !pdf.firstPage) {
        throw badInput(
          'uploadId',
          'The PDF has no text and its first page could not be drawn: the file is damaged',
        );
      }
      image = upload.content;
      // A scan's text is left to the job: it draws the pages and reads them with the OCR.
      pdfText = textLayer ? pdf.text : null;
      thumbnail = pdf.firstPage
        ? await pixelsThumbnail(pdf.firstPage)
        : await textThumbnail(pdf.text);
    } else if (IMAGE_TYPES.has(upload.type)) {
      ({ image, thumbnail } = await prepareImage(upload.content, upload.type));
    } else {
      throw badInput('uploadId', 'A receipt must be a photo (JPEG, PNG, WebP, HEIC) or a PDF');
    }
    const storedBytes = image.length + thumbnail.length;
    const receipt = await inTransaction(this.dataSource, async (manager) => {
      await this.requireStorage(scope.user.id, storedBytes, manager, 'uploadId');
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

  /** Refuses what would take the user's receipts past their storage. */
  private async requireStorage(
    userId: number,
    addedBytes: number,
    manager: EntityManager,
    field: string,
  ): Promise<void> {
    const [{ used }] = (await manager.query(
      'SELECT COALESCE(SUM(storedBytes), 0) AS used FROM receipts WHERE userId = ?',
      [userId],
    )) as { used: number | string }[];
    if (Number(used) + addedBytes > this.storageBytesPerUser) {
      throw badInput(
        field,
        `Your receipts would take more than ${(this.storageBytesPerUser / 1048576).toFixed(1)} MB: ` +
          'delete old receipts first',
      );
    }
  }

  /**
   * A restore's receipts (receipts.portable.ts), checked there, inside its transaction: within
   * the restoring user's storage, each counted against them; one not read yet is queued again.
   * Answers the new ids in order.
   */
  async restore(
    scope: LedgerScope,
    receipts: RestoredReceipt[],
    manager: EntityManager,
    now = new Date(),
  ): Promise<number[]> {
    const bytes = receipts.reduce((sum, r) => sum + r.image.length + r.thumbnail.length, 0);
    await this.requireStorage(scope.user.id, bytes, manager, 'receipts');
    const ids: number[] = [];
    for (const receipt of receipts) {
      const unread = receipt.status === 'QUEUED' || receipt.status === 'READING';
      const row = manager.create(Receipt, {
        ...receipt,
        status: unread ? 'QUEUED' : receipt.status,
        ledgerId: scope.ledgerId,
        userId: scope.user.id,
        storedBytes: receipt.image.length + receipt.thumbnail.length,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(Receipt, row);
      if (unread) {
        await this.jobs.enqueue(
          { type: READ_RECEIPT_JOB, key: String(row.id), payload: { receiptId: row.id } },
          manager,
        );
      }
      ids.push(row.id);
    }
    return ids;
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
      if (receipt.contentType === PDF && receipt.text) {
        reading = readFields(receipt.text, candidates, today(now));
      } else if (receipt.contentType === PDF) {
        const pages = await drawPdfPages(Buffer.from(receipt.image), MAX_INPUT_PIXELS);
        if (!pages) {
          throw new ReadFailure(
            'The pages of this PDF could not be drawn for reading: the file is damaged or too complex',
          );
        }
        reading = await readDrawnPages(this.pool, pages, candidates, today(now));
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
}

/** A reading that cannot succeed however often it is tried: FAILED with this message. */
class ReadFailure extends Error {}
