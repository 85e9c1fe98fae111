import type { CsvMapping } from '../statement';
import { isKnownHeader } from './csv-columns';
import { dateSpec, detectDateFormat, parseDateAs } from './dates';

/**
 * The layout of a bank CSV read from its first lines: the delimiter, the width of the data, the
 * header row after a bank's preamble, and column roles of a file without a header.
 */

export interface CsvRecord {
  line: number;
  cells: string[];
}

const DELIMITERS = [',', ';', '\t', '|'] as const;
/** Lines looked at to choose the delimiter and find the header. */
const SAMPLE_LINES = 50;
const MAX_LINE_CHARS = 100_000;

/**
 * The delimiter that splits the first lines into the same number of fields most often (quotes
 * respected); more fields wins a tie, then the order `,` `;` tab `|`.
 */
export function detectDelimiter(text: string): string {
  const lines: string[] = [];
  let start = 0;
  while (lines.length < SAMPLE_LINES && start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, Math.min(end, start + MAX_LINE_CHARS));
    if (line.trim() !== '') lines.push(line);
    start = end + 1;
  }
  let best: { delimiter: string; lines: number; fields: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      const n = countOutsideQuotes(line, delimiter);
      if (n > 0) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    for (const [fields, linesWith] of counts) {
      if (!best || linesWith > best.lines || (linesWith === best.lines && fields > best.fields)) {
        best = { delimiter, lines: linesWith, fields };
      }
    }
  }
  return best?.delimiter ?? ',';
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) count++;
  }
  return count;
}

/** Cells up to the last non-empty one (a trailing delimiter adds an empty column). */
function filledWidth(cells: string[]): number {
  let n = cells.length;
  while (n > 0 && cells[n - 1].trim() === '') n--;
  return n;
}

export function dominantWidth(records: CsvRecord[]): number {
  const counts = new Map<number, number>();
  for (const record of records.slice(0, 1000)) {
    const width = filledWidth(record.cells);
    counts.set(width, (counts.get(width) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [width, count] of counts) {
    if (count > bestCount || (count === bestCount && width > best)) {
      best = width;
      bestCount = count;
    }
  }
  return best;
}

function looksLikeValue(cell: string): boolean {
  const text = cell.trim();
  return /^[-+(]?[\d.,\s'/-]+\)?-?$/.test(text) && /\d/.test(text);
}

/**
 * The header row: the first wide row (before the data) whose cells are words, not numbers and
 * dates, and name a known column or are all text. Rows before it are the bank's preamble.
 */
export function findHeader(
  records: CsvRecord[],
  width: number,
  skipRows: number | null,
): { headerIndex: number | null; dataStart: number } {
  const first = skipRows == null ? 0 : records.findIndex((r) => r.line > skipRows);
  if (first < 0) return { headerIndex: null, dataStart: records.length };
  const limit = skipRows == null ? Math.min(records.length, SAMPLE_LINES) : first + 1;
  for (let i = first; i < limit; i++) {
    const cells = records[i].cells;
    const filled = cells.filter((c) => c.trim() !== '');
    if (filledWidth(cells) < Math.min(width, 2) || filled.length < 2) continue;
    if (filledWidth(cells) < width - 1 && skipRows == null) continue;
    const words = filled.every((c) => !looksLikeValue(c));
    if (words && (filled.some(isKnownHeader) || skipRows != null)) {
      return { headerIndex: i, dataStart: i + 1 };
    }
  }
  // No header: the data starts at the first row as wide as most rows.
  const dataStart =
    skipRows != null ? first : records.findIndex((r) => filledWidth(r.cells) >= width - 1);
  return { headerIndex: null, dataStart: Math.max(dataStart, 0) };
}

/** Roles of a file without a header: the date column, the first amount column, the widest text. */
export function rolesFromData(data: CsvRecord[]): CsvMapping {
  const sample = data.slice(0, 200);
  const columns = Math.max(0, ...sample.map((r) => r.cells.length));
  const mapping: CsvMapping = {};
  let longest = 0;
  for (let c = 0; c < columns; c++) {
    const cells = sample.map((r) => (r.cells[c] ?? '').trim()).filter((x) => x !== '');
    if (cells.length === 0) continue;
    const format = detectDateFormat(cells).format;
    const spec = format ? dateSpec(format) : null;
    if (mapping.date == null && spec && cells.every((x) => parseDateAs(x, spec).ok)) {
      mapping.date = c;
    } else if (
      mapping.amount == null &&
      cells.every(looksLikeValue) &&
      cells.some((x) => /[.,]\d{1,2}\)?-?$/.test(x))
    ) {
      mapping.amount = c;
    } else if (!cells.every(looksLikeValue)) {
      const length = cells.reduce((sum, x) => sum + x.length, 0);
      if (length > longest) {
        longest = length;
        mapping.description = c;
      }
    }
  }
  return mapping;
}
