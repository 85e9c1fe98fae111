import { isCalendarDay } from '../../../lib/dates';

/**
 * Dates as statements write them, in a named format ('DD.MM.YYYY', 'MM/DD/YY', 'YYYYMMDD'...).
 * A file's format is chosen from ALL its dates: the formats under which every date is a real
 * day. When several remain and they read the file differently (03/04/2024), the caller asks.
 */

/** The formats tried, in order of preference when the data cannot tell them apart. */
export const DATE_FORMATS = [
  'YYYY-MM-DD',
  'YYYY/MM/DD',
  'YYYY.MM.DD',
  'YYYYMMDD',
  'DD.MM.YYYY',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD-MM-YYYY',
  'MM-DD-YYYY',
  'DD.MM.YY',
  'DD/MM/YY',
  'MM/DD/YY',
  'DD-MM-YY',
  'MM-DD-YY',
] as const;

interface DateSpec {
  name: string;
  pattern: RegExp;
  /** Index in the match of year, month and day. */
  year: number;
  month: number;
  day: number;
  shortYear: boolean;
}

export type DateResult = { ok: true; day: string } | { ok: false; reason: 'shape' | 'invalid' };

const specs = new Map<string, DateSpec | null>();

/**
 * The spec of a format name. 'D/M/YY' and 'DD/MM/YY' are the same format (one or two digits are
 * always accepted for day and month); null when the name is not a date format.
 */
export function dateSpec(name: string): DateSpec | null {
  const cached = specs.get(name);
  if (cached !== undefined) return cached;
  const spec = buildSpec(name);
  if (specs.size < 100) specs.set(name, spec);
  return spec;
}

function buildSpec(name: string): DateSpec | null {
  const compact = /^(Y{4})(M{1,2})(D{1,2})$/.exec(name);
  if (compact) {
    return {
      name: 'YYYYMMDD',
      pattern: /^(\d{4})(\d{2})(\d{2})$/,
      year: 1,
      month: 2,
      day: 3,
      shortYear: false,
    };
  }
  const match =
    /^(Y{2}|Y{4}|M{1,2}|D{1,2})([./-])(Y{2}|Y{4}|M{1,2}|D{1,2})\2(Y{2}|Y{4}|M{1,2}|D{1,2})$/.exec(
      name,
    );
  if (!match) return null;
  const parts = [match[1], match[3], match[4]];
  const order = parts.map((p) => p[0]).join('');
  if (!['YMD', 'DMY', 'MDY'].includes(order)) return null;
  const yearPart = parts[order.indexOf('Y')];
  const shortYear = yearPart.length === 2;
  const sep = match[2] === '.' ? '\\.' : match[2];
  const group = (p: string) =>
    p[0] === 'Y' ? (shortYear ? '(\\d{2})' : '(\\d{4})') : '(\\d{1,2})';
  const canonical = parts
    .map((p) => (p[0] === 'Y' ? (shortYear ? 'YY' : 'YYYY') : p[0] === 'M' ? 'MM' : 'DD'))
    .join(match[2]);
  return {
    name: canonical,
    pattern: new RegExp(`^${parts.map(group).join(sep)}$`),
    year: order.indexOf('Y') + 1,
    month: order.indexOf('M') + 1,
    day: order.indexOf('D') + 1,
    shortYear,
  };
}

/** A time after the date ("2024-01-05T10:00:00+01:00", "05.01.2024 14:03") is ignored. */
function datePart(text: string): string {
  const trimmed = text.trim();
  const cut = /[T\s]\d{1,2}:\d{2}/.exec(trimmed);
  return cut ? trimmed.slice(0, cut.index) : trimmed;
}

export function parseDateAs(text: string, spec: DateSpec): DateResult {
  return readDate(datePart(text), spec);
}

function readDate(source: string, spec: DateSpec): DateResult {
  if (source.length > 10) return { ok: false, reason: 'shape' };
  const match = spec.pattern.exec(source);
  if (!match) return { ok: false, reason: 'shape' };
  let year = Number(match[spec.year]);
  // Two-digit years: 00-69 are this century, 70-99 the last (as most spreadsheet programs do).
  if (spec.shortYear) year += year < 70 ? 2000 : 1900;
  const day = `${String(year).padStart(4, '0')}-${match[spec.month].padStart(2, '0')}-${match[spec.day].padStart(2, '0')}`;
  return isCalendarDay(day) ? { ok: true, day } : { ok: false, reason: 'invalid' };
}

export interface DateDetection {
  /** The format to read with: the one that reads the most dates, the first listed on a tie. */
  format: string | null;
  /** Formats that read every date but give different days: the user must pick. */
  ambiguous: string[];
}

/** Picks the date format of a file from all of its date cells. */
export function detectDateFormat(
  cells: readonly string[],
  formats: readonly string[] = DATE_FORMATS,
): DateDetection {
  const values = cells.map(datePart).filter((cell) => cell !== '');
  if (values.length === 0) return { format: null, ambiguous: [] };
  let leader = 0;
  const counts = formats.map((name) => {
    const spec = dateSpec(name) as DateSpec;
    let fits = 0;
    let misses = 0;
    for (const value of values) {
      if (readDate(value, spec).ok) fits++;
      // Cannot catch up with the leader any more: stop reading (keeps 100,000 rows fast).
      else if (++misses > values.length - leader) break;
    }
    leader = Math.max(leader, fits);
    return { spec, fits };
  });
  const best = Math.max(...counts.map((c) => c.fits));
  if (best === 0) return { format: null, ambiguous: [] };
  const winners = counts.filter((c) => c.fits === best).map((c) => c.spec);
  const first = winners[0];
  // Only formats that read some date differently make a real choice (01/01/2024 is no question).
  const differing = winners.slice(1).filter((other) =>
    values.some((value) => {
      const a = readDate(value, first);
      const b = readDate(value, other);
      return a.ok && b.ok && a.day !== b.day;
    }),
  );
  return {
    format: first.name,
    ambiguous: differing.length > 0 ? [first.name, ...differing.map((s) => s.name)] : [],
  };
}
