import { Unzip, UnzipInflate } from 'fflate';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isCurrencyCode } from '../../lib/currencies';
import { isCalendarDay } from '../../lib/dates';
import { normalizeRate } from '../../lib/exchange';

/**
 * Readers of the European Central Bank's reference-rate files: `eurofxref-daily.xml` (and the
 * history in the same format), `eurofxref-hist.csv` and the zip that holds it. Every file is
 * untrusted input: a malformed one is an EcbFileError naming the line, never a crash.
 */

/** One published rate: 1 EUR = `rate` units of `quote` on `date`. */
export interface EcbRate {
  date: string;
  quote: string;
  rate: string;
}

export const ECB_BASE = 'EUR';

export class EcbFileError extends Error {}

/** Limits on a zip: ECB's history zip holds one ~1.6 MB CSV about 5x compressed. */
export const ZIP_LIMITS = {
  maxEntries: 10,
  maxUncompressedBytes: 50 * 1024 * 1024,
  // A bomb expands by hundreds or thousands; text like ours by tens at most.
  maxRatio: 100,
  // Input is fed to the inflater in slices, so that one step can expand by ~1 MB at most.
  sliceBytes: 1024,
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  // No entity expansion of any kind (XXE, "billion laughs"): DOCTYPEs are refused beforehand.
  processEntities: false,
  htmlEntities: false,
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) => name === 'Cube',
});

type Cube = { time?: unknown; currency?: unknown; rate?: unknown; Cube?: Cube[] };

/** Rates of the ECB's XML format (`Cube time=` holding `Cube currency= rate=`). */
export function parseEcbXml(text: string): EcbRate[] {
  const doctype = /<!(DOCTYPE|ENTITY)/i.exec(text);
  if (doctype) {
    throw new EcbFileError(
      `The XML file declares a DOCTYPE or entities (line ${lineAt(text, doctype.index)}), which ` +
        'are not accepted',
    );
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new EcbFileError(
      `The XML file is malformed at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`,
    );
  }
  const document = parser.parse(text) as { Envelope?: { Cube?: Cube[] } };
  const days = document.Envelope?.Cube?.[0]?.Cube;
  if (!Array.isArray(days)) {
    throw new EcbFileError('This XML file is not an ECB reference-rate file (no Cube of days)');
  }
  const rates: EcbRate[] = [];
  for (const day of days) {
    const date = day.time;
    if (typeof date !== 'string' || !isCalendarDay(date)) {
      throw new EcbFileError(`A Cube has no valid time attribute (got ${JSON.stringify(date)})`);
    }
    for (const cube of day.Cube ?? []) {
      const { currency, rate } = cube;
      if (typeof currency !== 'string' || typeof rate !== 'string') {
        throw new EcbFileError(`A rate of ${date} has no currency or rate attribute`);
      }
      if (!isCurrencyCode(currency)) continue; // a retired currency: nothing to convert with it
      const normalized = normalizeRate(rate.trim());
      if (!normalized) {
        throw new EcbFileError(
          `The ${currency} rate of ${date} is not a positive decimal: ${rate}`,
        );
      }
      rates.push({ date, quote: currency, rate: normalized });
    }
  }
  return rates;
}

