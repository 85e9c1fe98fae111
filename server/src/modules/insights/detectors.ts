import { addMonths, monthOf } from '../../lib/dates';
import { currencyDigits } from '../../lib/currencies';
import { moneyText } from '../../lib/money-text';
import { payeeKey } from '../../lib/payee';
import type { CategoryMonthRow, ExpenseRow } from '../ledger/ledger-totals.service';
import { scoreAgainst, spreadOf, type Spread } from './statistics';

/** An insight before its transactions are loaded: they are fetched for all in one statement. */
export interface FoundInsight {
  id: string;
  kind: string;
  title: string;
  explanation: string;
  month: string | null;
  amountMinor: bigint | null;
  transactionIds: number[];
}

/** A robust score above this is unusual (Iglewicz and Hoaglin's 3.5). */
export const OUTLIER_SCORE = 3.5;
/** History an outlier is measured against: fewer amounts than these say nothing. */
const CATEGORY_HISTORY_MIN = 6;
const PAYEE_HISTORY_MIN = 4;
/** A category's change must be this share of its 3-month average, and at least 20 units. */
const CHANGE_SHARE = 0.25;
const CHANGE_UNITS_MIN = 20;
const LINKED_MAX = 5;

const pct = (ratio: number) => `${Math.round(ratio * 100)} %`;

/**
 * Month over month and against the category's own 3, 6 and 12-month averages (months without
 * spending count as 0, from the ledger's first month with any). A change counts when the month
 * is at least a quarter and 20 units away from the 3-month average; the transactions linked are
 * the month's largest in the category.
 */
export function categoryChanges(
  month: string,
  rows: CategoryMonthRow[],
  expenses: ExpenseRow[],
  currency: string,
): FoundInsight[] {
  const digits = currencyDigits(currency);
  const first = rows.reduce((min, r) => (r.month < min ? r.month : min), month);
  const byCategory = new Map<number, { name: string; spent: Map<string, number> }>();
  for (const row of rows) {
    const entry = byCategory.get(row.categoryId) ?? { name: row.name, spent: new Map() };
    entry.spent.set(row.month, Number(row.spentMinor));
    byCategory.set(row.categoryId, entry);
  }
  const amount = (minor: number) => moneyText(BigInt(Math.round(minor)), currency);
  const found: FoundInsight[] = [];
  for (const [categoryId, { name, spent }] of byCategory) {
    const averageOf = (count: number): number | null => {
      const months = Array.from({ length: count }, (_, i) => addMonths(month, -1 - i)).filter(
        (m) => m >= first,
      );
      if (months.length < count) return null;
      return months.reduce((s, m) => s + (spent.get(m) ?? 0), 0) / count;
    };
    const current = spent.get(month) ?? 0;
    const baseline = averageOf(3);
    if (baseline === null) continue;
    const diff = current - baseline;
    if (Math.abs(diff) < CHANGE_UNITS_MIN * 10 ** digits) continue;
    if (Math.abs(diff) < CHANGE_SHARE * baseline) continue;
    const rose = diff > 0;
    const previous = spent.get(addMonths(month, -1)) ?? 0;
    const comparisons = [3, 6, 12]
      .map((count) => [count, averageOf(count)] as const)
      .filter((pair): pair is readonly [number, number] => pair[1] !== null)
      .map(([count, avg]) =>
        avg === 0
          ? `nothing on average over ${count} months`
          : `${pct(Math.abs(current - avg) / avg)} ${current >= avg ? 'above' : 'below'} the ${count}-month average of ${amount(avg)}`,
      );
    const largest = expenses
      .filter((e) => e.categoryId === categoryId && monthOf(e.date) === month)
      .sort((a, b) => b.reportingMinor - a.reportingMinor || a.id - b.id)
      .slice(0, LINKED_MAX);
    found.push({
      id: `category-${rose ? 'rose' : 'fell'}:${categoryId}:${month}`,
      kind: rose ? 'CATEGORY_ROSE' : 'CATEGORY_FELL',
      title: `${name} ${rose ? 'rose' : 'fell'} by ${amount(Math.abs(diff))}`,
      explanation:
        `Based on ${name} spending in the month totals: ${amount(current)} this month against ` +
        `${amount(previous)} last month; ${comparisons.join('; ')}.` +
        (largest.length
          ? ` The largest ${largest.length === 1 ? 'expense is' : `${largest.length} expenses are`} linked.`
          : ''),
      month,
      amountMinor: BigInt(Math.round(diff)),
      transactionIds: largest.map((e) => e.id),
    });
  }
  return found.sort((a, b) => Number(absBig(b.amountMinor) - absBig(a.amountMinor)));
}

const absBig = (v: bigint | null) => (v === null ? 0n : v < 0n ? -v : v);

/** A history to measure against, and the words saying what it is. */
export interface Baseline {
  spread: Spread;
  /** "in the 12 months before", "since 2025-03-02": what the median was taken over. */
  basis: string;
}

/** What unusual expenses are measured against: per category, and per payee key. */
export interface Baselines {
  byCategory: (categoryId: number) => Baseline | undefined;
  byPayee: (key: string) => Baseline | undefined;
}

/**
 * Baselines from amounts grouped by key, each computed the first time it is asked for: only
 * the groups of the month's expenses are sorted. `basisOf` says what each group covers.
 */
