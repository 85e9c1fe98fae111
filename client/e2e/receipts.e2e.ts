import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../server/src/config';
import {
  syntheticReceipt,
  type SyntheticReceipt,
} from '../../server/src/modules/receipts/synthetic-receipts';
import { createServices, type Services } from '../../server/src/services';
import {
  launchBrowser,
  pageGraphql,
  screenshots,
  seriousViolations,
  signUpInPage,
  startApp,
  textOf,
  until,
  watchForeignRequests,
  type App,
} from './harness';

jest.setTimeout(180_000);

let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let foreign: string[];
/** The test's own job runner: the server runs none under NODE_ENV=test. */
let services: Services;
let walmart: SyntheticReceipt;
let lidl: SyntheticReceipt;
const consoleErrors: string[] = [];

async function checkPage(name: string) {
  expect(await seriousViolations(page)).toEqual([]);
  const { sideways } = await screenshots(page, name);
  expect({ page: name, sideways }).toEqual({ page: name, sideways: false });
}

/** Reads what is queued, as the server's runner would within a second of the scan. */
async function readQueued() {
  await until(
    'a queued receipt',
    async () =>
      Number(
        (
          (await app.server.dataSource.query(
            "SELECT COUNT(*) AS n FROM receipts WHERE status = 'QUEUED'",
          )) as { n: number }[]
        )[0].n,
      ),
    (n) => n > 0,
  );
  await services.jobRunner.tick();
}

const imagesLoaded = (selector: string) =>
  page.$$eval(selector, (images) =>
    images.map(
      (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
    ),
  );

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  services = createServices(
    app.server.dataSource,
    loadConfig({ NODE_ENV: 'test', DATA_DIR: app.dataDir, PORT: '0' }),
  );
  [walmart, lidl] = await Promise.all([syntheticReceipt(0), syntheticReceipt(3)]);
  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  foreign = watchForeignRequests(context, app.url);
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await signUpInPage(page, app, {
    firstname: 'Rosa',
    lastname: 'Receipt',
    email: 'rosa@example.com',
    username: 'rosa',
    password: 'thermal paper fades',
  });
  // The expense the second receipt is attached to; it makes the category Food known, too.
  const expense = await pageGraphql(
    page,
    'mutation($i: ExpenseInput!) { addExpense(input: $i) { id } }',
    { i: { description: 'Weekly shop', amount: lidl.total, category: 'Food', date: lidl.date } },
  );
  expect(expense.errors).toBeUndefined();
});

afterAll(async () => {
  await services?.receiptIntake.close();
  await browser?.close();
  await app?.stop();
});

test('the receipts page starts empty and points to the scan', async () => {
  await page.goto(`${app.url}/dashboard`);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Receipts' })
    .click();
  await page.getByRole('heading', { name: 'Receipts', level: 1 }).waitFor();
  await textOf(page.locator('.state-empty'), 'No receipts yet');
  await checkPage('receipts-empty');
});

test('scanning a photo on the add-expense page fills the form; saving books it with the receipt', async () => {
  await page.goto(`${app.url}/add_expense`);
  const picker = page.getByLabel('Scan a receipt');
  expect(await picker.getAttribute('accept')).toBe(
    'image/*,image/heic,image/heif,.heic,.heif,application/pdf,.pdf',
  );
  expect(await picker.getAttribute('capture')).toBe('environment');
  await checkPage('receipts-scan-empty');

  await picker.setInputFiles({
    name: 'walmart.jpg',
    mimeType: 'image/jpeg',
    buffer: walmart.image,
  });
  await textOf(page.locator('.receipt-scan-status'), 'Waiting to be read');
  await readQueued();
  await textOf(page.locator('.receipt-scan-status'), 'Read. Check the fields below');

  const form = page.locator('form.form');
  await until(
    'the fields filled from the receipt',
    async () => [
      await form.getByLabel('Description').inputValue(),
      await form.getByLabel(/^Amount/).inputValue(),
      await form.getByLabel('Date').inputValue(),
    ],
    (values) => values[0] !== '',
  ).then((values) => expect(values).toEqual([walmart.merchant, walmart.total, walmart.date]));
  await textOf(form.locator('.field').first(), 'Read from the receipt');
  expect(await imagesLoaded('.receipt-scan-thumb')).toEqual([true]);
  await checkPage('receipts-scan-read');

  await form.getByLabel('Category').fill('Food');
  await form.getByRole('button', { name: 'Save expense with receipt' }).click();
  await page.waitForURL(`${app.url}/dashboard`);
  const { data } = await pageGraphql(
    page,
    '{ receipts { nodes { merchant { value } expense { description amount date } } } }',
  );
  expect(data.receipts.nodes).toEqual([
    {
      merchant: { value: walmart.merchant },
      expense: { description: walmart.merchant, amount: walmart.total, date: walmart.date },
    },
  ]);
});

