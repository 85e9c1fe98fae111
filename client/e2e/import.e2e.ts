import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  PHONE,
  DESKTOP,
  launchBrowser,
  pageGraphql,
  pathIs,
  screenshots,
  seriousViolations,
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
let dir: string;
const consoleErrors: string[] = [];

/** A German bank's export: semicolons, decimal commas, and days that could be months. */
const CSV = [
  'Buchungstag;Verwendungszweck;Betrag',
  '03/04/2024;Bäckerei Schmidt;-4,20',
  '05/04/2024;Gehalt April;2.500,00',
  '11/04/2024;Miete;-950,00',
  '11/04/2024;Bäckerei Schmidt;-4,20',
].join('\r\n');

/** An OFX 1.x (SGML) statement as banks still send them: no closing tags on the values. */
const OFX = [
  'OFXHEADER:100',
  'DATA:OFXSGML',
  'VERSION:102',
  'SECURITY:NONE',
  'ENCODING:USASCII',
  'CHARSET:1252',
  'COMPRESSION:NONE',
  'OLDFILEUID:NONE',
  'NEWFILEUID:NONE',
  '',
  '<OFX>',
  '<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20240501<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>',
  '<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>',
  '<STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>121000248<ACCTID>99887766<ACCTTYPE>CHECKING</BANKACCTFROM>',
  '<BANKTRANLIST><DTSTART>20240401<DTEND>20240430',
  '<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240412<TRNAMT>-42.10<FITID>A-1001<NAME>Grocery Mart</STMTTRN>',
  '<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20240415<TRNAMT>120.00<FITID>A-1002<NAME>Refund Shop</STMTTRN>',
  '</BANKTRANLIST><LEDGERBAL><BALAMT>1000.00<DTASOF>20240430</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1>',
  '</OFX>',
].join('\n');

async function accountsByName(): Promise<Record<string, string>> {
  const answer = await pageGraphql(page, '{ accounts { id name } }');
  return Object.fromEntries(
    (answer.data.accounts as { id: string; name: string }[]).map((a) => [a.name, a.id]),
  );
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-e2e-'));
  fs.writeFileSync(path.join(dir, 'umsaetze.csv'), CSV);
  fs.writeFileSync(path.join(dir, 'checking.ofx'), OFX);
  context = await browser.newContext({ viewport: DESKTOP });
  foreign = watchForeignRequests(context, app.url);
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await signUpInPage(page, app, {
    firstname: 'Ina',
    lastname: 'Porter',
    email: 'ina@example.com',
    username: 'ina',
    password: 'statements 2024',
  });
  const created = await pageGraphql(
    page,
    'mutation { createAccount(input: { name: "Checking", type: CHECKING, currency: "USD" }) { id } }',
  );
  expect(created.errors).toBeUndefined();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('a CSV with ambiguous dates is mapped, previewed, imported and linked to its rows', async () => {
  await page.goto(`${app.url}/dashboard`);
  await page.getByRole('link', { name: 'Import' }).first().click();
  await pathIs(page, '/import');
  await page.getByLabel('Into account').selectOption({ label: 'Main account (USD)' });
  await page.getByLabel('Bank statement').setInputFiles(path.join(dir, 'umsaetze.csv'));

  // 03/04 and 05/04 and 11/04 fit both day-first and month-first: the page asks.
  await textOf(page.locator('.import-summary'), '4 rows');
  await textOf(page.locator('.import-mapping'), 'choose one');
  expect(await page.getByRole('button', { name: /Fix the errors/ }).isDisabled()).toBe(true);
  await screenshots(page, 'import-ambiguous');

  await page.getByLabel('Date format').selectOption('DD/MM/YYYY');
  await until(
    'the errors to go',
    () => page.locator('.import-errors').count(),
    (count) => count === 0,
  );
  await textOf(page.locator('table.import-rows tbody tr').first(), 'Bäckerei Schmidt');
  const firstRow = await page.locator('table.import-rows tbody tr').first().innerText();
  expect(firstRow).toMatch(/Apr 3, 2024|3 Apr 2024|4\/3\/2024/);
  expect(firstRow).toContain('4.20');
  const rows = await page.locator('table.import-rows tbody tr').allInnerTexts();
  expect(rows).toHaveLength(4);
  expect(rows[1]).toMatch(/2,500\.00/);
  await screenshots(page, 'import-preview');
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Import 4 transactions' }).click();
  await textOf(page.locator('.import-result'), 'Imported 4 transactions');
  await screenshots(page, 'import-done');
  await page.getByRole('link', { name: 'See the imported transactions' }).click();
  const ids = await accountsByName();
  await pathIs(page, `/transactions?account=${ids['Main account']}`);
  await textOf(page.locator('main'), 'Showing 4 of 4 transactions');
  await textOf(page.locator('main'), 'Miete');
});

test('an OFX statement goes into its account; the same file again imports nothing', async () => {
  await page.goto(`${app.url}/import`);
  await page.getByLabel('Into account').selectOption({ label: 'Checking (USD)' });
  await page.getByLabel('Bank statement').setInputFiles(path.join(dir, 'checking.ofx'));
  await textOf(page.locator('.import-summary'), 'OFX');
  await textOf(page.locator('.import-summary'), '2 rows, 0 already imported');
  // An OFX file has no columns to map.
  expect(await page.locator('.import-mapping').count()).toBe(0);
  await textOf(page.locator('table.import-rows'), 'Grocery Mart');
  await page.getByRole('button', { name: 'Import 2 transactions' }).click();
  await textOf(page.locator('.import-result'), 'Imported 2 transactions');

  await page.goto(`${app.url}/import`);
  await page.getByLabel('Into account').selectOption({ label: 'Checking (USD)' });
  await page.getByLabel('Bank statement').setInputFiles(path.join(dir, 'checking.ofx'));
  await textOf(page.locator('.import-summary'), '2 rows, 2 already imported');
  await textOf(page.locator('table.import-rows'), 'Already imported');
  await page.setViewportSize(PHONE);
  await screenshots(page, 'import-duplicates');
  expect(await page.getByRole('button', { name: 'Nothing new to import' }).isDisabled()).toBe(true);

  // The OFX names its bank account: the same file into another account is refused.
  await page.goto(`${app.url}/import`);
  await page.getByLabel('Into account').selectOption({ label: 'Main account (USD)' });
  await page.getByLabel('Bank statement').setInputFiles(path.join(dir, 'checking.ofx'));
  await textOf(page.locator('.field-error'), 'imported into "Checking"');
  await screenshots(page, 'import-other-account');

  const answer = await pageGraphql(page, '{ transactions(filter: {}) { totalCount } }');
  expect(answer.data.transactions.totalCount).toBe(6);
  expect(foreign).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
