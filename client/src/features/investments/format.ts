import { addMonths } from '../../lib/dates';

/** A return as a decimal string ("0.073400") shown as a percentage: "7.34%". */
export function formatReturn(value: string | null | undefined, locale?: string): string {
  if (value == null) return '—';
  // Intl formats the decimal string itself: no float on the way.
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    signDisplay: 'exceptZero',
  }).format(value as unknown as number);
}

export const ASSET_CLASSES = [
  'STOCK',
  'ETF',
  'FUND',
  'BOND',
  'CRYPTO',
  'REAL_ESTATE',
  'COMMODITY',
  'CASH',
  'OTHER',
] as const;

export function assetClassLabel(value: string): string {
  const text = value.replace('_', ' ').toLowerCase();
  return value === 'ETF' ? 'ETF' : text.charAt(0).toUpperCase() + text.slice(1);
}

// Mirrors the server: up to 8 decimals for a quantity, 10 for a price, never negative.
export function decimalProblem(text: string, label: string, decimals: number): string | null {
  const value = text.trim();
  if (!value) return `Enter the ${label.toLowerCase()}`;
  if (value.startsWith('-')) return `${label} must not be negative`;
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return `${label} must be a number such as 12.5`;
  if ((match[2] ?? '').replace(/0+$/, '').length > decimals) {
    return `${label} must have at most ${decimals} decimal places`;
  }
  if (!/[1-9]/.test(value)) return `${label} must be greater than 0`;
  return null;
}

/**
 * Dividends by month with the months between them that paid nothing, as 0: a bar chart of only
 * the paying months would draw March next to June as if they followed each other.
 */
export function everyMonth<T extends { month: string; amount: string }>(
  rows: T[],
): { month: string; amount: string }[] {
  if (rows.length === 0) return [];
  const paid = new Map(rows.map((r) => [r.month, r.amount]));
  const last = rows[rows.length - 1].month;
  const filled: { month: string; amount: string }[] = [];
  for (let month = rows[0].month; month <= last; month = addMonths(month, 1)) {
    filled.push({ month, amount: paid.get(month) ?? '0' });
  }
  return filled;
}