test('the receipts page: thumbnails, filters, full view, tax mark, attach and delete', async () => {
  // A second receipt, sent as the phone app would, then read.
  const sent = await page.evaluate(
    async ({ bytes }) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'lidl.png');
      const response = await fetch('/api/uploads', {
        method: 'POST',
        body: form,
        headers: { 'X-Requested-With': 'fetch' },
      });
      return (await response.json()) as { id: string };
    },
    { bytes: [...lidl.image] },
  );
  await pageGraphql(page, 'mutation($u: ID!) { scanReceipt(uploadId: $u) { id } }', { u: sent.id });
  await readQueued();

  await page.goto(`${app.url}/receipts`);
  const cards = page.locator('.receipt-card');
  await until(
    'two receipts',
    () => cards.count(),
    (n) => n === 2,
  );
  await textOf(cards.nth(0), lidl.merchant);
  await textOf(cards.nth(0), 'not matched yet');
  await textOf(cards.nth(1), `on “${walmart.merchant}”`);
  expect(await imagesLoaded('.receipt-card img')).toEqual([true, true]);
  await checkPage('receipts-grid');

  // The box follows the URL's filter, set on change: Playwright's check() would look at the box
  // before the state followed the click, and fail now and then. Click, then wait for it.
  await page.getByLabel('Not yet matched').click();
  await until(
    'the filter to be on',
    () => page.getByLabel('Not yet matched').isChecked(),
    (checked) => checked,
  );
  await until(
    'the unmatched one',
    () => cards.count(),
    (n) => n === 1,
  );
  await textOf(cards.nth(0), lidl.merchant);
  await page.getByLabel('Not yet matched').click();
  await until(
    'the filter to be off',
    () => page.getByLabel('Not yet matched').isChecked(),
    (checked) => !checked,
  );
  await page.getByLabel('Search merchant or text').fill(walmart.merchant.toLowerCase());
  await page.getByRole('button', { name: 'Search' }).click();
  await until(
    'the searched one',
    () => cards.count(),
    (n) => n === 1,
  );
  await textOf(cards.nth(0), walmart.merchant);
  await page.getByLabel('Search merchant or text').fill('');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByLabel('Month').fill(lidl.date.slice(0, 7));
  await until(
    'the month filter',
    () => cards.count(),
    (n) => n === 1,
  );
  await textOf(cards.nth(0), lidl.merchant);
  await page.goto(`${app.url}/receipts`);
  await until(
    'both again',
    () => cards.count(),
    (n) => n === 2,
  );

  // The whole picture, and its download link.
  await page.getByRole('button', { name: `View the receipt from ${lidl.merchant}` }).click();
  const viewer = page.getByRole('dialog', { name: lidl.merchant });
  await viewer.waitFor();
  expect(await imagesLoaded('.receipt-viewer img')).toEqual([true]);
  await checkPage('receipts-viewer');
  const href = await viewer.getByRole('link', { name: 'Download' }).getAttribute('href');
  const download = await context.request.get(`${app.url}${href}`);
  expect(download.headers()['content-disposition']).toBe('attachment; filename="lidl.jpg"');
  await viewer.getByRole('button', { name: 'Close' }).click();

  // Kept for taxes, attached to the expense it was for.
  const lidlCard = cards.nth(0);
  await lidlCard.getByLabel('Kept for taxes').check();
  await until(
    'the tax mark stored',
    async () => (await pageGraphql(page, '{ receipts { nodes { taxKept } } }')).data,
    (d) => d.receipts.nodes[0].taxKept === true,
  );
  await lidlCard.getByRole('button', { name: 'Attach', exact: true }).click();
  await lidlCard.getByLabel('Expense').selectOption({ index: 1 });
  await checkPage('receipts-attach');
  await lidlCard.getByRole('button', { name: 'Attach receipt' }).click();
  await textOf(lidlCard, 'on “Weekly shop”');

  // Delete, after saying yes.
  await cards.nth(1).getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete this receipt?' });
  await confirm.waitFor();
  await checkPage('receipts-delete');
  await confirm.getByRole('button', { name: 'Delete receipt' }).click();
  await until(
    'one receipt left',
    () => cards.count(),
    (n) => n === 1,
  );
  await textOf(cards.nth(0), lidl.merchant);
});

test('no request left the app, and nothing was logged as an error', () => {
  expect(foreign).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
