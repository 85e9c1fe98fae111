import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { HEIC_RECEIPT } from './synthetic-heic';
import { OcrPool } from './ocr-pool';
import { merchantCandidates, readPicture } from './receipt-reader';
import { prepareImage } from './receipt-image';
import { syntheticReceipt } from './synthetic-receipts';

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '../../../..');

/**
 * A small part of the measured set (bench/receipts.ts reads all of it): four receipts of
 * different layouts, languages and damage must be read exactly. Fixtures are generated.
 */
describe('reading receipts with OCR', () => {
  const pool = new OcrPool(2);
  afterAll(() => pool.close());

  // en-US clean; de-DE faded with cash given; fr-FR noisy; nl-NL faded, noisy and slanted.
  test.each([0, 1, 2, 5])(
    'synthetic receipt %i is read exactly',
    async (index) => {
      const fixture = await syntheticReceipt(index);
      const type = fixture.image[0] === 0xff ? 'image/jpeg' : 'image/png';
      const { image } = await prepareImage(fixture.image, type);
      const reading = await readPicture(pool, image, merchantCandidates([], []), '2026-06-01');
      expect({
        merchant: reading.merchant,
        date: reading.date,
        total: reading.totalMinor === null ? null : (reading.totalMinor / 100).toFixed(2),
        currency: reading.currency,
      }).toEqual({
        merchant: fixture.merchant,
        date: fixture.date,
        total: fixture.total,
        currency: fixture.currency,
      });
    },
    30_000,
  );

  const readOffline = async (what: string, cwd: string) => {
    // `unshare -rn`: a new network namespace with no interface up, so any connection fails.
    const { stdout } = await run(
      'unshare',
      [
        '-rn',
        process.execPath,
        '--require',
        require.resolve('ts-node/register/transpile-only'),
        path.join(__dirname, 'read-offline.script.ts'),
        what,
      ],
      {
        cwd,
        env: { ...process.env, TS_NODE_PROJECT: path.join(repoRoot, 'server/tsconfig.json') },
        timeout: 60_000,
      },
    );
    return JSON.parse(stdout) as {
      merchant: string;
      date: string;
      totalMinor: number;
      cwdFiles: string[];
    };
  };

  test('reading needs no network and writes nothing into the working directory', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'ocr-offline-'));
    try {
      const fixture = await syntheticReceipt(1);
      expect(await readOffline('1', empty)).toMatchObject({
        merchant: fixture.merchant,
        date: fixture.date,
        totalMinor: Math.round(Number(fixture.total) * 100),
        cwdFiles: [],
      });
      // The HEIC decoder's WebAssembly is in its package too.
      expect(await readOffline('heic', empty)).toMatchObject({
        merchant: HEIC_RECEIPT.merchant,
        date: HEIC_RECEIPT.date,
        totalMinor: Math.round(Number(HEIC_RECEIPT.total) * 100),
        cwdFiles: [],
      });
      // And pdf.js draws a scanned PDF's pages from its own package.
      const scanned = await syntheticReceipt(0);
      expect(await readOffline('scanned-pdf', empty)).toMatchObject({
        merchant: scanned.merchant,
        date: scanned.date,
        totalMinor: Math.round(Number(scanned.total) * 100),
        cwdFiles: [],
      });
      // The namespace really has no network: the same connection attempt fails there.
      await expect(
        run('unshare', [
          '-rn',
          process.execPath,
          '-e',
          "require('net').connect(80, '1.1.1.1').on('error', (e) => { console.error(e.code); process.exit(3); })",
        ]),
      ).rejects.toMatchObject({ code: 3 });
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  }, 180_000);
});
