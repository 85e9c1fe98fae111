import { parse as parseCsvText, CsvError } from 'csv-parse/sync';
import type { CsvMapping, ParsedStatement, StatementError, StatementRow } from '../statement';
import { detectDecimalSeparator, negate, parseAmount, type DecimalSeparator } from './amounts';
import { rolesFromHeader } from './csv-columns';
import {
  dominantWidth,
  findHeader,
  rolesFromData,
  detectDelimiter,
  type CsvRecord,
} from './csv-layout';
import { matchPreset } from './csv-presets';
import { dateSpec, detectDateFormat, parseDateAs } from './dates';
import { StatementFileError, type ProgressListener } from './errors';
import { cleanText } from './text';

/**
 * Bank CSV files of any layout: delimiter, header row (after a bank's preamble), column roles,
 * date format and decimal separator are detected from the file unless the mapping gives them.
 */

/** One field longer than this is not a bank statement's (and bounds the parser's memory). */
const MAX_RECORD_CHARS = 100_000;
const PROGRESS_EVERY = 5_000;

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