/** Rates of `eurofxref-hist.csv`: `Date, USD, JPY, ...,` then one line per day, `N/A` for none. */
export function parseEcbCsv(text: string): EcbRate[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerIndex = lines.findIndex((line) => line.trim() !== '');
  if (headerIndex < 0) throw new EcbFileError('The CSV file is empty');
  const header = lines[headerIndex].split(',').map((cell) => cell.trim());
  if (header[0] !== 'Date') {
    throw new EcbFileError(
      `Line ${headerIndex + 1}: an ECB rates CSV starts with "Date, USD, JPY, ..." (got "${header[0].slice(0, 20)}")`,
    );
  }
  const columns = header.map((code, index) => ({ code, index })).slice(1);
  for (const { code } of columns) {
    if (code !== '' && !/^[A-Z]{3}$/.test(code)) {
      throw new EcbFileError(
        `Line ${headerIndex + 1}: "${code.slice(0, 20)}" is not a currency code`,
      );
    }
  }
  const wanted = columns.filter(({ code }) => isCurrencyCode(code));
  const rates: EcbRate[] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split(',').map((cell) => cell.trim());
    const date = cells[0];
    if (!isCalendarDay(date)) {
      throw new EcbFileError(`Line ${i + 1}: "${date.slice(0, 20)}" is not a date as YYYY-MM-DD`);
    }
    for (const { code, index } of wanted) {
      const cell = cells[index] ?? '';
      if (cell === '' || cell === 'N/A') continue;
      const rate = normalizeRate(cell);
      if (!rate) {
        throw new EcbFileError(
          `Line ${i + 1}: the ${code} rate "${cell.slice(0, 20)}" is not a positive decimal`,
        );
      }
      rates.push({ date, quote: code, rate });
    }
  }
  return rates;
}

/**
 * The text of the one CSV file in an ECB history zip. The entry count and the declared sizes are
 * checked before inflating, and the actual size while inflating (declared sizes can lie).
 */
export function unzipEcbCsv(zip: Uint8Array): string {
  const entries: { name: string; chunks: Uint8Array[] }[] = [];
  let inflated = 0;
  let files = 0;
  let failure: EcbFileError | null = null;
  const fail = (message: string) => {
    failure ??= new EcbFileError(message);
  };
  const unzip = new Unzip((file) => {
    if (failure) return;
    files += 1;
    if (files > ZIP_LIMITS.maxEntries) {
      fail(`The zip holds more than ${ZIP_LIMITS.maxEntries} files`);
      return;
    }
    if (!file.name.toLowerCase().endsWith('.csv')) return;
    if (file.originalSize !== undefined && file.originalSize > ZIP_LIMITS.maxUncompressedBytes) {
      fail(`${file.name} would unpack to more than ${ZIP_LIMITS.maxUncompressedBytes} bytes`);
      return;
    }
    if (
      file.originalSize !== undefined &&
      file.size !== undefined &&
      file.originalSize > Math.max(1, file.size) * ZIP_LIMITS.maxRatio
    ) {
      fail(`${file.name} claims a compression ratio above ${ZIP_LIMITS.maxRatio}: not accepted`);
      return;
    }
    const entry = { name: file.name, chunks: [] as Uint8Array[] };
    entries.push(entry);
    file.ondata = (error, chunk) => {
      if (failure) return;
      if (error) {
        fail(`${file.name} cannot be unpacked: ${error.message}`);
        return;
      }
      inflated += chunk.length;
      if (
        inflated > ZIP_LIMITS.maxUncompressedBytes ||
        (inflated > 1024 * 1024 && inflated > zip.length * ZIP_LIMITS.maxRatio)
      ) {
        fail(`The zip unpacks to more than its limits allow: not accepted`);
        file.terminate();
        return;
      }
      entry.chunks.push(chunk);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let offset = 0; offset < zip.length && !failure; offset += ZIP_LIMITS.sliceBytes) {
      const end = Math.min(offset + ZIP_LIMITS.sliceBytes, zip.length);
      unzip.push(zip.subarray(offset, end), end === zip.length);
    }
  } catch (error) {
    fail(`The zip file cannot be read: ${(error as Error).message}`);
  }
  if (failure) throw failure;
  if (entries.length !== 1) {
    throw new EcbFileError(`The zip must hold exactly one CSV file (found ${entries.length})`);
  }
  return Buffer.concat(entries[0].chunks).toString('utf8');
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export type RateFileKind = 'xml' | 'csv' | 'zip';

/** The rates of a file of one of the ECB's formats. */
export function parseRateFile(kind: RateFileKind, content: Uint8Array): EcbRate[] {
  if (kind === 'zip') return parseEcbCsv(unzipEcbCsv(content));
  const text = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('utf8');
  return kind === 'xml' ? parseEcbXml(text) : parseEcbCsv(text);
}
