import type { Browser, BrowserContext, Page } from 'playwright-core';
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
let brokerId: string;
const consoleErrors: string[] = [];

const holdingRows = () => page.locator('table.holdings-table tbody tr');
const tradeRows = () => page.locator('table.trades-table tbody tr');
const flash = () => page.getByTestId('flash');
const allocationLegend = () =>
  page.locator('figure', { hasText: 'Allocation' }).locator('.apexcharts-legend');

async function api(query: string, variables: Record<string, unknown> = {}) {
  const answer = await pageGraphql(page, query, variables);
  expect(answer.errors).toBeUndefined();
  return answer.data;
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  foreign = watchForeignRequests(context, app.url);
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await signUpInPage(page, app, {
    firstname: 'Port',
    lastname: 'Folio',
    email: 'portfolio@example.com',
    username: 'portfolio',
    password: 'holdings and lots 2024',
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('without an investment account the page says how to start', async () => {
  await page.goto(`${app.url}/dashboard`);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Portfolio' })
    .click();
  await textOf(page.locator('h1'), 'Portfolio');
  await textOf(page.locator('.state-empty h2'), 'No investment account yet');
});

test('a seeded portfolio shows holdings, returns and its three charts', async () => {
  const { createAccount } = await api(
    'mutation { createAccount(input: { name: "Broker", type: INVESTMENT, currency: "USD" }) { id } }',
  );
  brokerId = createAccount.id;
  const trade = (symbol: string, side: string, quantity: string, price: string, date: string) =>
    api('mutation($input: TradeInput!) { addTrade(input: $input) { id } }', {
      input: { accountId: brokerId, symbol, side, quantity, price, date },
    });
  await trade('VTI', 'BUY', '20', '200', '2024-01-02');
  await trade('BND', 'BUY', '30', '72.5', '2024-02-01');
  await trade('VTI', 'SELL', '5', '230', '2024-05-01');
  await api(
    'mutation { updateSecurity(symbol: "BND", input: { name: "Total Bond Market", assetClass: BOND }) { id } }',
  );
  for (const [month, vti, bnd] of [
    ['2024-03-28', '215', '71.9'],
    ['2024-06-28', '236.4', '72.4'],
  ]) {
    await api(
      `mutation { a: setPrice(symbol: "VTI", date: "${month}", price: "${vti}") b: setPrice(symbol: "BND", date: "${month}", price: "${bnd}") }`,
    );
  }
  for (const [date, amount] of [
    ['2024-03-27', '18.40'],
    ['2024-06-26', '19.10'],
  ]) {
    await api('mutation($input: DividendInput!) { addDividend(input: $input) { id } }', {
      input: { accountId: brokerId, symbol: 'VTI', amount, date },
    });
  }
  await page.reload();
  await page.getByLabel('To', { exact: true }).fill('2024-06-30');
  await until(
    'two holdings',
    () => holdingRows().allInnerTexts(),
    (rows) => rows.length === 2 && rows[0].includes('3,546.00'),
  );
  const rows = (await holdingRows().allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
  // VTI: 15 x 236.40 = 3,546.00 against 15 x 200 = 3,000.00; sold 5 at 230: +150.00 realised.
  expect(rows[0]).toMatch(
    /VTI.*15.*236\.4.*\$3,000\.00.*\$3,546\.00.*\$546\.00.*realised \$150\.00/,
  );
  expect(rows[1]).toMatch(
    /BND Total Bond Market.*Bond.*30.*72\.4.*\$2,175\.00.*\$2,172\.00.*-\$3\.00/,
  );
  await textOf(page.locator('.stat-grid'), '$5,718.00');
  await textOf(page.locator('.stat-grid'), 'Time-weighted return');
  await page.locator('.apexcharts-donut, .apexcharts-pie').first().waitFor();
  await page.locator('.apexcharts-area-series').first().waitFor();
  await page.locator('.apexcharts-bar-series').first().waitFor();
  // Dividends in March and June: April and May are bars of 0 between them, not left out.
  const dividendAxis = page
    .locator('figure', { hasText: 'Dividends by month' })
    .locator('.apexcharts-xaxis');
  await textOf(dividendAxis, /Mar 24.*Apr 24.*May 24.*Jun 24/s);
  await page.getByRole('radio', { name: 'Holding' }).check();
  await textOf(allocationLegend(), 'VTI');
  await page.getByRole('radio', { name: 'Asset class' }).check();
  await textOf(allocationLegend(), 'Bond');
  await settle(page);
  expect(await seriousViolations(page)).toEqual([]);
  expect((await screenshots(page, 'portfolio')).sideways).toBe(false);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect((await screenshots(page, 'portfolio-dark')).sideways).toBe(false);
  await page.emulateMedia({ colorScheme: 'light' });
});

test('the trade form shows mistakes beside their fields and a sell of too much is refused', async () => {
  const form = page.getByRole('form', { name: 'Add a trade' });
  await form.getByLabel('Symbol').fill('VTI');
  await form.getByLabel('Quantity').fill('1.123456789');
  await form.getByLabel('Price').fill('-3');
  await form.getByRole('button', { name: 'Add trade' }).click();
  await textOf(form.locator('.field-error').first(), 'at most 8 decimal places');
  await textOf(form.locator('.field-error').nth(1), 'must not be negative');
  // Passes the form's checks; the server refuses it, on its field.
  await form.getByLabel('Side').selectOption('SELL');
  await form.getByLabel('Quantity').fill('16');
  await form.getByLabel('Price').fill('240');
  await form.getByLabel('Day').fill('2024-06-28');
  await form.getByRole('button', { name: 'Add trade' }).click();
  await textOf(form.locator('.field-error'), 'Cannot sell more than is held on 2024-06-28');
  await form.getByLabel('Side').selectOption('BUY');
  await form.getByLabel('Quantity').fill('2');
  await form.getByLabel('Fees').fill('1.50');
  await form.getByRole('button', { name: 'Add trade' }).click();
  await textOf(flash(), 'Bought 2 VTI.');
  await until(
    '17 VTI',
    () => holdingRows().first().innerText(),
    (t) => /\b17\b/.test(t),
  );
  await textOf(tradeRows().first(), 'Buy');
  await textOf(tradeRows().first(), '-$481.50');
});

test('a trade is edited and deleted from the list', async () => {
  await tradeRows()
    .first()
    .getByRole('button', { name: /^Edit buy of VTI/ })
    .click();
  const edit = page.getByRole('form', { name: 'Edit trade' });
  await edit.getByLabel('Quantity').fill('3');
  await edit.getByRole('button', { name: 'Save trade' }).click();
  await textOf(flash(), 'Bought 3 VTI.');
  await until(
    '18 VTI',
    () => holdingRows().first().innerText(),
    (t) => /\b18\b/.test(t),
  );
  await tradeRows()
    .first()
    .getByRole('button', { name: /^Delete buy of VTI/ })
    .click();
  await textOf(flash(), 'Trade deleted.');
  await until(
    '15 VTI',
    () => holdingRows().first().innerText(),
    (t) => /\b15\b/.test(t),
  );
});

test('dividend, split, price by hand and a price file, each through its form', async () => {
  const dividend = page.getByRole('form', { name: 'Add a dividend' });
  await dividend.getByLabel('Symbol').fill('BND');
  await dividend.getByLabel('Amount').fill('6.25');
  await dividend.getByLabel('Day').fill('2024-06-27');
  await dividend.getByRole('button', { name: 'Add dividend' }).click();
  await textOf(flash(), 'Dividend added as income.');
  await textOf(page.locator('.stat-grid'), '$43.75');

  const split = page.getByRole('form', { name: 'Add a split' });
  await split.getByLabel('Symbol').fill('VTI');
  await split.getByLabel('Ratio').fill('0');
  await split.getByRole('button', { name: 'Add split' }).click();
  await textOf(split.locator('.field-error'), 'Ratio must not be 0');
  await split.getByLabel('Ratio').fill('3:2');
  await split.getByLabel('Day').fill('2024-06-29');
  await split.getByRole('button', { name: 'Add split' }).click();
  await textOf(flash(), 'Split 3:2 recorded.');

  const price = page.getByRole('form', { name: 'Set a price' });
  await price.getByLabel('Symbol').fill('VTI');
  await price.getByLabel('Close').fill('160');
  await price.getByLabel('Day').fill('2024-06-30');
  await price.getByRole('button', { name: 'Save price' }).click();
  await textOf(flash(), 'Price of VTI saved.');
  // 15 x 3/2 = 22.5 shares at 160 = 3,600.00.
  await until(
    'split and priced',
    () => holdingRows().first().innerText(),
    (t) => t.includes('22.5') && t.includes('$3,600.00'),
  );

  const file = page.getByRole('form', { name: 'Import prices' });
  await file.locator('input[type="file"]').setInputFiles({
    name: 'closes.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('date,symbol,close\n2024-06-30,BND,73\n2024-06-30,NOPE,1\n'),
  });
  await file.getByRole('button', { name: 'Import prices' }).click();
  await textOf(file.locator('[role="alert"]'), 'Unknown symbols: NOPE');
  await file.locator('input[type="file"]').setInputFiles({
    name: 'closes.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('date,symbol,close\n2024-06-30,BND,73\n'),
  });
  await file.getByRole('button', { name: 'Import prices' }).click();
  await textOf(flash(), '1 price imported from closes.csv.');
  await until(
    'BND at 73',
    () => holdingRows().nth(1).innerText(),
    (t) => t.includes('$2,190.00'),
  );
  await settle(page);
  expect(await seriousViolations(page)).toEqual([]);
  expect((await screenshots(page, 'portfolio-after')).sideways).toBe(false);
});

test('the dashboard net worth counts the holdings', async () => {
  const { netWorth } = await api('{ netWorth(months: 1) { netWorth } }');
  // Cash: dividends 43.75 and trades' net cash -(4000 + 2175) + 1150 = -5025; holdings today
  // 3600 + 2190 = 5790 (latest prices): 43.75 - 5025 + 5790 = 808.75.
  expect(netWorth[0].netWorth).toBe('808.75');
  // The dashboard shows it, though this user has no budget or spending: holdings are enough.
  await page.goto(`${app.url}/dashboard`);
  await textOf(
    page.locator('figure', { hasText: 'Net worth' }).locator('figcaption'),
    /net worth \$808\.75/,
  );
  // So does the broker's line under Account balances: the same worth, holdings included.
  const broker = page.locator('.balance-list li', { hasText: 'Broker' });
  await textOf(broker, '$808.75');
  await textOf(broker, 'with holdings');
  await broker.scrollIntoViewIfNeeded();
  expect((await screenshots(page, 'portfolio-dashboard-worth')).sideways).toBe(false);
  await page.goto(`${app.url}/accounts`);
  await textOf(
    page.getByRole('row', { name: /Broker/ }),
    /\$43\.75\s*worth \$808\.75 with holdings/,
  );
  expect((await screenshots(page, 'portfolio-accounts-worth')).sideways).toBe(false);
  await page.goto(`${app.url}/portfolio`);
});

test('the trade list loads its older trades on demand', async () => {
  for (let day = 1; day <= 20; day++) {
    await api('mutation($input: TradeInput!) { addTrade(input: $input) { id } }', {
      input: {
        accountId: brokerId,
        symbol: 'VTI',
        side: 'BUY',
        quantity: '0.1',
        price: '150',
        date: `2023-12-${String(day).padStart(2, '0')}`,
      },
    });
  }
  await page.reload();
  await until(
    'a first page',
    () => tradeRows().count(),
    (n) => n === 20,
  );
  await page.getByRole('button', { name: 'Load more' }).click();
  // 3 seeded trades (one edited away and deleted) and these 20.
  await until(
    'every trade',
    () => tradeRows().count(),
    (n) => n === 23,
  );
  await textOf(tradeRows().last(), 'Dec 1, 2023');
  expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
});

test('no request left the app, and nothing failed in the page', () => {
  expect(foreign).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
