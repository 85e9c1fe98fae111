/**
 * What the three export files of one report print: plain data (decimal strings, no Money
 * objects), so that it crosses to the PDF worker thread as it is and every file shows the same
 * figures.
 */
export interface ReportDocument {
  title: string;
  from: string;
  to: string;
  groupBy: string;
  /** Only tax-deductible expenses: said under the title, so that a reader knows. */
  taxDeductibleOnly: boolean;
  currency: string;
  digits: number;
  rows: { key: string; total: string; count: number; average: string }[];
  total: string;
  count: number;
  average: string;
}

export type PageSize = 'A4' | 'LETTER';

/** The currency's narrow symbol (€, ₹, ¥, ₩, £), else its code. */
export function currencySymbol(currency: string): string {
  try {
    const parts = new Intl.NumberFormat('en', {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
    }).formatToParts(0);
    return parts.find((part) => part.type === 'currency')?.value ?? currency;
  } catch {
    return currency;
  }
}

/** "-1234.5" -> "-€1,234.50": grouped on the decimal string itself, never through a float. */
export function formatAmount(decimal: string, currency: string, digits: number): string {
  const negative = decimal.startsWith('-');
  const [whole, fraction = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = digits > 0 ? `.${fraction.padEnd(digits, '0')}` : '';
  return `${negative ? '-' : ''}${currencySymbol(currency)}${grouped}${cents}`;
}

export const GROUP_LABELS: Record<string, string> = {
  MONTH: 'Month',
  CATEGORY: 'Category',
  PAYEE: 'Payee',
  ACCOUNT: 'Account',
  TAX_CATEGORY: 'Tax category',
};
