import type { ParsedStatement, StatementError, StatementRow } from '../statement';
import { detectDecimalSeparator, parseAmount, type DecimalSeparator } from './amounts';
import { dateSpec, detectDateFormat, parseDateAs } from './dates';
import { StatementFileError, type ProgressListener } from './errors';
import { cleanText } from './text';

/**
 * Quicken Interchange Format, `!Type:Bank`, `!Type:CCard` and `!Type:Cash`: one field per line
 * (a letter, then the value), `^` ends a record. Splits (`S` category, `E` memo, `$` amount)
 * become one row each and must add up to the record's total. No maintained reader exists.
 */

const TRANSACTION_TYPES = new Set(['bank', 'ccard', 'cash']);
/** Lists that Quicken writes beside the transactions: nothing to import, nothing wrong. */
const LIST_TYPES = new Set(['cat', 'class', 'memorized']);
/** Quicken writes MM/DD; only the data can say DD/MM (a day above 12). */
const QIF_DATE_FORMATS = [
  'MM/DD/YYYY',
  'DD/MM/YYYY',
  'MM/DD/YY',
  'DD/MM/YY',
  'YYYY-MM-DD',
  'DD.MM.YYYY',
  'DD.MM.YY',
  'MM-DD-YYYY',
  'DD-MM-YYYY',
];
const PROGRESS_EVERY = 5_000;

interface QifSplit {
  category: string | null;
  memo: string;
  amount: string | null;
}

interface QifRecord {
  line: number;
  date: string | null;
  amount: string | null;
  payee: string;
  memo: string;
  category: string | null;
  transfer: string | null;
  number: string;
  splits: QifSplit[];
}

/** Quicken's `1/ 5'24` and `1/ 5' 4` (apostrophe: a year of this century) as `1/5/2024`. */
function normalizeQifDate(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/'(\d{1,2})$/, (_, year: string) => `/20${year.padStart(2, '0')}`)
    .replace(/'(\d{4})$/, '/$1');
}

/** `L` and `S` name a category, or `[Account]` for a transfer (not a category). */
function categoryOf(text: string): { category: string | null; transfer: string | null } {
  const value = cleanText(text);
  const transfer = /^\[(.*)\](\/.*)?$/.exec(value);
  if (transfer) return { category: null, transfer: transfer[1] };
  // "Category/Class": the class is Quicken's tag, not part of the category.
  const category = value.split('/')[0].trim();
  return { category: category || null, transfer: null };
}

function readRecords(text: string): QifRecord[] {
  const lines = text.split(/\r\n|\n|\r/);
  const records: QifRecord[] = [];
  let section: 'transactions' | 'skip' | null = null;
  let current: QifRecord | null = null;
  const fresh = (line: number): QifRecord => ({
    line,
    date: null,
    amount: null,
    payee: '',
    memo: '',
    category: null,
    transfer: null,
    number: '',
    splits: [],
  });
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = i + 1;
    if (raw.trim() === '') continue;
    if (raw.startsWith('!')) {
      const header = raw.trim();
      const type = /^!Type:\s*(.+)$/i.exec(header)?.[1].trim().toLowerCase();
      if (type === undefined) {
        // !Account (an account list follows), !Option:AutoSwitch, !Clear:AutoSwitch.
        section = /^!Account/i.test(header) ? 'skip' : section;
        continue;
      }
      if (TRANSACTION_TYPES.has(type)) section = 'transactions';
      else if (LIST_TYPES.has(type)) section = 'skip';
      else {
        throw new StatementFileError(
          `"${header.slice(0, 30)}" records are not read: only !Type:Bank, !Type:CCard and !Type:Cash`,
          line,
          'type',
        );
      }
      current = null;
      continue;
    }
    if (section === null) {
      throw new StatementFileError('A QIF file starts with a !Type: line', line, 'type');
    }
    if (section === 'skip') continue;
    const code = raw[0];
    const value = raw.slice(1);
    if (code === '^') {
      if (current) records.push(current);
      current = null;
      continue;
    }
    current ??= fresh(line);
    const split = current.splits[current.splits.length - 1];
    switch (code) {
      case 'D':
        current.date = value.trim();
        break;
      case 'T':
        current.amount = value.trim();
        break;
      case 'U':
        current.amount ??= value.trim();
        break;
      case 'P':
        current.payee = cleanText(value);
        break;
      case 'M':
        current.memo = cleanText(value);
        break;
      case 'N':
        current.number = cleanText(value);
        break;
      case 'L':
        Object.assign(current, categoryOf(value));
        break;
      case 'S': {
        const { category } = categoryOf(value);
        current.splits.push({ category, memo: '', amount: null });
        break;
      }
      case 'E':
        if (split) split.memo = cleanText(value);
        break;
      case '$':
        if (split) split.amount = value.trim();
        break;
      default:
        // C (cleared), A (address), F, X...: nothing a statement row holds.
        break;
    }
  }
  if (current && (current.date || current.amount)) {
    throw new StatementFileError(
      'The last record has no closing ^: the file is truncated',
      current.line,
      '^',
    );
  }
  return records;
}

