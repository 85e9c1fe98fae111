import { formatAmount } from '../reports/report-document';
import { startPdf, tableWriter } from '../reports/pdf-kit';
import type { TaxSummaryDocument } from './tax-summary-document';

/**
 * The annual tax summary as an A4 PDF: totals per tax category, then every deduction, in the
 * embedded Unicode font. CPU-bound: called in the PDF worker thread (reports/pdf.worker.ts).
 */
export function renderTaxSummaryPdf(summary: TaxSummaryDocument): Promise<Buffer> {
  const title = `Tax summary ${summary.label}`;
  const { doc, done } = startPdf('A4', title);
  const money = (value: string) => formatAmount(value, summary.currency, summary.digits);
  doc.font('bold').fontSize(18).text(title);
  doc
    .font('body')
    .fontSize(10)
    .text(`${summary.from} to ${summary.to} · deductible expenses in ${summary.currency}`);
  doc.moveDown();

  const totals = tableWriter(doc, [
    { label: 'Tax category', share: 0.55, align: 'left' },
    { label: 'Count', share: 0.15, align: 'right' },
    { label: 'Total', share: 0.3, align: 'right' },
  ]);
  totals.header();
  totals.rule();
  for (const row of summary.rows) {
    totals.line([row.taxCategory, String(row.count), money(row.total)]);
  }
  totals.rule();
  totals.line(['Total', '', money(summary.total)], 'bold');
  doc.moveDown();

  doc.font('bold').fontSize(13).text('Deductible transactions');
  doc.moveDown(0.5);
  if (summary.deductions.length === 0) {
    doc.font('body').fontSize(10).text('None in this tax year.');
  } else {
    const list = tableWriter(doc, [
      { label: 'Date', share: 0.16, align: 'left' },
      { label: 'Description', share: 0.44, align: 'left' },
      { label: 'Tax category', share: 0.2, align: 'left' },
      { label: 'Amount', share: 0.2, align: 'right' },
    ]);
    list.header();
    list.rule();
    for (const d of summary.deductions) {
      list.line([d.date, d.description, d.taxCategory, money(d.amount)]);
    }
  }
  doc.end();
  return done;
}
