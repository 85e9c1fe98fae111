import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { strFromU8, unzipSync } from 'fflate';
import { describeEachDatabase } from '../../../test/test-server';
import type { ApiClient } from '../../../test/api-client';
import { addExpense, signUp } from '../../../test/factories';
import { createApp, type App } from '../../app';
import { pdfText } from '../../../test/pdf-text';
import { pdfsRendered } from '../reports/pdf-worker';
import type { ReceiptFiles } from './receipt-files';

const SUMMARY = `query($year: Int!) { taxSummary(year: $year) {
  year from to total byTaxCategory { key total count }
  transactions { taxCategory transaction { id date description amount } }
} }`;

interface Summary {
  year: string;
  from: string;
  to: string;
  total: string;
  byTaxCategory: { key: string; total: string; count: number }[];
  transactions: { taxCategory: string; transaction: { id: string; date: string } }[];
}

const summary = async (client: ApiClient, year: number) =>
  (await client.data<{ taxSummary: Summary }>(SUMMARY, { year })).taxSummary;

const setYearStart = (client: ApiClient, taxYearStart: string) =>
  client.gql(
    'mutation($s: String) { updateUserSettings(input: { taxYearStart: $s }) { taxYearStart } }',
    { s: taxYearStart },
  );

describeEachDatabase('the tax module', (server) => {
  /** Donations (marked charity as a category), Food (one expense marked by hand), a plain one. */
  async function seed(client: ApiClient) {
    await signUp(client, { currency: 'EUR' });
    const march = await addExpense(client, {
      description: 'Red Cross',
      amount: '10.00',
      category: 'Donations',
      date: '2024-03-01',
    });
    const april = await addExpense(client, {
      description: 'Red Cross',
      amount: '20.00',
      category: 'Donations',
      date: '2024-04-10',
    });
    const doctor = await addExpense(client, {
      description: 'Dr. Weiß',
      amount: '5.55',
      category: 'Food',
      date: '2024-05-01',
    });
    await addExpense(client, { amount: '1.00', category: 'Food', date: '2024-05-02' });
    await addExpense(client, {
      description: 'UNICEF',
      amount: '7.00',
      category: 'Donations',
      date: '2025-04-06',
    });
    const marks = await client.data<{
      setCategoryTaxDeductible: { category: { name: string }; taxCategory: string }[];
    }>(
      'mutation($id: ID!) { setCategoryTaxDeductible(categoryId: $id, taxCategory: "Charity") { category { name } taxCategory } }',
      { id: march.category.id },
    );
    expect(marks.setCategoryTaxDeductible).toEqual([
      { category: { name: 'Donations' }, taxCategory: 'charity' },
    ]);
    const marked = await client.data<{
      setTaxDeductible: { id: string; taxCategory: string; ownTaxCategory: string };
    }>(
      'mutation($id: ID!) { setTaxDeductible(transactionId: $id, taxCategory: " medical ") { id taxCategory ownTaxCategory } }',
      { id: doctor.id },
    );
    expect(marked.setTaxDeductible).toEqual({
      id: doctor.id,
      taxCategory: 'medical',
      ownTaxCategory: 'medical',
    });
    return { march, april, doctor };
  }

  test('the summary per tax category, for a calendar year and for a UK tax year', async () => {
    const client = server().client();
    const { march, april, doctor } = await seed(client);
    expect(await summary(client, 2024)).toEqual({
      year: '2024',
      from: '2024-01-01',
      to: '2024-12-31',
      total: '35.55',
      byTaxCategory: [
        { key: 'charity', total: '30.00', count: 2 },
        { key: 'medical', total: '5.55', count: 1 },
      ],
      transactions: [
        { taxCategory: 'charity', transaction: expect.objectContaining({ id: march.id }) },
        { taxCategory: 'charity', transaction: expect.objectContaining({ id: april.id }) },
        { taxCategory: 'medical', transaction: expect.objectContaining({ id: doctor.id }) },
      ],
    });
    expect((await setYearStart(client, '04-06')).data).toEqual({
      updateUserSettings: { taxYearStart: '04-06' },
    });
    const uk = await summary(client, 2024);
    expect([uk.year, uk.from, uk.to, uk.total]).toEqual([
      '2024/25',
      '2024-04-06',
      '2025-04-05',
      '25.55',
    ]);
    const next = await summary(client, 2025);
    expect([next.year, next.from, next.byTaxCategory]).toEqual([
      '2025/26',
      '2025-04-06',
      [{ key: 'charity', total: '7.00', count: 1 }],
    ]);
    // A transaction's own mark wins over its category's; removing it brings the category's back.
    await client.data(
      'mutation($id: ID!) { setTaxDeductible(transactionId: $id, taxCategory: "Church tax") { id } }',
      { id: april.id },
    );
    expect((await summary(client, 2024)).byTaxCategory).toEqual([
      { key: 'Church tax', total: '20.00', count: 1 },
      { key: 'medical', total: '5.55', count: 1 },
    ]);
    const categories = await client.data<{ taxCategories: string[] }>('{ taxCategories }');
    expect(categories.taxCategories).toEqual([
      'charity',
      'medical',
      'business',
      'home office',
      'education',
      'Church tax',
    ]);
    await client.data('mutation($id: ID!) { setTaxDeductible(transactionId: $id) { id } }', {
      id: april.id,
    });
    expect((await summary(client, 2024)).total).toBe('25.55');
  });

  test('settings and marks are validated, and scoped to the caller', async () => {
    const client = server().client();
    const { doctor } = await seed(client);
    for (const bad of ['02-29', '13-01', '4-6', 'April']) {
      const result = await setYearStart(client, bad);
      expect([bad, result.errors?.[0]?.extensions?.field]).toEqual([bad, 'taxYearStart']);
    }
    const empty = await client.gql(
      'mutation($id: ID!) { setTaxDeductible(transactionId: $id, taxCategory: "  ") { id } }',
      { id: doctor.id },
    );
    expect(empty.errors?.[0]?.extensions?.field).toBe('taxCategory');
    const other = server().client();
    await signUp(other);
    const foreign = await other.gql(
      'mutation($id: ID!) { setTaxDeductible(transactionId: $id, taxCategory: "medical") { id } }',
      { id: doctor.id },
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await summary(other, 2024)).byTaxCategory).toEqual([]);
    const year = await client.gql(SUMMARY, { year: 20245 });
    expect(year.errors?.[0]?.extensions?.field).toBe('year');
  });

  describe('the archive', () => {
    let app: App;
    let http: Server;
    let base = '';
    const receipts: ReceiptFiles = {
      // A fake of the receipts module: one receipt for every transaction asked about.
      forTransactions: async (_ledgerId, ids) =>
        ids.map((transactionId) => ({
          transactionId,
          name: 'scan.JPG',
          bytes: new TextEncoder().encode(`receipt ${transactionId}`),
        })),
    };
    beforeAll(async () => {
      app = await createApp(server().config, server().dataSource);
      app.services.taxReceipts = receipts;
      http = app.app.listen(0, '127.0.0.1');
      await new Promise((resolve) => http.once('listening', resolve));
      base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((resolve) => http.close(resolve));
      await app.apollo.stop();
    });

    const get = (client: ApiClient | null, path: string) =>
      fetch(`${base}${path}`, {
        headers: client
          ? { cookie: [...client.cookies].map(([n, v]) => `${n}=${v}`).join('; ') }
          : {},
      });

    test('holds the summary PDF and every receipt of the deductible transactions', async () => {
      const client = server().client();
      const { march, april, doctor } = await seed(client);
      const renderedBefore = pdfsRendered();
      const response = await get(client, '/api/tax/2024.zip');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/zip');
      expect(response.headers.get('content-disposition')).toContain('tax-2024.zip');
      const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
      expect(Object.keys(files).sort()).toEqual([
        'receipts/2024-03-01-Red-Cross.jpg',
        'receipts/2024-04-10-Red-Cross.jpg',
        'receipts/2024-05-01-Dr-Wei.jpg',
        'tax-summary-2024.pdf',
      ]);
      expect(strFromU8(files['receipts/2024-04-10-Red-Cross.jpg'])).toBe(`receipt ${april.id}`);
      expect(strFromU8(files['receipts/2024-03-01-Red-Cross.jpg'])).toBe(`receipt ${march.id}`);
      expect(strFromU8(files['receipts/2024-05-01-Dr-Wei.jpg'])).toBe(`receipt ${doctor.id}`);
      const pdf = Buffer.from(files['tax-summary-2024.pdf']);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      // The Unicode font travels inside the file.
      expect(pdf.toString('latin1')).toMatch(/\/FontFile2/);
      expect(pdf.toString('latin1')).toMatch(/DejaVuSans/);
      const { text, width } = await pdfText(pdf);
      expect(width).toBeCloseTo(595.28, 1);
      for (const printed of [
        'Tax summary 2024',
        '2024-01-01 to 2024-12-31',
        'charity',
        '€30.00',
        'medical',
        '€5.55',
        '€35.55',
        'Dr. Weiß',
        '2024-05-01',
      ]) {
        expect(text).toContain(printed);
      }
      // Rendered by the PDF worker thread, not on the one answering requests.
      expect(pdfsRendered()).toBe(renderedBefore + 1);
    });

    test('needs a session and a year', async () => {
      const client = server().client();
      await signUp(client);
      expect((await get(null, '/api/tax/2024.zip')).status).toBe(401);
      expect((await get(client, '/api/tax/2024.pdf')).status).toBe(404);
      expect((await get(client, '/api/tax/0999.zip')).status).toBe(400);
    });
  });
});
