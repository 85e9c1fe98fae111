import { OcrPool } from '../server/src/modules/receipts/ocr-pool';
import { prepareImage } from '../server/src/modules/receipts/receipt-image';
import { merchantCandidates, readPicture } from '../server/src/modules/receipts/receipt-reader';
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
}

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
    ...f.misses.map((m) => `  miss ${m}`),
  ].join('\n');
}
