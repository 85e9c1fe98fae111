import { currencyDigits, fromMinor, toMinor } from '../../lib/money';

/** A category needs this much history before an amount can be "far above its usual". */
export const USUAL_NEEDS = 3;
/** How many times the category's median an amount may reach before the form asks "sure?". */
export const USUAL_FACTOR = 3n;

/** The median of decimal amounts, exact in minor units (rounded down between two middles). */
export function medianAmount(amounts: string[], currency: string): string | null {
  if (amounts.length === 0) return null;
  const digits = currencyDigits(currency);
  const sorted = amounts
    .map((a) => toMinor(a, digits))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2n;
  return fromMinor(median, digits);
}

/**
 * The category's usual amount when `amount` (canonical) is far above it, else null: more than
 * USUAL_FACTOR times the median of its recent expenses, once it has USUAL_NEEDS of them.
 */
export function farAboveUsual(amount: string, recent: string[], currency: string): string | null {
  if (recent.length < USUAL_NEEDS) return null;
  const median = medianAmount(recent, currency);
  if (median === null) return null;
  const digits = currencyDigits(currency);
  const minor = toMinor(median, digits);
  return minor > 0n && toMinor(amount, digits) > USUAL_FACTOR * minor ? median : null;
}

/** Whether a calendar day is more than a year after `today` (both "YYYY-MM-DD"). */
export function moreThanAYearAhead(date: string, today: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const nextYear = `${String(Number(today.slice(0, 4)) + 1).padStart(4, '0')}${today.slice(4)}`;
  return date > nextYear;
}
