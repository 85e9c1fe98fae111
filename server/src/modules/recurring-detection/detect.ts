import { addDays } from '../../lib/dates';

/**
 * Finding recurring series in one payee's history, with no database: the same normalised payee
 * (grouped by the ledger's read), a regular cadence, amounts within 10 % of their median, at
 * least three occurrences. Measured on generated histories (synthetic-history.ts): precision and
 * recall are printed by `npm run bench -- --only=recurring_detection` and held >= 0.9 by a test.
 */
export type Cadence = 'WEEKLY' | 'BIWEEKLY' | 'MONTHLY' | 'QUARTERLY' | 'YEARLY';

export interface Occurrence {
  date: string;
  amountMinor: number;
}

export interface DetectedSeries {
  cadence: Cadence;
  rrule: string;
  /** The median of the series' amounts. */
  amountMinor: number;
  occurrences: number;
  firstDate: string;
  lastDate: string;
  /** When the next one is due, by the rule. */
  nextDate: string;
}

interface CadenceRule {
  cadence: Cadence;
  /** Steps of days (weekly ones) or of months. */
  days?: number;
  months?: number;
  /** How far a payment may land from its day: weekends, bank holidays, a slow bank. */
  tolerance: number;
}

// Shortest first: a weekly series also contains a biweekly and a monthly chain, which the
// coverage rule (most of the span's payments must belong to the chain) refuses.
const CADENCES: CadenceRule[] = [
  // Counted from the first payment, which may itself be a day off: +-1 around the schedule is
  // up to 2 days from the first's.
  { cadence: 'WEEKLY', days: 7, tolerance: 2 },
  { cadence: 'BIWEEKLY', days: 14, tolerance: 2 },
  { cadence: 'MONTHLY', months: 1, tolerance: 3 },
  { cadence: 'QUARTERLY', months: 3, tolerance: 4 },
  { cadence: 'YEARLY', months: 12, tolerance: 6 },
];

export const MIN_OCCURRENCES = 3;
/** Amounts may vary by this share of the median (energy, phone bills with extras). */
export const AMOUNT_TOLERANCE = 0.1;
/** Of all the payee's payments between a series' first and last, at least this share are in it. */
const MIN_COVERAGE = 0.75;
/** Missing payments forgiven, as a share of the run's payments. */
const MAX_MISSES = 0.15;

const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

const partsOf = (date: string) => date.split('-').map(Number) as [number, number, number];

