import type { CategoryMonthRow } from '../ledger/ledger-totals.service';
import { median, roundDownSensibly, roundUpSensibly } from './statistics';

export interface Recommendation {
  categoryId: number;
  name: string;
  amountMinor: number;
}

/** Months looked back on, and how many of them must have spending for a category to count. */
export const RECOMMENDATION_MONTHS = 6;
const MONTHS_WITH_SPENDING_MIN = 3;

/**
 * A target per category: the median of its spending over the six months before `month`
 * (months without spending count as 0), rounded up to 5 units (10 from 100 units). When the
 * targets add up to more than the median income of those months, each is scaled down in
 * proportion and rounded down, so the plan fits the income. A category spent on in fewer than
 * three of the six months is left out: it is not a regular expense.
 */
export function recommend(
  months: string[],
  rows: CategoryMonthRow[],
  incomeMedianMinor: number,
  digits: number,
): Recommendation[] {
  const inWindow = new Set(months);
  const byCategory = new Map<number, { name: string; spent: Map<string, number> }>();
  for (const row of rows) {
    if (!inWindow.has(row.month)) continue;
    const entry = byCategory.get(row.categoryId) ?? { name: row.name, spent: new Map() };
    entry.spent.set(row.month, Number(row.spentMinor));
    byCategory.set(row.categoryId, entry);
  }
  let result: Recommendation[] = [];
  for (const [categoryId, { name, spent }] of byCategory) {
    if ([...spent.values()].filter((v) => v > 0).length < MONTHS_WITH_SPENDING_MIN) continue;
    const centre = median(months.map((m) => spent.get(m) ?? 0));
    if (centre <= 0) continue;
    result.push({ categoryId, name, amountMinor: roundUpSensibly(centre, digits) });
  }
  const total = result.reduce((s, r) => s + r.amountMinor, 0);
  if (incomeMedianMinor > 0 && total > incomeMedianMinor) {
    result = result
      .map((r) => ({
        ...r,
        amountMinor: roundDownSensibly(
          Math.floor((r.amountMinor * incomeMedianMinor) / total),
          digits,
        ),
      }))
      .filter((r) => r.amountMinor > 0);
  }
  return result.sort((a, b) => b.amountMinor - a.amountMinor || a.name.localeCompare(b.name));
}
