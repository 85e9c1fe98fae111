import { deflateSync } from 'node:zlib';
import { drawPdfPages, hasTextLayer, MAX_OCR_PAGES, readPdf } from './pdf-document';
import { scannedPdf, syntheticPdf } from './synthetic-pdf';
import { syntheticReceipt } from './synthetic-receipts';

/** A greyscale PNG of `width` x `height` black pixels: megabytes inflated, kilobytes sent. */
function blackPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const row = Buffer.alloc(width + 1); // a filter byte, then black
  const rows = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('PDF pages', () => {
  test('the text layer and the first page drawn at the width asked', async () => {
    const pdf = syntheticPdf(['Hardware Haven', '2025-01-05', 'TOTAL 12.00']);
    const read = await readPdf(pdf, 960, 50_000_000);
    expect(read.ok && [read.pages, read.text]).toEqual([
      1,
      'Hardware Haven\n2025-01-05\nTOTAL 12.00',
    ]);
    // 300 x 500 points drawn 960 pixels wide, with the text in black on white.
    const first = read.ok ? read.firstPage : null;
    expect(first && [first.width, first.height]).toEqual([960, 1600]);
    expect(first && first.data.some((v, i) => i % 4 === 0 && v < 80)).toBe(true);
    expect(hasTextLayer(read.ok ? read.text : '')).toBe(true);
    expect(hasTextLayer('Scanned by X\n')).toBe(false);
    expect(await readPdf(Buffer.from('%PDF-1.4\nnothing else'), 960, 50_000_000)).toEqual({
      ok: false,
    });
  }, 30_000);

  test(`at most ${MAX_OCR_PAGES} pages are drawn, at 300 dpi, and never on a giant canvas`, async () => {
    const picture = (await syntheticReceipt(3)).image;
    const five = await drawPdfPages(await scannedPdf(picture, { pages: 5 }), 50_000_000);
    // A4 at 300 dpi.
    expect(five?.map((p) => [p.width, p.height])).toEqual(Array(MAX_OCR_PAGES).fill([2479, 3508]));
    // 200 x 200 inches: 3.6 gigapixels at 300 dpi, drawn at 12 megapixels at most.
    const poster = await drawPdfPages(
      await scannedPdf(picture, { size: [14_400, 14_400] }),
      50_000_000,
    );
    expect(poster).toHaveLength(1);
    expect(poster![0].width * poster![0].height).toBeLessThanOrEqual(12_000_000);
    expect(poster![0].width).toBeGreaterThan(3000);
  }, 60_000);

  test('a picture inside a PDF past the pixel limit is not decoded', async () => {
    const hasBlack = (data: Uint8Array) => data.some((v, i) => i % 4 === 0 && v < 50);
    // A black square under the limit is drawn.
    const square = await drawPdfPages(await scannedPdf(blackPng(800, 800), { width: 200 }), 50e6);
    expect(square?.length === 1 && hasBlack(square[0].data)).toBe(true);
    // 64 megapixels of black, sent in about 64 KB: skipped, the page stays white.
    const bomb = await scannedPdf(blackPng(8000, 8000), { width: 200 });
    expect(bomb.length).toBeLessThan(200_000);
    const pages = await drawPdfPages(bomb, 50e6);
    expect(pages?.length === 1 && hasBlack(pages[0].data)).toBe(false);
  }, 60_000);
});
