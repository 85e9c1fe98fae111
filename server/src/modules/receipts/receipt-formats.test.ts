import fs from 'node:fs';
import sharp from 'sharp';
import type { ApiClient } from '../../../test/api-client';
import { signUp } from '../../../test/factories';
import { HEIC_RECEIPT, withDeclaredSize } from './synthetic-heic';
import { describeEachDatabase } from '../../../test/test-server';
import { upload } from '../../../test/uploads';
import { createServices, type Services } from '../../services';
import { OcrPool } from './ocr-pool';
import { scannedPdf, syntheticPdf } from './synthetic-pdf';
import { syntheticReceipt } from './synthetic-receipts';

const RECEIPT = `id status merchant { value } date { value } total { value } currency
  contentType imageUrl thumbnailUrl failure text`;
const SCAN = `mutation($uploadId: ID!) { scanReceipt(uploadId: $uploadId) { ${RECEIPT} } }`;
const GET = `query($id: ID!) { receipt(id: $id) { ${RECEIPT} } }`;

interface ReceiptAnswer {
  id: string;
  status: string;
  merchant: { value: string | null };
  date: { value: string | null };
  total: { value: string | null };
  currency: string | null;
  contentType: string;
  imageUrl: string;
  thumbnailUrl: string;
  failure: string | null;
  text: string | null;
}

