import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { pdfText } from '../../server/test/pdf-text';
import {
  launchBrowser,
  pageGraphql,
  screenshots,
  seriousViolations,
  settle,
  signUpInPage,
  startApp,
  textOf,
  until,
  watchForeignRequests,
  type App,
} from './harness';

jest.setTimeout(120_000);

let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let foreign: string[];
const consoleErrors: string[] = [];

const EXPENSES: [string, string, string, string][] = [
  ['Rent January', '1200.50', 'Rent', '2025-01-05'],
  ['Bakery', '10.25', 'Food', '2025-01-07'],
  ['=HYPERLINK("x")', '20.10', 'Food', '2025-02-03'],
  ['Bakery', '5.05', 'Food', '2025-02-20'],
  ['Later', '999.00', 'Food', '2025-03-10'],
];

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  context = await browser.newContext({
    viewport: { width: 1280, height: 860 },
    acceptDownloads: true,
  });
  foreign = watchForeignRequests(context, app.url);
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  const account = {
    firstname: 'Rea',
    lastname: 'Porter',
    email: 'rea@example.com',
    username: 'rea',
    password: 'reports every month',
    currency: 'EUR',
  };
  await signUpInPage(page, app, account);
  for (const [description, amount, category, date] of EXPENSES) {
    const added = await pageGraphql(
      page,
      'mutation($input: ExpenseInput!) { addExpense(input: $input) { id } }',
      { input: { description, amount, category, date } },
    );
    expect(added.errors).toBeUndefined();
  }
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.stop();
});

const table = () => page.locator('table.report-table');
const download = async (name: string) => {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name, exact: true }).click(),
  ]);
  return {
    name: file.suggestedFilename(),
    content: fs.readFileSync((await file.path()) as string),
  };
};

test('the report builder groups a period, drills down and charts it', async () => {
  await page.goto(`${app.url}/dashboard`);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Reports' })
    .click();
  await textOf(page.locator('h1'), 'Reports');
  await page.getByLabel('From', { exact: true }).fill('2025-01-01');
  await page.getByLabel('To', { exact: true }).fill('2025-02-28');
  await page.getByLabel('Group by', { exact: true }).selectOption('CATEGORY');
  await page.getByRole('button', { name: 'Run report' }).click();
  await textOf(table().locator('tbody'), 'Rent');
  const rows = await table()
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => (tr as HTMLElement).innerText.split('\t').map((s) => s.trim())),
    );
  expect(rows).toEqual([
    ['Rent', '€1,200.50', '1', '€1,200.50'],
    ['Food', '€35.40', '3', '€11.80'],
  ]);
  expect(await table().locator('tfoot tr').innerText()).toMatch(
    /Total\s+€1,235\.90\s+4\s+€308\.98/,
  );
  await page.locator('.apexcharts-canvas').first().waitFor();
  expect(await page.locator('.apexcharts-canvas').count()).toBe(1);

  // Drill-down: the table's row, and the chart's donut slice.
  await table().getByRole('button', { name: 'Food' }).click();
  const drill = page.getByRole('region', { name: 'Transactions of Food' });
  await textOf(drill, '3 transactions');
  await drill.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('radio', { name: 'Donut' }).check();
  await page.locator('.apexcharts-pie-series path').first().waitFor();
  // The ring's left side (the middle of the donut is its hole): Rent's slice runs from the top
  // round to nearly the top again.
  const ring = (await page.locator('.apexcharts-pie-series path').first().boundingBox())!;
  await page.mouse.click(ring.x + 15, ring.y + ring.height / 2);
  await textOf(page.getByRole('region', { name: 'Transactions of Rent' }), '1 transaction');
  await page
    .getByRole('region', { name: 'Transactions of Rent' })
    .getByRole('button', { name: 'Close' })
    .click();

  // A bad period is refused at its field.
  await page.getByLabel('To', { exact: true }).fill('2024-12-31');
  await page.getByRole('button', { name: 'Run report' }).click();
  await textOf(page.locator('.field-error'), 'The last day comes after the first');
  await page.getByLabel('To', { exact: true }).fill('2025-02-28');
  await page.getByRole('button', { name: 'Run report' }).click();
  await settle(page);

  expect(await seriousViolations(page)).toEqual([]);
  const { sideways } = await screenshots(page, 'reports');
  expect(sideways).toBe(false);
});

test('the PDF, CSV and Excel downloads carry the totals shown', async () => {
  const csv = await download('CSV');
  expect(csv.name).toBe('report-2025-01-01-2025-02-28.csv');
  expect(csv.content.toString('utf8').replace('\uFEFF', '').trim().split('\n')).toEqual([
    'Category,Total (EUR),Count,Average (EUR)',
    'Rent,1200.50,1,1200.50',
    'Food,35.40,3,11.80',
    'Total,1235.90,4,308.98',
  ]);
  const xlsx = await download('Excel');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    xlsx.content.buffer.slice(
      xlsx.content.byteOffset,
      xlsx.content.byteOffset + xlsx.content.byteLength,
    ) as ArrayBuffer,
  );
  const sheet = workbook.getWorksheet('Report')!;
  const total = sheet.getRow(sheet.rowCount);
  expect([total.getCell(1).value, total.getCell(2).value, total.getCell(3).value]).toEqual([
    'Total',
    1235.9,
    4,
  ]);
  for (const [name, width] of [
    ['PDF (A4)', 595.28],
    ['PDF (Letter)', 612],
  ] as const) {
    const pdf = await download(name);
    const { text, width: pageWidth } = await pdfText(pdf.content);
    expect(pageWidth).toBeCloseTo(width, 1);
    expect(text).toContain('€1,235.90');
    expect(text).toContain('€35.40');
  }
});

