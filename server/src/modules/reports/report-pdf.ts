import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { formatAmount, GROUP_LABELS, type PageSize, type ReportDocument } from './report-document';

// DejaVu Sans from npm: pdfkit's standard fonts have no ₹ or ₩, and nothing is fetched at run time.
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
// Read once per worker, not once per PDF.
const REGULAR = fs.readFileSync(path.join(FONT_DIR, 'DejaVuSans.ttf'));
const BOLD = fs.readFileSync(path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'));

const MARGIN = 50;
/** Bars drawn in the chart: the largest rows (months: the latest); the table lists all. */
const CHART_BARS = 12;

/**
 * The report as a PDF: a title, a bar chart drawn with vector shapes and the table of rows with
 * the totals. Synchronous and CPU-bound: called in the worker thread (report-pdf.worker.ts).
 */
export function renderReportPdf(report: ReportDocument, size: PageSize): Promise<Buffer> {
  const doc = new PDFDocument({
    size,
    margin: MARGIN,
    info: { Title: report.title, Creator: 'Personal Finance' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', REGULAR);
  doc.registerFont('bold', BOLD);
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

  const columns = [
    { label: GROUP_LABELS[report.groupBy], x: MARGIN, width: width * 0.4, align: 'left' as const },
    { label: 'Total', x: MARGIN + width * 0.4, width: width * 0.22, align: 'right' as const },
    { label: 'Count', x: MARGIN + width * 0.62, width: width * 0.14, align: 'right' as const },
    { label: 'Average', x: MARGIN + width * 0.76, width: width * 0.24, align: 'right' as const },
  ];
  const line = (cells: string[], font: 'body' | 'bold') => {
    if (doc.y > doc.page.height - MARGIN - 20) doc.addPage();
    const y = doc.y;
    doc.font(font).fontSize(9);
    cells.forEach((cell, i) =>
      doc.text(cell, columns[i].x, y, {
        width: columns[i].width - 4,
        align: columns[i].align,
        lineBreak: false,
        ellipsis: true,
      }),
    );
    doc.x = MARGIN;
    doc.y = y + 14;
  };
  line(
    columns.map((c) => c.label),
    'bold',
  );
  doc
    .moveTo(MARGIN, doc.y - 2)
    .lineTo(MARGIN + width, doc.y - 2)
    .lineWidth(0.5)
    .stroke('#888888');
  for (const row of report.rows) {
    line([row.key, money(row.total), String(row.count), money(row.average)], 'body');
  }
  doc
    .moveTo(MARGIN, doc.y - 2)
    .lineTo(MARGIN + width, doc.y - 2)
    .stroke('#888888');
  line(['Total', money(report.total), String(report.count), money(report.average)], 'bold');
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
