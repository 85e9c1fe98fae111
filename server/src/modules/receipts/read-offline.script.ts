import fs from 'node:fs';
import { HEIC_RECEIPT } from './synthetic-heic';
import { OcrPool } from './ocr-pool';
import { drawPdfPages } from './pdf-document';
import { merchantCandidates, readDrawnPages, readPicture } from './receipt-reader';
import { MAX_INPUT_PIXELS, prepareImage } from './receipt-image';
import { scannedPdf } from './synthetic-pdf';
import { syntheticReceipt } from './synthetic-receipts';

/**
 * Reads a receipt as the job does and prints what was read as JSON: synthetic receipt `argv[2]`,
 * the HEIC fixture for 'heic', or synthetic receipt 0 scanned into a PDF for 'scanned-pdf'
 * (drawn by pdf.js). The test runs it in a network namespace of its own (no network
 * at all) and from an empty working directory, so a download or a cached model file would show.
 */
async function main(): Promise<void> {
  const what = process.argv[2] ?? '0';
  const pool = new OcrPool(1);
  const candidates = merchantCandidates([], []);
  try {
    let reading;
    if (what === 'scanned-pdf') {
      const pdf = await scannedPdf((await syntheticReceipt(0)).image);
      const pages = await drawPdfPages(pdf, MAX_INPUT_PIXELS);
      if (!pages) throw new Error('The PDF could not be drawn');
      reading = await readDrawnPages(pool, pages, candidates, '2026-01-01');
    } else {
      const { image } =
        what === 'heic'
          ? await prepareImage(fs.readFileSync(HEIC_RECEIPT.file), 'image/heic')
          : await prepareImage((await syntheticReceipt(Number(what))).image, 'image/png');
      reading = await readPicture(pool, image, candidates, '2026-01-01');
    }
    process.stdout.write(
      JSON.stringify({
        merchant: reading.merchant,
        date: reading.date,
        totalMinor: reading.totalMinor,
        cwdFiles: fs.readdirSync(process.cwd()),
      }),
    );
  } finally {
    await pool.close();
  }
}

void main();
