/**
 * Amounts as banks write them ("1.234,56", "1,234.56", "-1 234,56", "(12.00)", "12,00-",
 * "EUR 12.50") read into the statement's canonical signed decimal ("-1234.56"). Never a float:
 * the text is checked digit group by digit group and rebuilt as text.
 */

export type DecimalSeparator = '.' | ',';

export type AmountResult = { ok: true; value: string } | { ok: false; reason: string };

// Bounded: an amount cell longer than this is not an amount (and keeps every check linear).
const MAX_AMOUNT_CHARS = 40;
const MAX_WHOLE_DIGITS = 15;
const MAX_FRACTION_DIGITS = 8;

/** "-0012.500" -> "-12.5"; "0.00" -> "0". The form StatementRow.amount promises. */
export function canonicalDecimal(negative: boolean, whole: string, fraction: string): string {
  const w = whole.replace(/^0+(?=\d)/, '') || '0';
  const f = fraction.replace(/0+$/, '');
  const body = f ? `${w}.${f}` : w;
  return negative && body !== '0' ? `-${body}` : body;
}

/** Flips the sign of a canonical decimal (debit columns, DBIT entries). */
export function negate(value: string): string {
  if (value === '0') return value;
  return value.startsWith('-') ? value.slice(1) : `-${value}`;
}

/**
 * Reads one amount cell with the given decimal separator; the other of `.` and `,` (and spaces,
 * apostrophes) may only group thousands in threes.
 */
export function parseAmount(text: string, decimal: DecimalSeparator): AmountResult {
  let s = text.trim();
  if (s === '') return { ok: false, reason: 'is empty' };
  if (s.length > MAX_AMOUNT_CHARS) return { ok: false, reason: 'is too long for an amount' };
  // Unicode minus and the currency written beside the number ("EUR", "€", "$ ").
  s = s.replace(/\u2212/g, '-').replace(/^[A-Z]{3}\s*|\s*[A-Z]{3}$/g, '');
  s = s.replace(/^[€$£¥]\s*|\s*[€$£¥]$/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = negative || s.startsWith('-');
    s = s.slice(1).trim();
  } else if (s.endsWith('-')) {
    // "12,00-": the trailing minus of German and mainframe statements.
    negative = true;
    s = s.slice(0, -1).trim();
  }
  s = s.replace(/^[€$£¥]\s*/, '');
  const thousands = decimal === ',' ? '.' : ',';
  const parts = s.split(decimal);
  if (parts.length > 2)
    return { ok: false, reason: `has more than one decimal separator "${decimal}"` };
  const [wholeText, fraction = ''] = parts;
  if (parts.length === 2 && !/^\d+$/.test(fraction)) {
    return { ok: false, reason: 'has a malformed decimal part' };
  }
  // Thousands groups: "1.234.567", "1 234", "1'234", each group after the first of 3 digits.
  const groups = wholeText.split(groupSplitter(thousands));
  let whole: string;
  if (groups.length === 1) {
    whole = groups[0];
    if (!/^\d*$/.test(whole)) return { ok: false, reason: 'is not a number' };
  } else {
    if (!/^\d{1,3}$/.test(groups[0]) || !groups.slice(1).every((g) => /^\d{3}$/.test(g))) {
      return { ok: false, reason: 'has misplaced thousands separators' };
    }
    whole = groups.join('');
  }
  if (whole === '' && fraction === '') return { ok: false, reason: 'is not a number' };
  if (whole.replace(/^0+/, '').length > MAX_WHOLE_DIGITS)
    return { ok: false, reason: 'is too large' };
  if (fraction.length > MAX_FRACTION_DIGITS) {
    return { ok: false, reason: 'has too many decimal places' };
  }
  return { ok: true, value: canonicalDecimal(negative, whole, fraction) };
}

function groupSplitter(thousands: '.' | ','): RegExp {
  return thousands === '.' ? /[\s\u00a0\u202f'.]/ : /[\s\u00a0\u202f',]/;
}

/**
 * Which decimal separator a column of amounts uses, from all its cells: a cell with both marks
 * ends in the decimal one; a mark seen twice in a cell groups thousands; one mark followed by
 * other than three digits is decimal. Three digits after a lone mark (1,234) decide nothing.
 */
export function detectDecimalSeparator(cells: Iterable<string>): DecimalSeparator {
  let dot = 0;
  let comma = 0;
  for (const raw of cells) {
    const cell = raw.trim();
    if (cell.length > MAX_AMOUNT_CHARS) continue;
    const lastDot = cell.lastIndexOf('.');
    const lastComma = cell.lastIndexOf(',');
    if (lastDot >= 0 && lastComma >= 0) {
      if (lastDot > lastComma) dot++;
      else comma++;
      continue;
    }
    const mark = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
    if (!mark) continue;
    if (cell.indexOf(mark) !== cell.lastIndexOf(mark)) {
      if (mark === '.') comma++;
      else dot++;
      continue;
    }
    const digitsAfter = /^\d*/.exec(cell.slice(cell.lastIndexOf(mark) + 1))?.[0].length ?? 0;
    if (digitsAfter !== 3) {
      if (mark === '.') dot++;
      else comma++;
    }
  }
  return comma > dot ? ',' : '.';
}
