import { currencySymbol, groupedDecimal } from '../../lib/money-text';

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

/** "-1234.5" -> "-€1,234.50": the currency's bare sign, as a document in one currency shows it. */
export function formatAmount(decimal: string, currency: string, digits: number): string {
  const text = groupedDecimal(decimal, digits);
  const symbol = currencySymbol(currency, true);
  return text.startsWith('-') ? `-${symbol}${text.slice(1)}` : `${symbol}${text}`;
}

export const GROUP_LABELS: Record<string, string> = {
  MONTH: 'Month',
  CATEGORY: 'Category',
  PAYEE: 'Payee',
  ACCOUNT: 'Account',
  TAX_CATEGORY: 'Tax category',
};
