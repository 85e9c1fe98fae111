/**
 * A goal's arithmetic, in integer minor units, with no database: what is still needed per month
 * to make the date, and when the goal is reached at the recent pace.
 */
import { addMonths, monthOf, monthRange } from '../../lib/dates';

export const MILESTONES = [25, 50, 75, 100] as const;
/** The pace is what came in over this many calendar months: this one and the two before. */
export const PACE_MONTHS = 3;
/** A projection further out than 100 years is no projection: none is given. */
const PROJECTION_MONTHS_MAX = 1200;

const monthIndex = (month: string) => {
  const [year, mon] = month.split('-').map(Number);
  return year * 12 + mon - 1;
};

/** ceil(a / b) for a >= 0, b > 0. */
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/** Whole percent reached, rounded down, never below 0: 99.99 % is 99, not yet 100. */
export function progressPercent(savedMinor: bigint, targetMinor: bigint): number {
  if (savedMinor <= 0n) return 0;
  return Number((savedMinor * 100n) / targetMinor);
}

/** The highest milestone reached at `percent`, 0 for none. */
export function milestoneAt(percent: number): number {
  return [...MILESTONES].reverse().find((m) => percent >= m) ?? 0;
}

/**
 * What must come in each month to reach the target by `targetDate`: the rest divided over the
 * months from this one up to the target's month (both counted), rounded UP to the minor unit so
 * that paying it every month never falls short. 0 once reached; a date already past leaves this
 * month only. Null without a date.
 */
export function neededPerMonth(
  savedMinor: bigint,
  targetMinor: bigint,
  targetDate: string | null,
  today: string,
): bigint | null {
  if (targetDate === null) return null;
  const rest = targetMinor - savedMinor;
  if (rest <= 0n) return 0n;
  const months = Math.max(1, monthIndex(monthOf(targetDate)) - monthIndex(monthOf(today)) + 1);
  return ceilDiv(rest, BigInt(months));
}

/**
 * The day the target is reached if the next months bring what the last `PACE_MONTHS` did on
 * average: the last day of the month in which the running total first reaches it. Null when
 * nothing came in over those months (no progress), when the goal is reached already, or when
 * it would take more than 100 years.
 */
export function projectedDate(
  savedMinor: bigint,
  targetMinor: bigint,
  paceWindowMinor: bigint,
  today: string,
): string | null {
  const rest = targetMinor - savedMinor;
  if (rest <= 0n || paceWindowMinor <= 0n) return null;
  // rest / (window / PACE_MONTHS) months, rounded up: exact, without dividing the pace first.
  const months = ceilDiv(rest * BigInt(PACE_MONTHS), paceWindowMinor);
  if (months > BigInt(PROJECTION_MONTHS_MAX)) return null;
  return monthRange(addMonths(monthOf(today), Number(months))).last;
}

/** The calendar months of the pace window, oldest first. */
export function paceMonths(today: string): string[] {
  return Array.from({ length: PACE_MONTHS }, (_, i) =>
    addMonths(monthOf(today), i - (PACE_MONTHS - 1)),
  );
}
