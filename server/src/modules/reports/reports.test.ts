import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { ApiClient } from '../../../test/api-client';
import { signUp } from '../../../test/factories';
import { pdfText } from '../../../test/pdf-text';
import { PERIOD, seedLedger } from '../../../test/reports';
import { describeEachDatabase } from '../../../test/test-server';
import { createServices } from '../../services';
import { FakeClock } from '../jobs/fake-clock';
import { averageMinor } from './report.service';

const REPORT = `query($input: ReportInput!) { report(input: $input) {
  rows { key id total count average } total count average currency from to groupBy } }`;
const SAVE = `mutation($name: String!, $input: ReportInput!, $schedule: String, $email: Boolean, $id: ID) {
  saveReport(name: $name, input: $input, schedule: $schedule, email: $email, id: $id) {
    id name schedule email input { from to groupBy accountIds categories } } }`;
describeEachDatabase('reports', (server) => {
  let client: ApiClient;
  let accounts: { cash: string; card: string };
  beforeAll(async () => {
    client = server().client();
    accounts = await seedLedger(client);
  });

  const report = async (input: Record<string, unknown>) =>
    (await client.data(REPORT, { input: { ...PERIOD, ...input } })).report;

  test('groups spending by month, category, payee and account with totals, counts and averages', async () => {
    const byMonth = await report({ groupBy: 'MONTH' });
    expect(byMonth).toMatchObject({
      total: '1235.90',
      count: 4,
      currency: 'EUR',
      average: '308.98',
    });
    expect(byMonth.rows).toEqual([
      { key: '2025-01', id: null, total: '1210.75', count: 2, average: '605.38' },
      { key: '2025-02', id: null, total: '25.15', count: 2, average: '12.58' },
    ]);
    const byCategory = await report({ groupBy: 'CATEGORY' });
    expect(byCategory.rows.map((r: any) => [r.key, r.total, r.count])).toEqual([
      ['Rent', '1200.50', 1],
      ['Food', '35.40', 3],
    ]);
    const byPayee = await report({ groupBy: 'PAYEE' });
    expect(byPayee.rows.map((r: any) => [r.key, r.total])).toEqual([
      ['Landlord', '1200.50'],
      ['=HYPERLINK("x")', '20.10'],
      ['Bakery', '15.30'],
    ]);
    const byAccount = await report({ groupBy: 'ACCOUNT' });
    expect(byAccount.rows.map((r: any) => [r.key, r.id, r.total])).toEqual([
      ['Card', accounts.card, '1205.55'],
      ['Cash', accounts.cash, '30.35'],
    ]);
  });

  test('filters by accounts and categories; a payee row drills down to its transactions', async () => {
    const cashFood = await report({
      groupBy: 'CATEGORY',
      accountIds: [accounts.cash],
      categories: ['food'],
    });
    expect(cashFood).toMatchObject({ total: '30.35', count: 2 });
    const drill = await client.data(
      `query($filter: TransactionFilter) { transactions(filter: $filter) { totalCount nodes { amount } } }`,
      { filter: { ...PERIOD, kind: 'EXPENSE', search: 'Bakery' } },
    );
    expect(drill.transactions.nodes.map((n: any) => n.amount).sort()).toEqual(['10.25', '5.05']);
  });

  test('bad input is refused by field', async () => {
    for (const [input, field] of [
      [{ groupBy: 'MONTH', from: '2025-03-01', to: '2025-01-01' }, 'to'],
      [{ groupBy: 'MONTH', from: '2000-01-01', to: '2025-01-01' }, 'to'],
    ] as const) {
      const result = await client.gql(REPORT, { input: { ...PERIOD, ...input } });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(averageMinor(5n, 2)).toBe(3n);
    expect(averageMinor(-5n, 2)).toBe(-3n);
  });

  test('the PDF, CSV and XLSX of one report carry the same totals', async () => {
    const query = new URLSearchParams({ ...PERIOD, groupBy: 'PAYEE' });
    const download = async (format: string, extra = '') => {
      const response = await fetch(
        `${server().url}/api/reports/export?format=${format}&${query}${extra}`,
        { headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } },
      );
      expect(response.status).toBe(200);
      return Buffer.from(await response.arrayBuffer());
    };
    const csv = (await download('csv')).toString('utf8');
    expect(csv.replace('\uFEFF', '').split('\n').filter(Boolean)).toEqual([
      'Payee,Total (EUR),Count,Average (EUR)',
      'Landlord,1200.50,1,1200.50',
      `"'=HYPERLINK(""x"")",20.10,1,20.10`,
      'Bakery,15.30,2,7.65',
      'Total,1235.90,4,308.98',
    ]);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download('xlsx')).buffer as ArrayBuffer);
    const sheet = workbook.getWorksheet('Report')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const last = sheet.getRow(sheet.rowCount);
    expect([last.getCell(1).value, last.getCell(2).value, last.getCell(3).value]).toEqual([
      'Total',
      1235.9,
      4,
    ]);
    expect(last.getCell(2).numFmt).toContain('€');
    expect(sheet.getRow(2).getCell(2).value).toBe(1200.5);
    expect(workbook.getWorksheet('Period')!.getCell('B3').value).toEqual(
      new Date('2025-01-01T00:00:00.000Z'),
    );

    for (const [size, width] of [
      ['A4', 595.28],
      ['LETTER', 612],
    ] as const) {
      const { text, width: pageWidth } = await pdfText(await download('pdf', `&size=${size}`));
      expect(pageWidth).toBeCloseTo(width, 1);
      expect(text).toContain('€1,235.90');
      expect(text).toContain('€1,200.50');
      expect(text).toContain('=HYPERLINK("x")');
    }
  });

  test('months are dates in the XLSX', async () => {
    const response = await fetch(
      `${server().url}/api/reports/export?format=xlsx&${new URLSearchParams({ ...PERIOD, groupBy: 'MONTH' })}`,
      { headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } },
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const cell = workbook.getWorksheet('Report')!.getCell('A2');
    expect(cell.value).toEqual(new Date('2025-01-01T00:00:00.000Z'));
    expect(cell.numFmt).toBe('mmm yyyy');
  });

  test('the export needs a session, and another ledger’s saved report is not found', async () => {
    const stranger = await fetch(
      `${server().url}/api/reports/export?format=csv&${new URLSearchParams({ ...PERIOD, groupBy: 'MONTH' })}`,
    );
    expect(stranger.status).toBe(401);
    const saved = (
      await client.data(SAVE, { name: 'Mine', input: { ...PERIOD, groupBy: 'MONTH' } })
    ).saveReport;
    const other = server().client();
    await signUp(other);
    const response = await fetch(
      `${server().url}/api/reports/export?format=csv&savedReportId=${saved.id}`,
      { headers: { cookie: [...other.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } },
    );
    expect(response.status).toBe(404);
  });

  test('saved reports are listed, updated and deleted', async () => {
    const created = (
      await client.data(SAVE, {
        name: 'Food by month',
        input: { ...PERIOD, groupBy: 'MONTH', categories: ['Food'] },
      })
    ).saveReport;
    expect(created).toMatchObject({ schedule: null, email: false });
    expect(created.input).toMatchObject({ groupBy: 'MONTH', categories: ['Food'] });
    const refused = await client.gql(SAVE, {
      name: 'x',
      input: { ...PERIOD, groupBy: 'MONTH' },
      email: true,
    });
    expect(refused.errors?.[0].extensions).toMatchObject({ field: 'schedule' });
    const updated = (
      await client.data(SAVE, {
        id: created.id,
        name: 'Food weekly',
        input: { ...PERIOD, groupBy: 'PAYEE' },
        schedule: 'WEEKLY',
      })
    ).saveReport;
    expect(updated).toMatchObject({
      id: created.id,
      name: 'Food weekly',
      schedule: 'WEEKLY',
      email: true,
    });
    const list = (await client.data('{ savedReports { id name } }')).savedReports;
    expect(list.map((r: any) => r.name)).toContain('Food weekly');
    expect(
      (await client.data('mutation($id: ID!) { deleteSavedReport(id: $id) }', { id: created.id }))
        .deleteSavedReport,
    ).toBe(true);
    const after = (await client.data('{ savedReports { id } }')).savedReports;
    expect(after.map((r: any) => r.id)).not.toContain(created.id);
  });

  test('a monthly report is mailed once with its PDF and a one-click unsubscribe link', async () => {
    const mailer = server().client();
    await signUp(mailer, { currency: 'INR' });
    await mailer.data(`mutation($input: ExpenseInput!) { addExpense(input: $input) { id } }`, {
      input: { description: 'Tea', amount: '1234.5', date: '2031-04-10', category: 'Food' },
    });
    const saved = (
      await mailer.data(SAVE, {
        name: 'Monthly spending',
        input: { from: '2031-01-01', to: '2031-01-31', groupBy: 'CATEGORY' },
        schedule: 'MONTHLY',
      })
    ).saveReport;
    const clock = new FakeClock('2031-05-02T08:00:00Z');
    const services = createServices(server().dataSource, server().config, { clock });
    const outbox = path.join(server().config.dataDir, 'mail');
    const mails = () =>
      (fs.existsSync(outbox) ? fs.readdirSync(outbox) : [])
        .map((file) => fs.readFileSync(path.join(outbox, file), 'utf8'))
        .filter((mail) => mail.includes('Subject: Monthly spending'));
    await services.jobRunner.tick(clock.now());
    await services.jobRunner.tick(clock.advance(1000));
    // A second tick later in the month sends nothing more.
    await services.jobRunner.tick(clock.advance(2 * 60 * 60_000));
    const sent = mails();
    expect(sent).toHaveLength(1);
    const mail = sent[0].replace(/=\r?\n/g, '');
    expect(mail).toContain('Subject: Monthly spending: 2031-04-01 to 2031-04-30');
    expect(mail).toContain('1234.50 INR');
    expect(mail).toContain('Content-Type: application/pdf');
    expect(mail).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const url = /List-Unsubscribe:\s*<(http[^>]+)>/.exec(mail)![1];
    const token = new URL(url).searchParams.get('token')!;
    const local = `${server().url}/api/reports/unsubscribe?token=${token}`;
    // A GET (a scanner opening the link) changes nothing; a forged token is refused.
    expect((await fetch(local)).status).toBe(200);
    expect((await mailer.data('{ savedReports { schedule } }')).savedReports[0].schedule).toBe(
      'MONTHLY',
    );
    const forged = await fetch(`${local.slice(0, -2)}AA`, { method: 'POST' });
    expect(forged.status).toBe(404);
    const post = await fetch(local, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(post.status).toBe(200);
    const after = (await mailer.data('{ savedReports { id schedule email } }')).savedReports;
    expect(after).toEqual([{ id: saved.id, schedule: null, email: false }]);
  });
});
