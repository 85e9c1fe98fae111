import { parse as parseCsvText, CsvError } from 'csv-parse/sync';
import type { CsvMapping, ParsedStatement, StatementError, StatementRow } from '../statement';
import { detectDecimalSeparator, negate, parseAmount, type DecimalSeparator } from './amounts';
import { isKnownHeader, rolesFromHeader } from './csv-columns';
import { matchPreset } from './csv-presets';
import { dateSpec, detectDateFormat, parseDateAs } from './dates';
import { StatementFileError, type ProgressListener } from './errors';
import { cleanText } from './text';

/**
 * Bank CSV files of any layout: delimiter, header row (after a bank's preamble), column roles,
 * date format and decimal separator are detected from the file unless the mapping gives them.
 */

const DELIMITERS = [',', ';', '\t', '|'] as const;
/** Lines looked at to choose the delimiter and find the header. */
const SAMPLE_LINES = 50;
/** One field longer than this is not a bank statement's (and bounds the parser's memory). */
const MAX_RECORD_CHARS = 100_000;
const PROGRESS_EVERY = 5_000;

interface CsvRecord {
  line: number;
  cells: string[];
}

export function parseCsv(
  text: string,
  given: CsvMapping,
  encoding: string,
  onProgress?: ProgressListener,
): ParsedStatement {
  const delimiter = given.delimiter || detectDelimiter(text);
  const records = readRecords(text, delimiter, onProgress);
  if (records.length === 0) throw new StatementFileError('The file is empty', 1, null);
  const width = dominantWidth(records);
  if (width < 2) {
    throw new StatementFileError(
      'The file has only one column: a bank CSV needs at least a date and an amount column ' +
        '(is the delimiter one of , ; tab |?)',
      records[0].line,
      'delimiter',
    );
  }
  const { headerIndex, dataStart } = findHeader(records, width, given.skipRows ?? null);
  const header = headerIndex == null ? null : records[headerIndex].cells.map((c) => c.trim());
  const data = records.slice(dataStart);
  const preset = header ? matchPreset(header) : null;
  const detected = preset ? preset.mapping : header ? rolesFromHeader(header) : rolesFromData(data);
  const mapping: CsvMapping = {
    ...detected,
    ...definedFields(given),
    delimiter,
    encoding,
    skipRows: given.skipRows ?? (records[headerIndex ?? dataStart]?.line ?? 1) - 1,
  };
  requireColumns(mapping, header, records[headerIndex ?? dataStart]?.line ?? 1);

  const dateCells = data.map((r) => r.cells[mapping.date as number] ?? '');
  let ambiguousDateFormats: string[] = [];
  if (!mapping.dateFormat) {
    const detection = detectDateFormat(dateCells);
    mapping.dateFormat = detection.format ?? 'YYYY-MM-DD';
    ambiguousDateFormats = detection.ambiguous;
  }
  const spec = dateSpec(mapping.dateFormat);
  if (!spec) {
    throw new StatementFileError(`Unknown date format "${mapping.dateFormat}"`, 1, 'dateFormat');
  }
  const decimal = (mapping.decimalSeparator ??
    detectDecimalSeparator(amountCells(data, mapping))) as DecimalSeparator;
  if (decimal !== '.' && decimal !== ',') {
    throw new StatementFileError('The decimal separator must be "." or ","', 1, 'decimalSeparator');
  }
  mapping.decimalSeparator = decimal;

  const rows: StatementRow[] = [];
  const errors: StatementError[] = [];
  const cell = (record: CsvRecord, column: number | null | undefined) =>
    column == null ? '' : (record.cells[column] ?? '').trim();
  data.forEach((record, index) => {
    if (index % PROGRESS_EVERY === 0) {
      onProgress?.({ fraction: 0.5 + (0.5 * index) / data.length, rows: index });
    }
    if (record.cells.every((c) => c.trim() === '')) return;
    if (mapping.splitTotal != null) {
      const total = parseAmount(cell(record, mapping.splitTotal), decimal);
      if (total.ok && total.value !== '0') return; // a split's parent: its children follow
    }
    const fail = (field: string, message: string) =>
      errors.push({ line: record.line, field, message });
    const dateText = cell(record, mapping.date);
    const date = parseDateAs(dateText, spec);
    if (!date.ok) {
      fail(
        'date',
        dateText === ''
          ? 'The date is missing'
          : date.reason === 'invalid'
            ? `"${clip(dateText)}" is not a calendar day`
            : `"${clip(dateText)}" is not a date as ${spec.name}`,
      );
      return;
    }
    const amount = readAmount(record, mapping, decimal, cell);
    if (!amount.ok) {
      fail(amount.field, amount.message);
      return;
    }
    const payeeColumn =
      mapping.payeeIn != null && !amount.value.startsWith('-') ? mapping.payeeIn : mapping.payee;
    const payee = cleanText(cell(record, payeeColumn)) || null;
    const currency = cell(record, mapping.currency).toUpperCase();
    rows.push({
      line: record.line,
      date: date.day,
      amount: amount.value,
      currency: /^[A-Z]{3}$/.test(currency) ? currency : null,
      description: cleanText(cell(record, mapping.description)) || payee || '',
      payee,
      category: cleanText(cell(record, mapping.category)) || null,
      bankId: null,
    });
  });
  onProgress?.({ fraction: 1, rows: data.length });
  return {
    format: 'CSV',
    rows,
    errors,
    account: null,
    csv: { mapping, header, ambiguousDateFormats },
    dateFormat: spec.name,
    ambiguousDateFormats,
  };
}

