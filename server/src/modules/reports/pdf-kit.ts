import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { PageSize } from './report-document';

// DejaVu Sans from npm: pdfkit's standard fonts have no ₹ or ₩, and nothing is fetched at run time.
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
// Read once per worker, not once per PDF.
const REGULAR = fs.readFileSync(path.join(FONT_DIR, 'DejaVuSans.ttf'));
const BOLD = fs.readFileSync(path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'));

export const MARGIN = 50;

export type Font = 'body' | 'bold';

/**
 * A PDF with the Unicode font embedded (as "body" and "bold") and the promise of its bytes,
 * which settles once `doc.end()` is called. Only the worker thread renders (pdf-worker.ts).
 */
export function startPdf(
  size: PageSize,
  title: string,
): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    size,
    margin: MARGIN,
    info: { Title: title, Creator: 'Personal Finance' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', REGULAR);
  doc.registerFont('bold', BOLD);
  return { doc, done };
}

export interface Column {
  label: string;
  /** The share of the page's width between the margins. */
  share: number;
  align: 'left' | 'right';
}

/**
 * A table's writer: each call prints one line of cells (cut with an ellipsis when too long),
 * starting a new page when this one is full; `rule()` draws a thin line under the last one.
 */
export function tableWriter(doc: PDFKit.PDFDocument, columns: Column[]) {
  const width = doc.page.width - 2 * MARGIN;
  let x = MARGIN;
  const placed = columns.map((column) => {
    const at = { ...column, x, width: width * column.share };
    x += at.width;
    return at;
  });
  const line = (cells: string[], font: Font = 'body') => {
    if (doc.y > doc.page.height - MARGIN - 20) doc.addPage();
    const y = doc.y;
    doc.font(font).fontSize(9);
    cells.forEach((cell, i) =>
      doc.text(cell, placed[i].x, y, {
        width: placed[i].width - 4,
        align: placed[i].align,
        lineBreak: false,
        ellipsis: true,
      }),
    );
    doc.x = MARGIN;
    doc.y = y + 14;
  };
  const rule = () =>
    doc
      .moveTo(MARGIN, doc.y - 2)
      .lineTo(MARGIN + width, doc.y - 2)
      .lineWidth(0.5)
      .stroke('#888888');
  return {
    line,
    rule,
    header: () =>
      line(
        columns.map((c) => c.label),
        'bold',
      ),
  };
}
