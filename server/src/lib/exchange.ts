/**
 * Exchange-rate arithmetic on exact rationals (bigint numerator and denominator): no float ever
 * touches a rate or an amount.
 *
 * The rounding rule: a converted amount is rounded once, half to even ("banker's rounding"), to
 * the target currency's minor digits. 0.125 EUR -> 0.12, 0.135 EUR -> 0.14, -0.125 -> -0.12.
 * Half-even has no bias towards larger amounts over many conversions, which half-up would have.
 *
 * Rates derived from stored ones (an inverse, or a cross rate through a common base) are kept to
 * 10 significant digits, and a conversion uses the rate exactly as it is shown, so that anyone
 * can recompute a converted amount from the rate stored beside it.
 */

/** A positive or negative rational; `den` is always > 0. */
export interface Ratio {
  num: bigint;
  den: bigint;
}

/** A stored rate: a plain positive decimal with at most 12 decimals ("1.0825", "163.12"). */
export const RATE_DECIMALS = 12;
const RATE_TEXT = /^(\d{1,12})(?:\.(\d{1,12}))?$/;

/** Significant digits kept for derived (inverse and cross) rates. */
export const DERIVED_SIGNIFICANT_DIGITS = 10;

/** The rate as an exact ratio, or null when it is not a positive decimal of the stored form. */
export function parseRate(text: string): Ratio | null {
  const match = RATE_TEXT.exec(text);
  if (!match) return null;
  const [, whole, fraction = ''] = match;
  const num = BigInt(whole + fraction);
  if (num === 0n) return null;
  return { num, den: 10n ** BigInt(fraction.length) };
}

// Derived rates may carry more decimals than a stored one (IDR->KWD is about 0.00002): any
// positive plain decimal is accepted here, where the text comes from this module, not a person.
const ANY_DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** A valid rate without trailing zeros ("1.0800" -> "1.08"), so equal rates compare equal. */
export function normalizeRate(text: string): string | null {
  return parseRate(text) ? trimZeros(text) : null;
}

function parseOrThrow(rate: string | Ratio): Ratio {
  if (typeof rate !== 'string') return rate;
  const match = ANY_DECIMAL.exec(rate);
  const num = match ? BigInt(match[1] + (match[2] ?? '')) : 0n;
  if (!match || num === 0n) throw new Error(`Not a positive decimal rate: "${rate}"`);
  return { num, den: 10n ** BigInt((match[2] ?? '').length) };
}

export function multiply(a: string | Ratio, b: string | Ratio): Ratio {
  const x = parseOrThrow(a);
  const y = parseOrThrow(b);
  return { num: x.num * y.num, den: x.den * y.den };
}

export function invert(rate: string | Ratio): Ratio {
  const x = parseOrThrow(rate);
  if (x.num === 0n) throw new Error('Cannot invert a zero rate');
  return x.num < 0n ? { num: -x.den, den: -x.num } : { num: x.den, den: x.num };
}

/** `a / b`: the cross rate USD->GBP is (EUR->GBP) / (EUR->USD). */
export function divide(a: string | Ratio, b: string | Ratio): Ratio {
  return multiply(a, invert(b));
}

/** num / den rounded to an integer, half to even; den > 0. */
export function roundHalfEven(num: bigint, den: bigint): bigint {
  if (den <= 0n) throw new Error('The denominator must be positive');
  const negative = num < 0n;
  const abs = negative ? -num : num;
  let quotient = abs / den;
  const twice = (abs % den) * 2n;
  if (twice > den || (twice === den && quotient % 2n === 1n)) quotient += 1n;
  return negative ? -quotient : quotient;
}

/**
 * `amountMinor` of a currency with `fromDigits` minor digits, converted at `rate` (units of the
 * target per unit of the source) into minor units of a currency with `toDigits`, rounded once,
 * half to even. Negative amounts round symmetrically (-0.125 -> -0.12).
 */
export function convertMinor(
  amountMinor: bigint,
  fromDigits: number,
  toDigits: number,
  rate: string | Ratio,
): bigint {
  const r = parseOrThrow(rate);
  const num = amountMinor * r.num * 10n ** BigInt(toDigits);
  const den = r.den * 10n ** BigInt(fromDigits);
  return roundHalfEven(num, den);
}

/**
 * A positive ratio as a decimal string of at most `significant` significant digits (rounded half
 * to even), trailing zeros dropped, never in exponent form: 1/3 -> "0.3333333333".
 */
export function formatRate(rate: Ratio, significant = DERIVED_SIGNIFICANT_DIGITS): string {
  if (rate.num <= 0n || rate.den <= 0n) throw new Error('A rate must be positive');
  // The power of ten of the leading digit: 10^exponent <= rate < 10^(exponent + 1).
  let exponent = rate.num.toString().length - rate.den.toString().length;
  if (!atLeastPowerOfTen(rate, exponent)) exponent -= 1;
  const decimals = Math.max(0, significant - 1 - exponent);
  const scaled = roundHalfEven(rate.num * 10n ** BigInt(decimals), rate.den);
  return trimZeros(decimalString(scaled, decimals));
}

function atLeastPowerOfTen(rate: Ratio, exponent: number): boolean {
  return exponent >= 0
    ? rate.num >= rate.den * 10n ** BigInt(exponent)
    : rate.num * 10n ** BigInt(-exponent) >= rate.den;
}

function decimalString(scaled: bigint, decimals: number): string {
  if (decimals === 0) return scaled.toString();
  const digits = scaled.toString().padStart(decimals + 1, '0');
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