test('a saved report comes back with its schedule, and can be deleted', async () => {
  await page.getByLabel('Name', { exact: true }).fill('Food and rent');
  await page.getByLabel('Mail it to me').selectOption('MONTHLY');
  await page.getByRole('button', { name: 'Save report' }).click();
  const saved = page.getByRole('region', { name: 'Saved reports' });
  await textOf(saved, 'Food and rent');
  await textOf(saved, 'mailed monthly');
  // Another period on screen, then the saved one opened again.
  await page.getByLabel('Group by', { exact: true }).selectOption('MONTH');
  await page.getByRole('button', { name: 'Run report' }).click();
  await textOf(table().locator('tbody'), '2025-01');
  await saved.getByRole('button', { name: 'Food and rent', exact: true }).click();
  await textOf(table().locator('tbody'), 'Rent');
  expect(await page.getByLabel('Group by', { exact: true }).inputValue()).toBe('CATEGORY');
  await until(
    'the saved report on the server',
    async () =>
      (await pageGraphql(page, '{ savedReports { name schedule email } }')).data?.savedReports,
    (list) =>
      JSON.stringify(list) ===
      JSON.stringify([{ name: 'Food and rent', schedule: 'MONTHLY', email: true }]),
  );
  const { sideways } = await screenshots(page, 'reports-saved');
  expect(sideways).toBe(false);
  page.once('dialog', (dialog) => void dialog.accept());
  await saved.getByRole('button', { name: 'Delete Food and rent' }).click();
  await textOf(saved, 'No saved reports yet.');
  expect(foreign).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test('grouped by tax category and limited to tax-deductible expenses, with its downloads', async () => {
  const { categories } = (await pageGraphql(page, '{ categories { id name } }')).data as {
    categories: { id: string; name: string }[];
  };
  const marked = await pageGraphql(
    page,
    'mutation($id: ID!) { setCategoryTaxDeductible(categoryId: $id, taxCategory: "charity") { taxCategory } }',
    { id: categories.find((c) => c.name === 'Food')!.id },
  );
  expect(marked.errors).toBeUndefined();
  await page.getByLabel('From', { exact: true }).fill('2025-01-01');
  await page.getByLabel('To', { exact: true }).fill('2025-02-28');
  await page.getByLabel('Group by', { exact: true }).selectOption('TAX_CATEGORY');
  await page.getByRole('button', { name: 'Run report' }).click();
  await textOf(table().locator('tbody'), 'Not deductible');
  const rows = () =>
    table()
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => (tr as HTMLElement).innerText.split('\t').map((s) => s.trim())),
      );
  expect(await rows()).toEqual([
    ['Not deductible', '€1,200.50', '1', '€1,200.50'],
    ['charity', '€35.40', '3', '€11.80'],
  ]);
  await table().getByRole('button', { name: 'Not deductible' }).click();
  await textOf(
    page.getByRole('region', { name: 'Transactions of Not deductible' }),
    '1 transaction',
  );

  await page.getByLabel('Tax-deductible only').check();
  await page.getByRole('button', { name: 'Run report' }).click();
  await until('only the deductible row', rows, (shown) => shown.length === 1);
  expect(await rows()).toEqual([['charity', '€35.40', '3', '€11.80']]);
  expect(await table().locator('tfoot tr').innerText()).toMatch(/Total\s+€35\.40\s+3\s+€11\.80/);
  await table().getByRole('button', { name: 'charity' }).click();
  await textOf(page.getByRole('region', { name: 'Transactions of charity' }), '3 transactions');

  const csv = await download('CSV');
  expect(csv.content.toString('utf8').replace('\uFEFF', '').trim().split('\n')).toEqual([
    'Tax category,Total (EUR),Count,Average (EUR)',
    'charity,35.40,3,11.80',
    'Total,35.40,3,11.80',
  ]);
  const pdf = await pdfText((await download('PDF (A4)')).content);
  expect(pdf.text).toContain('tax-deductible spending');
  expect(pdf.text).toContain('€35.40');
  expect(pdf.text).not.toContain('€1,200.50');
  const xlsx = await download('Excel');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    xlsx.content.buffer.slice(
      xlsx.content.byteOffset,
      xlsx.content.byteOffset + xlsx.content.byteLength,
    ) as ArrayBuffer,
  );
  const sheet = workbook.getWorksheet('Report')!;
  const total = sheet.getRow(sheet.rowCount);
  expect([total.getCell(1).value, total.getCell(2).value, total.getCell(3).value]).toEqual([
    'Total',
    35.4,
    3,
  ]);
  expect(await seriousViolations(page)).toEqual([]);
  const { sideways } = await screenshots(page, 'reports-tax');
  expect(sideways).toBe(false);
  expect(consoleErrors).toEqual([]);
});