export function baselinesOf<K>(
  groups: Map<K, number[]>,
  basisOf: (key: K, amounts: number[]) => string,
): (key: K) => Baseline | undefined {
  const computed = new Map<K, Baseline>();
  return (key) => {
    let baseline = computed.get(key);
    const amounts = groups.get(key);
    if (!baseline && amounts) {
      baseline = { spread: spreadOf(amounts), basis: basisOf(key, amounts) };
      computed.set(key, baseline);
    }
    return baseline;
  };
}

/** Each expense's payee key, worked out once (normalising is the costly part of grouping). */
export type PayeeKeys = (expense: ExpenseRow) => string;

export function payeeKeys(expenses: ExpenseRow[]): PayeeKeys {
  const keys = new Map(expenses.map((e) => [e.id, payeeKey(e.payee, e.description)]));
  return (e) => keys.get(e.id) ?? payeeKey(e.payee, e.description);
}

/** Amounts of the expenses grouped by payee key (expenses without one left out). */
export function amountsByPayee(expenses: ExpenseRow[], keyOf: PayeeKeys): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const e of expenses) {
    const key = keyOf(e);
    if (!key) continue;
    const list = groups.get(key);
    if (list) list.push(e.reportingMinor);
    else groups.set(key, [e.reportingMinor]);
  }
  return groups;
}

/**
 * Expenses of the month far above what the same category and the same payee usually cost:
 * robust score (median and MAD of the baseline) above 3.5, and at least 10 units above the
 * median. `skip` holds expenses already explained (a subscription's new price).
 */
export function unusualExpenses(
  month: string,
  expenses: ExpenseRow[],
  baselines: Baselines,
  names: Map<number, string>,
  currency: string,
  skip: Set<number>,
  keyOf: PayeeKeys,
): FoundInsight[] {
  const digits = currencyDigits(currency);
  const amount = (minor: number) => moneyText(BigInt(minor), currency);
  const found: FoundInsight[] = [];
  for (const expense of expenses) {
    if (monthOf(expense.date) !== month || skip.has(expense.id)) continue;
    const reasons: string[] = [];
    let excess = 0;
    const check = (baseline: Baseline | undefined, min: number, label: string) => {
      if (!baseline || baseline.spread.count < min) return;
      const { centre, count } = baseline.spread;
      const score = scoreAgainst(expense.reportingMinor, baseline.spread);
      if (score <= OUTLIER_SCORE || expense.reportingMinor - centre < 10 * 10 ** digits) return;
      excess = Math.max(excess, expense.reportingMinor - centre);
      reasons.push(
        `${label} usually costs ${amount(centre)} (median of ${count} expenses ${baseline.basis}; robust score ${score.toFixed(1)})`,
      );
    };
    if (expense.categoryId !== null) {
      check(
        baselines.byCategory(expense.categoryId),
        CATEGORY_HISTORY_MIN,
        names.get(expense.categoryId) ?? 'The category',
      );
    }
    const key = keyOf(expense);
    if (key) {
      check(baselines.byPayee(key), PAYEE_HISTORY_MIN, expense.payee ?? expense.description);
    }
    if (reasons.length === 0) continue;
    found.push({
      id: `unusual:${expense.id}`,
      kind: 'UNUSUAL_EXPENSE',
      title: `Unusual expense: ${expense.payee ?? expense.description} ${amount(expense.reportingMinor)}`,
      explanation: `${amount(expense.reportingMinor)} on ${expense.date}, ${amount(excess)} above usual: ${reasons.join('; ')}.`,
      month,
      amountMinor: BigInt(expense.reportingMinor),
      transactionIds: [expense.id],
    });
  }
  return found;
}

/**
 * A payee charged the same amount at least three times in a row, in three different months,
 * charging more this month: a subscription whose price went up. `expenses` oldest first.
 */
export function priceRises(
  month: string,
  expenses: ExpenseRow[],
  currency: string,
  keyOf: PayeeKeys,
): FoundInsight[] {
  const byPayee = new Map<string, ExpenseRow[]>();
  for (const e of expenses) {
    const key = keyOf(e);
    if (!key) continue;
    const list = byPayee.get(key);
    if (list) list.push(e);
    else byPayee.set(key, [e]);
  }
  const amount = (minor: number) => moneyText(BigInt(minor), currency);
  const found: FoundInsight[] = [];
  for (const [key, rows] of byPayee) {
    const now = rows.find((e) => monthOf(e.date) === month);
    if (!now) continue;
    const earlier = rows.filter((e) => monthOf(e.date) < month).slice(-3);
    if (earlier.length < 3) continue;
    const price = earlier[0].reportingMinor;
    if (!earlier.every((e) => e.reportingMinor === price)) continue;
    if (new Set(earlier.map((e) => monthOf(e.date))).size < 3) continue;
    if (now.reportingMinor <= price) continue;
    const rise = now.reportingMinor - price;
    found.push({
      id: `price-rise:${key}:${month}`,
      kind: 'PRICE_RISE',
      title: `${now.payee ?? now.description} went up by ${amount(rise)}`,
      explanation: `Charged ${amount(price)} on ${earlier.map((e) => e.date).join(', ')}, and ${amount(now.reportingMinor)} on ${now.date} (${pct(rise / price)} more).`,
      month,
      amountMinor: BigInt(rise),
      transactionIds: [...earlier.map((e) => e.id), now.id],
    });
  }
  return found;
}
