/**
 * Robust statistics on integer minor units. Medians of an even count are the mean of the two
 * middle values, rounded half up: money never becomes a float on its way to the wire.
 */

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

/** Median absolute deviation from the median. */
export function mad(values: readonly number[]): number {
  const centre = median(values);
  return median(values.map((v) => Math.abs(v - centre)));
}

/** A history's centre and spread, computed once and scored against many times. */
export interface Spread {
  count: number;
  centre: number;
  mad: number;
}

export function spreadOf(values: readonly number[]): Spread {
  const centre = median(values);
  return { count: values.length, centre, mad: median(values.map((v) => Math.abs(v - centre))) };
}

/**
 * The modified z-score of Iglewicz and Hoaglin: 0.6745 (x - median) / MAD. A series of equal
 * amounts has a MAD of 0, which would make any change infinitely unusual, so the spread is
 * floored at a tenth of the median: a 5 % wobble on a fixed price is not an anomaly.
 */
export function scoreAgainst(value: number, { centre, mad }: Spread): number {
  const spread = Math.max(mad, Math.abs(centre) / 10, 1);
  return (0.6745 * (value - centre)) / spread;
}

export function robustScore(value: number, history: readonly number[]): number {
  return scoreAgainst(value, spreadOf(history));
}

/** Rounds a positive amount up to a sensible step: 5 units below 100, 10 units from there. */
export function roundUpSensibly(minor: number, digits: number): number {
  const unit = 10 ** digits;
  const step = (minor < 100 * unit ? 5 : 10) * unit;
  return Math.ceil(minor / step) * step;
}

/** Rounds down to the same steps (used when scaling recommendations into the income). */
export function roundDownSensibly(minor: number, digits: number): number {
  const unit = 10 ** digits;
  const step = (minor < 100 * unit ? 5 : 10) * unit;
  return Math.floor(minor / step) * step;
}

/** Coefficient of variation (population standard deviation over the mean); 0 for no spending. */
export function coefficientOfVariation(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  if (mean <= 0) return 0;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return Math.sqrt(variance) / mean;
}
