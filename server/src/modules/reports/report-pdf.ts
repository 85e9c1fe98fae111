import { formatAmount, GROUP_LABELS, type PageSize, type ReportDocument } from './report-document';
import { MARGIN, startPdf, tableWriter } from './pdf-kit';

/** Bars drawn in the chart: the largest rows (months: the latest); the table lists all. */
const CHART_BARS = 12;

/**
 * The report as a PDF: a title, a bar chart drawn with vector shapes and the table of rows with
 * the totals. Synchronous and CPU-bound: called in the worker thread (pdf.worker.ts).
 */
export function renderReportPdf(report: ReportDocument, size: PageSize): Promise<Buffer> {
  const { doc, done } = startPdf(size, report.title);
  const money = (value: string) => formatAmount(value, report.currency, report.digits);
  const width = doc.page.width - 2 * MARGIN;

  doc.font('bold').fontSize(18).text(report.title);
  doc
    .font('body')
    .fontSize(10)
    .text(
      `${report.from} to ${report.to} · by ${GROUP_LABELS[report.groupBy].toLowerCase()} · ` +
        `${report.taxDeductibleOnly ? 'tax-deductible ' : ''}spending in ${report.currency}`,
    );
  doc.moveDown();

  const bars =
    report.groupBy === 'MONTH' ? report.rows.slice(-CHART_BARS) : report.rows.slice(0, CHART_BARS);
  if (bars.length > 0) drawChart(doc, bars, width, money);

  const table = tableWriter(doc, [
    { label: GROUP_LABELS[report.groupBy], share: 0.4, align: 'left' },
    { label: 'Total', share: 0.22, align: 'right' },
    { label: 'Count', share: 0.14, align: 'right' },
    { label: 'Average', share: 0.24, align: 'right' },
  ]);
  table.header();
  table.rule();
  for (const row of report.rows) {
    table.line([row.key, money(row.total), String(row.count), money(row.average)]);
  }
  table.rule();
  table.line(['Total', money(report.total), String(report.count), money(report.average)], 'bold');
  doc.end();
  return done;
}

function drawChart(
  doc: PDFKit.PDFDocument,
  bars: ReportDocument['rows'],
  width: number,
  money: (value: string) => string,
): void {
  const labelWidth = width * 0.3;
  const valueWidth = width * 0.2;
  const barSpace = width - labelWidth - valueWidth;
  // Relative lengths only: the figures printed beside the bars are the exact decimals.
  const largest = bars.reduce((max, bar) => Math.max(max, Math.abs(Number(bar.total))), 0) || 1;
  const top = doc.y;
  bars.forEach((bar, i) => {
    const y = top + i * 16;
    const length = Math.max(1, (Math.abs(Number(bar.total)) / largest) * barSpace);
    doc.font('body').fontSize(8).fillColor('#333333');
    doc.text(bar.key, MARGIN, y + 2, { width: labelWidth - 6, lineBreak: false, ellipsis: true });
    doc.rect(MARGIN + labelWidth, y, length, 11).fill('#3b6fb6');
    doc
      .fillColor('#333333')
      .text(money(bar.total), MARGIN + labelWidth + length + 4, y + 2, { lineBreak: false });
  });
  doc.fillColor('black');
  doc.x = MARGIN;
  doc.y = top + bars.length * 16 + 14;
}
