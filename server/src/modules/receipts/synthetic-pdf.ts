import PDFDocument from 'pdfkit';

/**
 * A one-page PDF whose text layer holds `lines` (Helvetica, WinAnsi), written by hand with its
 * cross-reference table: a receipt as a shop's e-mail or till prints it to PDF. With no lines
 * it has no pages at all.
 */
export function syntheticPdf(lines: string[] | null): Buffer {
  const objects: string[] = [];
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  if (lines === null) {
    objects.push('<< /Type /Pages /Kids [] /Count 0 >>');
  } else {
    objects.push('<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
    objects.push(
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 500] /Contents 4 0 R ' +
        '/Resources << /Font << /F1 5 0 R >> >> >>',
    );
    // WinAnsi puts the euro sign at 0x80; the other characters used here are Latin-1 alike.
    const escape = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/€/g, '\x80');
    const stream = [
      'BT /F1 11 Tf 20 470 Td 14 TL',
      ...lines.map((line) => `(${escape(line)}) '`),
      'ET',
    ].join('\n');
    objects.push(
      `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    );
    objects.push(
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    );
  }
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * A scanned receipt as a scanner or a phone's scanning app saves it: PDF pages holding only a
 * picture, no text at all. The picture (JPEG or PNG) is placed `width` points wide at the top
 * left of each page of `size` points, as a receipt lies on a flatbed; `pages` repeats it.
 */
export function scannedPdf(
  picture: Buffer,
  options: { size?: [number, number]; width?: number; pages?: number } = {},
): Promise<Buffer> {
  const { size = [595, 842], width = 227, pages = 1 } = options;
  const doc = new PDFDocument({ size, margin: 0, autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (let page = 0; page < pages; page++) {
    doc.addPage();
    doc.image(picture, 24, 24, { width });
  }
  doc.end();
  return done;
}
