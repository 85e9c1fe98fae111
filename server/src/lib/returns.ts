import { roundHalfEven, type Ratio } from './exchange';

/**
 * Investment returns without floats: time-weighted returns are products of exact rationals;
 * XIRR needs a real power, (1 + r)^(days / 365), so it runs in bigint fixed point with 30
 * decimals (ln by the atanh series, exp by Taylor after reducing by ln 2), far beyond the six
 * decimals it is answered with. Returns are decimal strings: "0.0734" is 7.34 %.
 */

export const RETURN_DECIMALS = 6;
const SCALE = 10n ** 30n;

/** A ratio as a decimal string with `decimals` places, rounded half to even. */
export function ratioToDecimal(ratio: Ratio, decimals = RETURN_DECIMALS): string {
  const negative = ratio.num < 0n !== ratio.den < 0n && ratio.num !== 0n;
  const num = ratio.num < 0n ? -ratio.num : ratio.num;
  const den = ratio.den < 0n ? -ratio.den : ratio.den;
  const scaled = roundHalfEven(num * 10n ** BigInt(decimals), den);
  return fixedToString(negative ? -scaled : scaled, decimals);
}

function fixedToString(value: bigint, decimals: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return negative && value !== 0n ? `-${text}` : text;
}

/** ln(x) of a positive fixed-point number. */
function ln(x: bigint): bigint {
  if (x <= 0n) throw new Error('ln of a non-positive number');
  let k = 0n;
  while (x >= 2n * SCALE) {
    x /= 2n;
    k += 1n;
  }
  while (x < SCALE) {
    x *= 2n;
    k -= 1n;
  }
  return atanhSeries(x) + k * LN2;
}

/** ln(m) for m in [1, 2): 2 * atanh((m - 1) / (m + 1)), whose argument is at most 1/3. */
function atanhSeries(m: bigint): bigint {
  const z = ((m - SCALE) * SCALE) / (m + SCALE);
  const z2 = (z * z) / SCALE;
  let term = z;
  let sum = 0n;
  for (let n = 1n; term !== 0n; n += 2n) {
    sum += term / n;
    term = (term * z2) / SCALE;
  }
  return 2n * sum;
}

const LN2 = atanhSeries(2n * SCALE - 1n) + 1n; // the series converges to ln 2 from just below 2

function exp(y: bigint): bigint {
  const k = (y >= 0n ? y + LN2 / 2n : y - LN2 / 2n) / LN2;
  const r = y - k * LN2;
  let term = SCALE;
  let sum = SCALE;
  for (let n = 1n; term !== 0n; n++) {
    term = (term * r) / (SCALE * n);
    sum += term;
  }
  return k >= 0n ? sum << k : sum >> -k;
}

export interface CashFlow {
  /** Days from the first flow. */
  days: number;
  /** Signed: money put in is negative, money taken out (and the final value) positive. */
  amount: bigint;
}

/** f(r) and f'(r) of the net present value, scaled by SCALE. */
function npv(flows: CashFlow[], rate: bigint): { value: bigint; slope: bigint } {
  const onePlus = SCALE + rate;
  const logBase = ln(onePlus);
  let value = 0n;
  let slope = 0n;
  for (const flow of flows) {
    const discount = exp((-BigInt(flow.days) * logBase) / 365n);
    const present = flow.amount * discount;
    value += present;
    slope -= (BigInt(flow.days) * present * SCALE) / (365n * onePlus);
  }
  return { value, slope };
}

const TOLERANCE = 10n ** 16n; // 1e-14 of a rate
const LOWEST = -SCALE + SCALE / 10n ** 6n; // -0.999999

/**
 * The annual rate r with sum(amount / (1 + r)^(days / 365)) = 0, as Excel's XIRR defines it:
 * Newton's method from 10 %, and bisection when Newton leaves the domain or does not settle.
 * Null when the flows do not change sign (no rate exists) or no root lies in (-99.9999 %, 10^6).
 */
export function xirr(flows: CashFlow[], decimals = RETURN_DECIMALS): string | null {
  const nonZero = flows.filter((f) => f.amount !== 0n);
  if (!nonZero.some((f) => f.amount > 0n) || !nonZero.some((f) => f.amount < 0n)) return null;
  const root = newton(nonZero) ?? bisect(nonZero);
  return root === null ? null : ratioToDecimal({ num: root, den: SCALE }, decimals);
}

function newton(flows: CashFlow[]): bigint | null {
  let rate = SCALE / 10n;
  for (let i = 0; i < 60; i++) {
    const { value, slope } = npv(flows, rate);
    if (slope === 0n) return null;
    const next = rate - (value * SCALE) / slope;
    if (next <= LOWEST || next > SCALE * 10n ** 6n) return null;
    const step = next > rate ? next - rate : rate - next;
    rate = next;
    if (step < TOLERANCE) return rate;
  }
  return null;
}

function bisect(flows: CashFlow[]): bigint | null {
  let low = LOWEST;
  let high = SCALE;
  const sign = (r: bigint) => npv(flows, r).value > 0n;
  const lowSign = sign(low);
  while (sign(high) === lowSign) {
    high *= 10n;
    if (high > SCALE * 10n ** 6n) return null;
  }
  for (let i = 0; i < 200 && high - low > TOLERANCE; i++) {
    const mid = (low + high) / 2n;
    if (sign(mid) === lowSign) low = mid;
    else high = mid;
  }
  return (low + high) / 2n;
}