/** The day `months` after the anchor's month, on `day` (31 = the month's last day, clamped). */
function monthStep(start: string, months: number, day: number): string {
  const [year, month] = partsOf(start);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const d = Math.min(day, lastDayOf(y, m));
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Days since 1970-01-01: whole-day arithmetic without dates in the inner loops. */
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

const isMonthEnd = (date: string) => {
  const [y, m, d] = partsOf(date);
  return d === lastDayOf(y, m);
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

const withinAmount = (amount: number, reference: number) =>
  Math.abs(amount - reference) <= AMOUNT_TOLERANCE * reference;

/** The most frequent value (ties: the smallest). */
function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}

/**
 * The longest run of payments starting at `start` that lands, one after another, within the
 * tolerance of the ideal dates (counted from the start, so that shifts do not accumulate) with
 * amounts within 10 % of the run's first; one missing payment in a row is forgiven.
 */
function chainFrom(list: Occurrence[], days: number[], start: number, rule: CadenceRule): number[] {
  const first = list[start];
  const anchorDay = isMonthEnd(first.date) ? 31 : partsOf(first.date)[2];
  const chain = [start];
  let last = start;
  let missed = 0;
  let pending = 0;
  let firstGap = -1;
  for (let step = 1; ; step++) {
    const ideal =
      rule.days !== undefined
        ? days[start] + rule.days * step
        : dayNumber(monthStep(first.date, (rule.months as number) * step, anchorDay));
    if (ideal - days[days.length - 1] > rule.tolerance) break;
    let best = -1;
    let bestDistance = Infinity;
    for (let i = last + 1; i < list.length; i++) {
      const distance = days[i] - ideal;
      if (distance > rule.tolerance) break;
      if (
        Math.abs(distance) <= rule.tolerance &&
        Math.abs(distance) < bestDistance &&
        // Against the first payment, twice the tolerance: both may be 10 % off the median,
        // which is checked on the whole run.
        Math.abs(list[i].amountMinor - first.amountMinor) <=
          2 * AMOUNT_TOLERANCE * first.amountMinor
      ) {
        best = i;
        bestDistance = Math.abs(distance);
      }
    }
    if (best === -1) {
      if (++pending > 1) break;
      continue;
    }
    if (pending > 0) {
      if (firstGap === -1) firstGap = chain.length;
      missed += pending;
      pending = 0;
    }
    chain.push(best);
    last = best;
  }
  // A missed payment now and then (a skipped week, a bill booked with the next) keeps the run;
  // every other one missing is another cadence: then only the run before the first gap counts.
  return missed <= MAX_MISSES * chain.length ? chain : chain.slice(0, firstGap);
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

function rruleOf(rule: CadenceRule, dates: string[]): { rrule: string; next: string } {
  const last = dates[dates.length - 1];
  if (rule.days !== undefined) {
    const weekday = mode(dates.map((d) => new Date(`${d}T00:00:00Z`).getUTCDay()));
    const interval = rule.days / 7;
    const shift = (weekday - new Date(`${last}T00:00:00Z`).getUTCDay() + 7) % 7;
    let next = addDays(last, shift === 0 ? rule.days : shift);
    if (interval > 1 && shift !== 0 && shift < 4) next = addDays(next, 7);
    return {
      rrule: `FREQ=WEEKLY;${interval > 1 ? `INTERVAL=${interval};` : ''}BYDAY=${WEEKDAYS[weekday]}`,
      next,
    };
  }
  // Month ends: most payments on the last day of their month -> BYMONTHDAY=-1 (RFC 5545 would
  // skip short months for BYMONTHDAY=31).
  const monthEnd = dates.filter(isMonthEnd).length * 2 >= dates.length;
  const day = monthEnd ? -1 : mode(dates.map((d) => partsOf(d)[2]));
  const months = rule.months as number;
  const next = monthStep(last, months, day === -1 ? 31 : day);
  if (months === 12) {
    const month = mode(dates.map((d) => partsOf(d)[1]));
    return { rrule: `FREQ=YEARLY;BYMONTH=${month};BYMONTHDAY=${day}`, next };
  }
  return {
    rrule: `FREQ=MONTHLY;${months > 1 ? `INTERVAL=${months};` : ''}BYMONTHDAY=${day}`,
    next,
  };
}

/**
 * The recurring series in one payee's payments (oldest first), at most one per cadence, the
 * shortest cadence first; none when the payee is irregular.
 */
export function detectSeries(occurrences: Occurrence[]): DetectedSeries[] {
  if (occurrences.length < MIN_OCCURRENCES) return [];
  const list = [...occurrences].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const days = list.map((o) => dayNumber(o.date));
  const found: DetectedSeries[] = [];
  const used = new Set<number>();
  for (const rule of CADENCES) {
    let best: number[] = [];
    for (let start = 0; start + MIN_OCCURRENCES <= list.length; start++) {
      if (used.has(start)) continue;
      const chain = chainFrom(list, days, start, rule).filter((i) => !used.has(i));
      if (chain.length > best.length) best = chain;
    }
    if (best.length < MIN_OCCURRENCES) continue;
    const amounts = best.map((i) => list[i].amountMinor);
    const amountMinor = median(amounts);
    if (!amounts.every((a) => withinAmount(a, amountMinor))) continue;
    // Irregular payees (a café, a pharmacy) contain chance runs: the run must be most of the
    // payee's payments over its span, not three lucky ones among many.
    const firstDate = list[best[0]].date;
    const lastDate = list[best[best.length - 1]].date;
    const inSpan = list.filter(
      (o, i) => !used.has(i) && o.date >= firstDate && o.date <= lastDate,
    ).length;
    if (best.length < MIN_COVERAGE * inSpan) continue;
    // A payee seen often at random (a fixed-price coffee) holds chance runs, even of six over
    // years: a run must also be at least half of the payee's payments. (The cost: a series
    // hidden among many other payments to the same payee is not suggested.)
    if (best.length * 2 < list.length - used.size) continue;
    const dates = best.map((i) => list[i].date);
    const { rrule, next } = rruleOf(rule, dates);
    found.push({
      cadence: rule.cadence,
      rrule,
      amountMinor,
      occurrences: best.length,
      firstDate,
      lastDate,
      nextDate: next,
    });
    for (const i of best) used.add(i);
  }
  return found;
}