/** The formats beyond JPEG, PNG and WebP: an iPhone's HEIC and a scanned PDF. */
describeEachDatabase('receipt formats', (server) => {
  let services: Services;
  beforeAll(() => {
    // The suite's own runner reads the queued receipts when a test ticks it.
    services = createServices(server().dataSource, server().config);
  });
  afterAll(() => services.receiptIntake.close());

  const scan = async (client: ApiClient, content: Buffer, name: string) => {
    const sent = await upload(client, content, { name });
    expect(sent.status).toBe(201);
    return client.gql<{ scanReceipt: ReceiptAnswer }>(SCAN, { uploadId: sent.body.id });
  };
  const get = async (client: ApiClient, id: string) =>
    (await client.data<{ receipt: ReceiptAnswer | null }>(GET, { id })).receipt;
  const count = async (client: ApiClient) =>
    (await client.data<{ receipts: { totalCount: number } }>('{ receipts { totalCount } }'))
      .receipts.totalCount;
  const fetchAs = (client: ApiClient, path: string) =>
    fetch(`${client.url}${path}`, {
      headers: { cookie: [...client.cookies].map(([n, v]) => `${n}=${v}`).join('; ') },
    });

  test('an iPhone HEIC is decoded, read, and kept as a JPEG with a JPEG thumbnail', async () => {
    const client = server().client();
    await signUp(client);
    const heic = fs.readFileSync(HEIC_RECEIPT.file);
    // Named as if it were a JPEG: the content decides.
    const scanned = await scan(client, heic, 'IMG_4711.JPG');
    expect(scanned.errors).toBeUndefined();
    const receipt = scanned.data!.scanReceipt;
    expect(receipt).toMatchObject({ status: 'QUEUED', contentType: 'image/jpeg' });

    await services.jobRunner.tick();
    expect(await get(client, receipt.id)).toMatchObject({
      status: 'READ',
      merchant: { value: HEIC_RECEIPT.merchant },
      date: { value: HEIC_RECEIPT.date },
      total: { value: HEIC_RECEIPT.total },
      currency: HEIC_RECEIPT.currency,
      failure: null,
    });
    const image = await fetchAs(client, receipt.imageUrl);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    const stored = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
    expect([stored.format, stored.width, stored.height]).toEqual([
      'jpeg',
      HEIC_RECEIPT.width,
      HEIC_RECEIPT.height,
    ]);
    const thumbnail = await fetchAs(client, receipt.thumbnailUrl);
    expect(thumbnail.headers.get('content-type')).toBe('image/jpeg');
    const small = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata();
    expect([small.format, small.width]).toEqual(['jpeg', 320]);
  }, 60_000);

  test('a truncated HEIC and one declaring too many pixels are refused, nothing stored', async () => {
    const client = server().client();
    await signUp(client);
    const heic = fs.readFileSync(HEIC_RECEIPT.file);
    const cases: [string, Buffer, RegExp][] = [
      [
        'truncated',
        heic.subarray(0, Math.floor(heic.length * 0.6)),
        /^The HEIC photo could not be read: the file is damaged or incomplete$/,
      ],
      [
        'oversized',
        withDeclaredSize(heic, 10_000, 8_000),
        /^The picture has 80 megapixels; receipts up to 50 megapixels are accepted$/,
      ],
    ];
    for (const [name, content, message] of cases) {
      const outcome = await scan(client, content, `${name}.heic`);
      expect([name, outcome.errors?.[0]?.extensions]).toEqual([
        name,
        { code: 'BAD_USER_INPUT', field: 'uploadId' },
      ]);
      expect(outcome.errors?.[0]?.message).toMatch(message);
    }
    expect(await count(client)).toBe(0);
    expect((await fetch(`${server().url}/healthz`)).status).toBe(200);
  }, 60_000);

  const thumbnailOf = async (client: ApiClient, receipt: ReceiptAnswer) => {
    const answer = await fetchAs(client, receipt.thumbnailUrl);
    expect(answer.headers.get('content-type')).toBe('image/jpeg');
    return sharp(Buffer.from(await answer.arrayBuffer())).metadata();
  };

  test('a scanned PDF (a picture, no text) is drawn and read by the OCR; its thumbnail is the receipt', async () => {
    const client = server().client();
    await signUp(client);
    const ocr = jest.spyOn(OcrPool.prototype, 'read');
    try {
      // A receipt photo on an A4 page, as a flatbed scanner saves it.
      const fixture = await syntheticReceipt(0);
      const pdf = await scannedPdf(fixture.image);
      const scanned = await scan(client, pdf, 'scan.pdf');
      expect(scanned.errors).toBeUndefined();
      const receipt = scanned.data!.scanReceipt;
      expect(receipt).toMatchObject({
        status: 'QUEUED',
        contentType: 'application/pdf',
        text: null,
      });
      // The page's margins are cut: the thumbnail shows a tall receipt, not a wide blank page.
      const thumbnail = await thumbnailOf(client, receipt);
      expect([thumbnail.format, thumbnail.width]).toEqual(['jpeg', 320]);
      expect(thumbnail.height).toBeGreaterThan(320);

      await services.jobRunner.tick();
      const read = await get(client, receipt.id);
      expect(read).toMatchObject({
        status: 'READ',
        merchant: { value: fixture.merchant },
        date: { value: fixture.date },
        total: { value: fixture.total },
        currency: fixture.currency,
        failure: null,
      });
      expect(read?.text).toContain('TOTAL');
      expect(ocr).toHaveBeenCalledTimes(1);
      // The original PDF is what is kept and downloaded.
      const original = await fetchAs(client, receipt.imageUrl);
      expect(original.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await original.arrayBuffer()).equals(pdf)).toBe(true);
    } finally {
      ocr.mockRestore();
    }
  }, 90_000);

  test('a PDF with a text layer is read from it, without the OCR', async () => {
    const client = server().client();
    await signUp(client, { currency: 'EUR' });
    const ocr = jest.spyOn(OcrPool.prototype, 'read');
    try {
      const pdf = syntheticPdf(['REWE Markt GmbH', 'Datum: 02.04.2025', 'SUMME EUR 17,35']);
      const receipt = (await scan(client, pdf, 'rewe.pdf')).data!.scanReceipt;
      expect(receipt.text).toContain('SUMME EUR 17,35');
      // The page drawn, its margins cut: the text block, at most the thumbnail's width.
      const thumbnail = await thumbnailOf(client, receipt);
      expect(thumbnail.width).toBeGreaterThan(200);
      expect(thumbnail.width).toBeLessThanOrEqual(320);
      await services.jobRunner.tick();
      expect(await get(client, receipt.id)).toMatchObject({
        status: 'READ',
        merchant: { value: 'REWE' },
        date: { value: '2025-04-02' },
        total: { value: '17.35' },
      });
      expect(ocr).not.toHaveBeenCalled();
    } finally {
      ocr.mockRestore();
    }
  }, 60_000);
});
