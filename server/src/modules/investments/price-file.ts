import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { isCalendarDay } from '../../lib/dates';

/**
 * Price files: `date,symbol,close` (one row per security and day, any order), or Ghostfolio's
 * `date;price` for one security named on import. A header line is optional; the delimiter is
 * `,` or `;` (then the decimal separator may be a comma); dates are YYYY-MM-DD. Every bad line
 * is reported by number, and nothing is stored unless the whole file reads.
 */
export interface PriceRow {
  date: string;
  symbol: string | null;
  price: string;
}

export class PriceFileError extends Error {}

export const INLINE_MAX_BYTES = 256 * 1024;
const ROWS_MAX = 500_000;

export function parsePriceFile(text: string): PriceRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const rows: PriceRow[] = [];
  const errors: string[] = [];
  let seenFirst = false;
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const delimiter = line.includes(';') ? ';' : ',';
    const cells = line.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    const number = index + 1;
    // A header names its columns: "date,symbol,close", "Date;Price".
    if (!seenFirst && /^date$/i.test(cells[0])) {
      seenFirst = true;
      continue;
    }
    seenFirst = true;
    if (cells.length !== 2 && cells.length !== 3) {
      errors.push(`line ${number}: expected date,symbol,close or date;price`);
      continue;
    }
    const [date, symbolOrPrice, close] = cells;
    const written = cells.length === 3 ? close : symbolOrPrice;
    // With ";" between cells, a comma is the decimal separator ("123,45").
    const price = delimiter === ';' ? written.replace(',', '.') : written;
    if (!isCalendarDay(date)) errors.push(`line ${number}: "${date}" is not a date as YYYY-MM-DD`);
    else if (!/^\d+(\.\d+)?$/.test(price)) {
      errors.push(`line ${number}: "${price}" is not a positive price`);
    } else rows.push({ date, symbol: cells.length === 3 ? symbolOrPrice : null, price });
    if (errors.length >= 5) break;
    if (rows.length > ROWS_MAX) throw new PriceFileError(`The file has more than ${ROWS_MAX} rows`);
  }
  if (errors.length) throw new PriceFileError(`The price file has errors: ${errors.join('; ')}`);
  return rows;
}

/** Parsed inline when small, else in a worker thread so that requests are not held up. */
export function readPriceFile(content: Buffer): Promise<PriceRow[]> {
  if (content.length <= INLINE_MAX_BYTES) {
    return Promise.resolve().then(() => parsePriceFile(content.toString('utf8')));
  }
  const fromSource = __filename.endsWith('.ts');
  const worker = new Worker(path.join(__dirname, `price-file.worker.${fromSource ? 'ts' : 'js'}`), {
    workerData: { content: new Uint8Array(content) },
    execArgv: fromSource ? ['--require', 'ts-node/register/transpile-only'] : [],
    resourceLimits: { maxOldGenerationSizeMb: 512 },
  });
  return new Promise((resolve, reject) => {
    let answered = false;
    worker.once(
      'message',
      (answer: { ok: true; rows: PriceRow[] } | { ok: false; message: string }) => {
        answered = true;
        void worker.terminate();
        if (answer.ok) resolve(answer.rows);
        else reject(new PriceFileError(answer.message));
      },
    );
    worker.once('error', (error) => {
      answered = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`The price-file worker stopped with code ${code}`));
    });
  });
}
