import fs from 'node:fs';
import { HEIC_RECEIPT } from './synthetic-heic';
import { OcrPool } from './ocr-pool';
import { merchantCandidates, readPicture } from './receipt-reader';
import { prepareImage } from './receipt-image';
import { syntheticReceipt } from './synthetic-receipts';

/**
 * Reads a receipt as the job does and prints what was read as JSON: synthetic receipt `argv[2]`,
 * or the HEIC fixture for 'heic'. The test runs it in a network namespace of its own (no network
 * at all) and from an empty working directory, so a download or a cached model file would show.
 */
async function main(): Promise<void> {
  const what = process.argv[2] ?? '0';
  const { image } =
    what === 'heic'
      ? await prepareImage(fs.readFileSync(HEIC_RECEIPT.file), 'image/heic')
      : await prepareImage((await syntheticReceipt(Number(what))).image, 'image/png');
  const pool = new OcrPool(1);
  try {
    const reading = await readPicture(pool, image, merchantCandidates([], []), '2026-01-01');
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
