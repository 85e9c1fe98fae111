import ExcelJS from 'exceljs';
import type { ApiClient } from '../../../test/api-client';
import { addExpense } from '../../../test/factories';
import { pdfText } from '../../../test/pdf-text';
import { downloadReport, PERIOD, seedLedger } from '../../../test/reports';
import { describeEachDatabase } from '../../../test/test-server';

const REPORT = `query($input: ReportInput!) { report(input: $input) {
  rows { key id total count average } total count average taxDeductibleOnly } }`;
const TRANSACTIONS = `query($filter: TransactionFilter) {
  transactions(filter: $filter) { totalCount nodes { amount taxCategory } } }`;

describeEachDatabase('reports by tax category', (server) => {
  let client: ApiClient;
  let pharmacyId: string;

  /**
   * The reports' ledger, with Food marked charity as a category, one Food expense marked medical
   * by hand (its own mark wins) and a pharmacy expense of an unmarked category marked medical.
   * Rent stays not deductible.
   */
  beforeAll(async () => {
    client = server().client();
    await seedLedger(client);
    const pharmacy = await addExpense(client, {
      description: 'Pharmacy',
      amount: '7.77',
      category: 'Health',
      date: '2025-02-10',
    });
    const { categories } = await client.data<{ categories: { id: string; name: string }[] }>(
      '{ categories { id name } }',
    );
    await client.data(
      'mutation($id: ID!) { setCategoryTaxDeductible(categoryId: $id, taxCategory: "Charity") { taxCategory } }',
      { id: categories.find((c) => c.name === 'Food')!.id },
    );
    const { transactions } = await client.data<{
      transactions: { nodes: { id: string; amount: string }[] };
    }>(
      `query { transactions(filter: { from: "2025-02-20", to: "2025-02-20" }) { nodes { id amount } } }`,
    );
    pharmacyId = pharmacy.id;
    for (const id of [transactions.nodes[0].id, pharmacy.id]) {
      await client.data(
        'mutation($id: ID!) { setTaxDeductible(transactionId: $id, taxCategory: "medical") { id } }',
        { id },
      );
    }
  });

  const report = async (input: Record<string, unknown>) =>
    (await client.data(REPORT, { input: { ...PERIOD, ...input } })).report;

  test('grouped by tax category: a transaction’s own mark first, the rest not deductible', async () => {
    const all = await report({ groupBy: 'TAX_CATEGORY' });
    expect(all).toMatchObject({ total: '1243.67', count: 5, taxDeductibleOnly: false });
    expect(all.rows).toEqual([
      { key: 'Not deductible', id: null, total: '1200.50', count: 1, average: '1200.50' },
      { key: 'charity', id: null, total: '30.35', count: 2, average: '15.18' },
      { key: 'medical', id: null, total: '12.82', count: 2, average: '6.41' },
    ]);
    const deductible = await report({ groupBy: 'TAX_CATEGORY', taxDeductibleOnly: true });
    expect(deductible).toMatchObject({
      total: '43.17',
      count: 4,
      average: '10.79',
      taxDeductibleOnly: true,
    });
    expect(deductible.rows.map((r: any) => [r.key, r.total, r.count])).toEqual([
      ['charity', '30.35', 2],
      ['medical', '12.82', 2],
    ]);
  });

  test('tax-deductible only, with any grouping and the other filters', async () => {
    const byCategory = await report({ groupBy: 'CATEGORY', taxDeductibleOnly: true });
    expect(byCategory.rows.map((r: any) => [r.key, r.total, r.count])).toEqual([
      ['Food', '35.40', 3],
      ['Health', '7.77', 1],
    ]);
    const byMonth = await report({ groupBy: 'MONTH', taxDeductibleOnly: true });
    expect(byMonth.rows.map((r: any) => [r.key, r.total, r.count])).toEqual([
      ['2025-01', '10.25', 1],
      ['2025-02', '32.92', 3],
    ]);
    const health = await report({
      groupBy: 'TAX_CATEGORY',
      taxDeductibleOnly: true,
      categories: ['health'],
    });
    expect(health.rows.map((r: any) => [r.key, r.total])).toEqual([['medical', '7.77']]);
    // Without the filter the same grouping still counts everything.
    expect((await report({ groupBy: 'CATEGORY' })).total).toBe('1243.67');
  });

  test('a tax row drills down to its transactions', async () => {
    const list = async (filter: Record<string, unknown>) =>
      (await client.data(TRANSACTIONS, { filter: { ...PERIOD, kind: 'EXPENSE', ...filter } }))
        .transactions;
    const medical = await list({ taxCategory: 'medical' });
    expect(medical.nodes.map((n: any) => [n.amount, n.taxCategory]).sort()).toEqual([
      ['5.05', 'medical'],
      ['7.77', 'medical'],
    ]);
    const charity = await list({ taxCategory: 'Charity' });
    expect(charity.nodes.map((n: any) => n.amount).sort()).toEqual(['10.25', '20.10']);
    expect((await list({ taxDeductible: true })).totalCount).toBe(4);
    const not = await list({ taxDeductible: false });
    expect(not.nodes.map((n: any) => [n.amount, n.taxCategory])).toEqual([['1200.50', null]]);
    const reserved = await client.gql(
      'mutation($id: ID!) { setTaxDeductible(transactionId: $id, taxCategory: "not deductible") { id } }',
      { id: pharmacyId },
    );
    expect(reserved.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  test('its PDF, CSV and XLSX carry the totals shown; a saved report keeps the filter', async () => {
    const params = { ...PERIOD, groupBy: 'TAX_CATEGORY', taxDeductibleOnly: 'true' };
    const csv = (await downloadReport(client, 'csv', params)).toString('utf8');
    expect(csv.replace('\uFEFF', '').split('\n').filter(Boolean)).toEqual([
      'Tax category,Total (EUR),Count,Average (EUR)',
      'charity,30.35,2,15.18',
      'medical,12.82,2,6.41',
      'Total,43.17,4,10.79',
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await downloadReport(client, 'xlsx', params)).buffer as ArrayBuffer);
    const sheet = workbook.getWorksheet('Report')!;
    const values = (n: number) => [1, 2, 3].map((c) => sheet.getRow(n).getCell(c).value);
    expect([values(2), values(3), values(4)]).toEqual([
      ['charity', 30.35, 2],
      ['medical', 12.82, 2],
      ['Total', 43.17, 4],
    ]);
    expect(workbook.getWorksheet('Period')!.getCell('B6').value).toBe('Tax-deductible only');
    const { text } = await pdfText(await downloadReport(client, 'pdf', params));
    expect(text).toContain('by tax category');
    expect(text).toContain('tax-deductible spending');
    for (const figure of ['€30.35', '€12.82', '€43.17', '€10.79']) expect(text).toContain(figure);
    expect(text).not.toContain('Not deductible');

    const saved = await client.data(
      `mutation($input: ReportInput!) { saveReport(name: "Tax", input: $input) {
        id input { groupBy taxDeductibleOnly } } }`,
      { input: { ...PERIOD, groupBy: 'TAX_CATEGORY', taxDeductibleOnly: true } },
    );
    expect(saved.saveReport.input).toEqual({ groupBy: 'TAX_CATEGORY', taxDeductibleOnly: true });
    const fromSaved = (
      await downloadReport(client, 'csv', { savedReportId: saved.saveReport.id })
    ).toString('utf8');
    expect(fromSaved).toContain('Total,43.17,4,10.79');
  });
});
