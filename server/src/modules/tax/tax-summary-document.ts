import { currencyDigits } from '../../lib/currencies';
import { fromMinor } from '../../lib/money';
import { renderInWorker } from '../reports/pdf-worker';
import type { TaxSummaryData } from './tax.service';

/**
 * The annual tax summary as its PDF prints it: plain data (decimal strings, no bigints or
 * entities), so that it crosses to the PDF worker thread as it is.
 */
export interface TaxSummaryDocument {
  label: string;
  from: string;
  to: string;
  currency: string;
  digits: number;
  rows: { taxCategory: string; total: string; count: number }[];
  total: string;
  deductions: { date: string; description: string; taxCategory: string; amount: string }[];
}

export function taxSummaryDocument(summary: TaxSummaryData, currency: string): TaxSummaryDocument {
  const digits = currencyDigits(currency);
  const decimal = (minor: bigint | number) => fromMinor(BigInt(minor), digits);
  return {
    label: summary.label,
    from: summary.from,
    to: summary.to,
    currency,
    digits,
    rows: summary.rows.map((r) => ({
      taxCategory: r.taxCategory,
      total: decimal(r.totalMinor),
      count: r.count,
    })),
    total: decimal(summary.totalMinor),
    deductions: summary.deductions.map(({ taxCategory, transaction: t }) => ({
      date: t.date,
      description: t.payee ? `${t.description} (${t.payee})` : t.description,
      taxCategory,
      amount: decimal(t.reportingAmountMinor),
    })),
  };
}

/** The summary's A4 PDF, rendered in the reports' PDF worker thread. */
export function taxSummaryPdf(summary: TaxSummaryData, currency: string): Promise<Buffer> {
  return renderInWorker({ kind: 'tax-summary', summary: taxSummaryDocument(summary, currency) });
}