function clip(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)}...` : text;
}

function definedFields(given: CsvMapping): CsvMapping {
  return Object.fromEntries(
    Object.entries(given).filter(([, value]) => value !== null && value !== undefined),
  ) as CsvMapping;
}

type AmountRead = { ok: true; value: string } | { ok: false; field: string; message: string };

function readAmount(
  record: CsvRecord,
  mapping: CsvMapping,
  decimal: DecimalSeparator,
  cell: (record: CsvRecord, column: number | null | undefined) => string,
): AmountRead {
  if (mapping.amount != null) {
    const text = cell(record, mapping.amount);
    const amount = parseAmount(text, decimal);
    return amount.ok
      ? amount
      : { ok: false, field: 'amount', message: `The amount "${clip(text)}" ${amount.reason}` };
  }
  // Debit and credit columns: either may hold the sign or not; debit is money out.
  const debitText = cell(record, mapping.debit);
  const creditText = cell(record, mapping.credit);
  const debit = debitText === '' ? null : parseAmount(debitText, decimal);
  const credit = creditText === '' ? null : parseAmount(creditText, decimal);
  if (debit && !debit.ok) {
    return { ok: false, field: 'debit', message: `The debit "${clip(debitText)}" ${debit.reason}` };
  }
  if (credit && !credit.ok) {
    return {
      ok: false,
      field: 'credit',
      message: `The credit "${clip(creditText)}" ${credit.reason}`,
    };
  }
  const out = debit?.ok && debit.value !== '0' ? debit.value.replace(/^-/, '') : null;
  const into = credit?.ok && credit.value !== '0' ? credit.value.replace(/^-/, '') : null;
  if (out && into) {
    return { ok: false, field: 'amount', message: 'The row has both a debit and a credit' };
  }
  if (out) return { ok: true, value: negate(out) };
  if (into) return { ok: true, value: into };
  if (debit || credit) return { ok: true, value: '0' };
  return { ok: false, field: 'amount', message: 'The row has neither a debit nor a credit' };
}

function amountCells(data: CsvRecord[], mapping: CsvMapping): string[] {
  const columns = [mapping.amount, mapping.debit, mapping.credit].filter(
    (c): c is number => c != null,
  );
  const cells: string[] = [];
  for (const record of data) for (const c of columns) cells.push(record.cells[c] ?? '');
  return cells;
}

function requireColumns(mapping: CsvMapping, header: string[] | null, line: number): void {
  const described = header ? ` (columns: ${header.slice(0, 12).join(', ')})` : '';
  if (mapping.date == null) {
    throw new StatementFileError(`No date column was found${described}: choose it`, line, 'date');
  }
  const hasPair = mapping.debit != null || mapping.credit != null;
  if (mapping.amount == null && !hasPair) {
    throw new StatementFileError(
      `No amount column (or debit and credit columns) was found${described}: choose it`,
      line,
      'amount',
    );
  }
}

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
    const line = text.slice(start, Math.min(end, start + MAX_RECORD_CHARS));
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

function readRecords(text: string, delimiter: string, onProgress?: ProgressListener): CsvRecord[] {
  const records: CsvRecord[] = [];
  let previousEnd = 0;
  try {
    parseCsvText(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: MAX_RECORD_CHARS,
      // Records are kept here, with the line each starts on, and not in csv-parse's own result.
      on_record: (record: string[], context: { lines: number; records: number; bytes: number }) => {
        const line = previousEnd + 1;
        previousEnd = context.lines;
        if (!record.every((c) => c.trim() === '')) records.push({ line, cells: record });
        if (context.records % PROGRESS_EVERY === 0) {
          onProgress?.({ fraction: (0.5 * context.bytes) / text.length, rows: records.length });
        }
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? previousEnd + 1;
      throw new StatementFileError(`The CSV is malformed: ${error.message}`, line, null);
    }
    throw error;
  }
  return records;
}

/** Cells up to the last non-empty one (a trailing delimiter adds an empty column). */
function filledWidth(cells: string[]): number {
  let n = cells.length;
  while (n > 0 && cells[n - 1].trim() === '') n--;
  return n;
}

function dominantWidth(records: CsvRecord[]): number {
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
function findHeader(
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
function rolesFromData(data: CsvRecord[]): CsvMapping {
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