/** A canonical decimal as an integer at `scale` decimals, for exact split sums. */
function scaled(value: string, scale: number): bigint {
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = value.replace('-', '').split('.');
  const units = BigInt(whole + fraction.padEnd(scale, '0'));
  return negative ? -units : units;
}

export function parseQif(
  text: string,
  dateFormat: string | null,
  onProgress?: ProgressListener,
): ParsedStatement {
  const records = readRecords(text);
  if (records.length === 0)
    throw new StatementFileError('The QIF file holds no transactions', 1, null);
  const dates = records.map((r) => normalizeQifDate(r.date ?? ''));
  const amounts = records.flatMap((r) => [r.amount ?? '', ...r.splits.map((s) => s.amount ?? '')]);
  const decimal: DecimalSeparator = detectDecimalSeparator(amounts);
  let ambiguous: string[] = [];
  let format = dateFormat;
  if (!format) {
    const detection = detectDateFormat(dates, QIF_DATE_FORMATS);
    format = detection.format ?? 'MM/DD/YYYY';
    ambiguous = detection.ambiguous;
  }
  const spec = dateSpec(format);
  if (!spec) throw new StatementFileError(`Unknown date format "${format}"`, 1, 'dateFormat');

  const rows: StatementRow[] = [];
  const errors: StatementError[] = [];
  records.forEach((record, index) => {
    if (index % PROGRESS_EVERY === 0)
      onProgress?.({ fraction: index / records.length, rows: rows.length });
    const fail = (field: string, message: string) =>
      errors.push({ line: record.line, field, message });
    const date = parseDateAs(dates[index], spec);
    if (!date.ok) {
      const written = (record.date ?? '').slice(0, 30);
      fail(
        'D',
        !record.date
          ? 'The date (D) is missing'
          : date.reason === 'invalid'
            ? `"${written}" is not a calendar day`
            : `"${written}" is not a date as ${spec.name}`,
      );
      return;
    }
    if (!record.amount) {
      fail('T', 'The amount (T) is missing');
      return;
    }
    const total = parseAmount(record.amount, decimal);
    if (!total.ok) {
      fail('T', `The amount "${record.amount.slice(0, 30)}" ${total.reason}`);
      return;
    }
    const payee = record.payee || record.transfer || null;
    const base = {
      line: record.line,
      date: date.day,
      currency: null,
      payee,
      bankId: null,
    };
    const transfer = record.transfer === null ? '' : `Transfer: ${record.transfer}`;
    const describe = (memo: string) =>
      memo || record.memo || transfer || payee || (record.number ? `No. ${record.number}` : '');
    if (record.splits.length === 0) {
      rows.push({
        ...base,
        amount: total.value,
        description: describe(''),
        category: record.category,
      });
      return;
    }
    const parts: { amount: string; split: QifSplit }[] = [];
    for (const split of record.splits) {
      const amount = parseAmount(split.amount ?? '', decimal);
      if (!amount.ok) {
        fail('$', `A split's amount "${(split.amount ?? '').slice(0, 30)}" ${amount.reason}`);
        return;
      }
      parts.push({ amount: amount.value, split });
    }
    const scale = Math.max(
      ...[total.value, ...parts.map((p) => p.amount)].map((v) => v.split('.')[1]?.length ?? 0),
    );
    const sum = parts.reduce((acc, p) => acc + scaled(p.amount, scale), 0n);
    if (sum !== scaled(total.value, scale)) {
      fail(
        '$',
        `The splits add up to ${parts.map((p) => p.amount).join(' + ')}, not the total ${total.value}`,
      );
      return;
    }
    for (const { amount, split } of parts) {
      rows.push({ ...base, amount, description: describe(split.memo), category: split.category });
    }
  });
  onProgress?.({ fraction: 1, rows: rows.length });
  return {
    format: 'QIF',
    rows,
    errors,
    account: null,
    csv: null,
    dateFormat: spec.name,
    ambiguousDateFormats: ambiguous,
  };
}
