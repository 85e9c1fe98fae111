import fs from 'node:fs';
import { OcrPool } from '../server/src/modules/receipts/ocr-pool';
import { drawPdfPages } from '../server/src/modules/receipts/pdf-document';
import { MAX_INPUT_PIXELS, prepareImage } from '../server/src/modules/receipts/receipt-image';
import {
  merchantCandidates,
  readDrawnPages,
  readPicture,
  type ReceiptReading,
} from '../server/src/modules/receipts/receipt-reader';
import { HEIC_RECEIPT } from '../server/src/modules/receipts/synthetic-heic';
import { scannedPdf } from '../server/src/modules/receipts/synthetic-pdf';
import {
  SYNTHETIC_RECEIPT_COUNT,
  syntheticReceipt,
} from '../server/src/modules/receipts/synthetic-receipts';

export interface ReceiptFigures {
  receipts: number;
  totalExact: number;
  dateExact: number;
  merchantExact: number;
  /** Wall time of one receipt read alone (picture preparation and OCR), median and worst. */
  msPerReceiptMedian: number;
  msPerReceiptMax: number;
  /** Receipts per second with the pool's workers all busy. */
  throughputPerSecond: number;
  workers: number;
  misses: string[];
  /** The formats that take more than sharp: read exactly or not, and the time from the file. */
  formats: { name: string; exact: boolean; ms: number }[];
}

interface Truth {
  merchant: string;
  date: string;
  total: string;
}

const exactly = (reading: ReceiptReading, truth: Truth) =>
  reading.merchant === truth.merchant &&
  reading.date === truth.date &&
  reading.totalMinor !== null &&
  (reading.totalMinor / 100).toFixed(2) === truth.total;

/**
 * The generated receipt set (synthetic-receipts.ts: layouts, fonts, languages, currencies,
 * rotation, noise, fading, blur, slant), read as the job reads a stored picture: the share of
 * totals, dates and merchants read exactly, the time of one receipt read alone, and the
 * throughput of the worker pool the server would run on this machine.
 */
export async function benchReceipts(count = SYNTHETIC_RECEIPT_COUNT): Promise<ReceiptFigures> {
  const fixtures = await Promise.all(Array.from({ length: count }, (_, i) => syntheticReceipt(i)));
  const stored = await Promise.all(
    fixtures.map(async (f) => {
      const type = f.image[0] === 0xff ? 'image/jpeg' : 'image/png';
      return (await prepareImage(f.image, type)).image;
    }),
  );
  const candidates = merchantCandidates([], []);
  const today = '2026-06-01';
  const single = new OcrPool(1);
  const times: number[] = [];
  const misses: string[] = [];
  let totalExact = 0;
  let dateExact = 0;
  let merchantExact = 0;
  const formats: ReceiptFigures['formats'] = [];
  try {
    // Warm the worker first: its start (about 0.4 s) is paid once per idle minute, not per receipt.
    await readPicture(single, stored[0], candidates, today);
    for (const [i, fixture] of fixtures.entries()) {
      const started = process.hrtime.bigint();
      const reading = await readPicture(single, stored[i], candidates, today);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      const total = reading.totalMinor === null ? null : (reading.totalMinor / 100).toFixed(2);
      const good = {
        total: total === fixture.total,
        date: reading.date === fixture.date,
        merchant: reading.merchant === fixture.merchant,
      };
      totalExact += Number(good.total);
      dateExact += Number(good.date);
      merchantExact += Number(good.merchant);
      if (!good.total || !good.date || !good.merchant) {
        misses.push(
          `#${i} (${fixture.description}): read ${reading.merchant} ${reading.date} ${total}, ` +
            `is ${fixture.merchant} ${fixture.date} ${fixture.total}`,
        );
      }
    }
    // From the file to the fields, as the scan and the job do: the worker threads' start
    // (libheif's WebAssembly, pdf.js) is part of it, as it is for every upload.
    let started = process.hrtime.bigint();
    const heic = await prepareImage(fs.readFileSync(HEIC_RECEIPT.file), 'image/heic');
    const heicReading = await readPicture(single, heic.image, candidates, today);
    formats.push({
      name: `HEIC photo (${HEIC_RECEIPT.width} x ${HEIC_RECEIPT.height})`,
      exact: exactly(heicReading, HEIC_RECEIPT),
      ms: Number(process.hrtime.bigint() - started) / 1e6,
    });
    const pdf = await scannedPdf(fixtures[0].image);
    started = process.hrtime.bigint();
    const pages = await drawPdfPages(pdf, MAX_INPUT_PIXELS);
    const pdfReading = pages && (await readDrawnPages(single, pages, candidates, today));
    formats.push({
      name: 'scanned PDF (receipt #0 on an A4 page, drawn at 300 dpi)',
      exact: pdfReading !== null && exactly(pdfReading, fixtures[0]),
      ms: Number(process.hrtime.bigint() - started) / 1e6,
    });
  } finally {
    await single.close();
  }
  const workers = Math.min(2, stored.length);
  const pool = new OcrPool(workers);
  let throughputPerSecond = 0;
  try {
    await Promise.all(
      Array.from({ length: workers }, () => readPicture(pool, stored[0], candidates, today)),
    );
    const started = process.hrtime.bigint();
    await Promise.all(stored.map((image) => readPicture(pool, image, candidates, today)));
    throughputPerSecond = stored.length / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    await pool.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    receipts: count,
    totalExact: totalExact / count,
    dateExact: dateExact / count,
    merchantExact: merchantExact / count,
    msPerReceiptMedian: sorted[Math.floor(sorted.length / 2)],
    msPerReceiptMax: sorted[sorted.length - 1],
    throughputPerSecond,
    workers,
    misses,
    formats,
  };
}

export function describeReceipts(f: ReceiptFigures): string {
  const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
  return [
    `receipts OCR, ${f.receipts} generated receipts: total exact ${pct(f.totalExact)}, ` +
      `date exact ${pct(f.dateExact)}, merchant exact ${pct(f.merchantExact)}; ` +
      `${(f.msPerReceiptMedian / 1000).toFixed(2)} s per receipt (median, worst ` +
      `${(f.msPerReceiptMax / 1000).toFixed(2)} s), ${f.throughputPerSecond.toFixed(2)} receipts/s ` +
      `with ${f.workers} workers`,
    ...f.formats.map(
      (x) =>
        `  ${x.name}: ${x.exact ? 'read exactly' : 'NOT read exactly'} in ${(x.ms / 1000).toFixed(2)} s`,
    ),
    ...f.misses.map((m) => `  miss ${m}`),
  ].join('\n');
}
