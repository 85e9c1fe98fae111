// The server compiles to CommonJS, where rrule's named exports work (from ESM on Node 20 they
// fail: libraries.md). The ES5 build has no default export.
import { RRule, RRuleSet, type Options } from 'rrule';
import { badInput } from '../../errors';

const FREQUENCIES: Record<string, number> = {
  DAILY: RRule.DAILY,
  WEEKLY: RRule.WEEKLY,
  MONTHLY: RRule.MONTHLY,
  YEARLY: RRule.YEARLY,
};
const ALLOWED = new Set([
  'FREQ',
  'INTERVAL',
  'BYDAY',
  'BYMONTHDAY',
  'BYMONTH',
  'COUNT',
  'UNTIL',
  'WKST',
]);
const RRULE_MAX = 500;

/** A validated recurrence: the normalised RRULE text and how to list its dates. */
export interface Recurrence {
  rrule: string;
  startDate: string;
  /** The rules whose union is the series (see clampedParts), without COUNT. */
  set: RRuleSet;
  /** With COUNT: the last date of the series. */
  lastDate: string | null;
  freq: string;
}

const toDate = (day: string) => new Date(`${day}T00:00:00.000Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Parses `text` ("FREQ=MONTHLY;BYMONTHDAY=31", with or without "RRULE:") for a series starting
 * on `startDate`. Refused, with the field `rrule`: unknown or unsupported parts, a FREQ other
 * than DAILY/WEEKLY/MONTHLY/YEARLY, INTERVAL or COUNT below 1, UNTIL before the start, a series
 * with no date at all.
 */
export function parseRecurrence(text: unknown, startDate: string): Recurrence {
  if (typeof text !== 'string' || text.trim() === '') {
    throw badInput('rrule', 'Enter a recurrence rule such as FREQ=MONTHLY;BYMONTHDAY=1');
  }
  const normalised = text
    .trim()
    .replace(/^RRULE:/i, '')
    .replace(/\s+/g, '')
    .toUpperCase();
  if (normalised.length > RRULE_MAX) throw badInput('rrule', 'The recurrence rule is too long');
  const parts = new Map<string, string>();
  for (const part of normalised.split(';').filter(Boolean)) {
    const [key, value, extra] = part.split('=');
    if (!key || !value || extra !== undefined || parts.has(key)) {
      throw badInput('rrule', `"${part}" is not a KEY=VALUE part of a recurrence rule`);
    }
    if (!ALLOWED.has(key)) {
      throw badInput(
        'rrule',
        `${key} is not supported; use FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, COUNT, UNTIL`,
      );
    }
    parts.set(key, value);
  }
  const freq = parts.get('FREQ');
  if (!freq || !(freq in FREQUENCIES)) {
    throw badInput('rrule', 'FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY');
  }
  const whole = (key: string, min: number, max: number): number | undefined => {
    const value = parts.get(key);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw badInput('rrule', `${key} must be a whole number from ${min} to ${max}`);
    }
    return Number(value);
  };
  whole('INTERVAL', 1, 1000);
  const count = whole('COUNT', 1, 10_000);
  if (parts.has('COUNT') && parts.has('UNTIL')) {
    throw badInput('rrule', 'A rule ends after COUNT dates or on UNTIL, not both');
  }
  let options: Partial<Options>;
  try {
    options = RRule.parseString(normalised);
  } catch (error) {
    throw badInput('rrule', `Not a valid recurrence rule: ${(error as Error).message}`);
  }
  const monthDays = ([] as number[]).concat(options.bymonthday ?? []);
  if (monthDays.some((d) => !Number.isInteger(d) || d === 0 || d < -31 || d > 31)) {
    throw badInput('rrule', 'BYMONTHDAY takes days 1 to 31 or -1 (the last day) to -31');
  }
  const months = ([] as number[]).concat(options.bymonth ?? []);
  if (months.some((m) => !Number.isInteger(m) || m < 1 || m > 12)) {
    throw badInput('rrule', 'BYMONTH takes months 1 to 12');
  }
  if (options.until) {
    if (Number.isNaN(options.until.getTime())) throw badInput('rrule', 'UNTIL is not a date');
    if (toDay(options.until) < startDate) {
      throw badInput(
        'rrule',
        `UNTIL (${toDay(options.until)}) is before the start date ${startDate}`,
      );
    }
  }
  const set = new RRuleSet();
  for (const part of clampedParts({ ...options, count: null }, startDate))
    set.rrule(new RRule(part));
  let lastDate: string | null = null;
  if (count !== undefined) {
    const dates = set.all((_date, index) => index < count);
    lastDate = dates.length > 0 ? toDay(dates[dates.length - 1]) : null;
  }
  const recurrence: Recurrence = { rrule: normalised, startDate, set, lastDate, freq };
  if (occurrencesBetween(recurrence, startDate, '9999-12-31', 1).length === 0) {
    throw badInput('rrule', 'This rule has no date on or after the start date');
  }
  return recurrence;
}

/**
 * RFC 5545 skips months without the day (BYMONTHDAY=31 has no February). People mean "the
 * 31st, or the month's last day when it is shorter", and back to the 31st after: each day
 * above 28 becomes its own rule BYMONTHDAY=28,...,d;BYSETPOS=-1 (the latest of those days the
 * month has), unioned with the rest. Jan 31, Feb 29 (2024), Mar 31, Apr 30, May 31...
 * A monthly or yearly rule with no day takes the start's day, and is clamped the same way.
 */
function clampedParts(options: Partial<Options>, startDate: string): Partial<Options>[] {
  const start = toDate(startDate);
  const base: Partial<Options> = { ...options, dtstart: start, tzid: null };
  const byDay = options.byweekday !== null && options.byweekday !== undefined;
  let monthDays = ([] as number[]).concat(options.bymonthday ?? []);
  let months = ([] as number[]).concat(options.bymonth ?? []);
  if (byDay) return [base];
  if (options.freq === RRule.MONTHLY && monthDays.length === 0) {
    monthDays = [start.getUTCDate()];
  } else if (options.freq === RRule.YEARLY && monthDays.length === 0 && months.length === 0) {
    monthDays = [start.getUTCDate()];
    months = [start.getUTCMonth() + 1];
  }
  const clampable =
    options.freq === RRule.MONTHLY || (options.freq === RRule.YEARLY && months.length === 1);
  const small = clampable ? monthDays.filter((d) => d <= 28) : monthDays;
  const big = clampable ? monthDays.filter((d) => d > 28) : [];
  const withMonths = months.length > 0 ? { bymonth: months } : {};
  const result: Partial<Options>[] = [];
  if (small.length > 0) result.push({ ...base, ...withMonths, bymonthday: small });
  for (const day of big) {
    const days = Array.from({ length: day - 27 }, (_, i) => 28 + i);
    result.push({ ...base, ...withMonths, bymonthday: days, bysetpos: [-1] });
  }
  return result.length > 0 ? result : [base];
}

/** The series' dates from `from` to `to` (both included), at most `limit`. */
export function occurrencesBetween(
  recurrence: Recurrence,
  from: string,
  to: string,
  limit = 1000,
): string[] {
  const lower = from < recurrence.startDate ? recurrence.startDate : from;
  const upper = recurrence.lastDate !== null && recurrence.lastDate < to ? recurrence.lastDate : to;
  if (lower > upper) return [];
  const dates: string[] = [];
  // `between` with an iterator stops early: a daily rule over centuries is not expanded.
  recurrence.set.between(toDate(lower), toDate(upper), true, (date) => {
    if (dates.length >= limit) return false;
    dates.push(toDay(date));
    return true;
  });
  return dates.slice(0, limit);
}

/** The first date on or after `from`, or null when the series has ended. */
export function firstOnOrAfter(recurrence: Recurrence, from: string): string | null {
  return occurrencesBetween(recurrence, from, '9999-12-31', 1)[0] ?? null;
}

export function addDays(day: string, days: number): string {
  const date = toDate(day);
  date.setUTCDate(date.getUTCDate() + days);
  return toDay(date);
}

/** Building a formatter costs far more than using one: one per time zone, kept. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's date in `timeZone` (IANA); UTC when none is set. */
export function todayIn(timeZone: string | null, now: Date): string {
  const zone = timeZone ?? 'UTC';
  let format = dayFormats.get(zone);
  if (!format) {
    // Throws for an unknown zone before anything is kept.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(zone, format);
  }
  return format.format(now);
}
