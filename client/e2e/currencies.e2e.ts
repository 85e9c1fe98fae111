import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  launchBrowser,
  pageGraphql,
  signUpInPage,
  pathIs,
  screenshots,
  seriousViolations,
  settle,
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
const today = new Date().toISOString().slice(0, 10);

const graphql = (query: string, variables: Record<string, unknown> = {}) =>
  pageGraphql(page, query, variables);

async function visit(path: string) {
  await page.goto(`${app.url}${path}`);
  await page.locator('h1').first().waitFor();
  await settle(page);
}

/** axe, then screenshots at both widths, light and dark, none scrolling sideways. */
async function checkPage(name: string) {
  expect(await seriousViolations(page)).toEqual([]);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const { sideways } = await screenshots(page, `currencies-${name}-${scheme}`);
    expect({ page: name, scheme, sideways }).toEqual({ page: name, scheme, sideways: false });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const flash = () => page.getByTestId('flash');
const accountRow = (name: string) =>
  page.locator('table.account-table tbody tr', { has: page.getByRole('link', { name }) });
const missingRate = () => page.getByRole('group', { name: 'Exchange rate needed' });

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  foreign = watchForeignRequests(context, new URL(app.url).origin);
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await signUpInPage(page, app, {
    firstname: 'Ada',
    lastname: 'Lovelace',
    email: 'ada@example.com',
    username: 'ada',
    password: 'analytical engine 1843',
  });
  const paid = await graphql(
    `
      mutation ($input: IncomeInput!) {
        addIncome(input: $input) {
          id
        }
      }
    `,
    { input: { description: 'Salary', amount: '1000', date: today } },
  );
  expect(paid.errors).toBeUndefined();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('a EUR account is added beside the USD main account', async () => {
  await visit('/accounts');
  await textOf(accountRow('Main account').locator('td[data-label="Balance"]'), '$1,000.00');
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByLabel('Name').fill('Euro cash');
  await page.getByLabel('Type').selectOption('CASH');
  await page.getByLabel('Currency').selectOption('EUR');
  await page
    .getByRole('form', { name: 'New account' })
    .getByRole('button', { name: 'Add account' })
    .click();
  await textOf(flash(), 'Added “Euro cash”.');
  await textOf(accountRow('Euro cash').locator('td[data-label="Balance"]'), '€0.00');
});

test('a transfer USD -> EUR takes both amounts and moves both balances', async () => {
  await visit('/transactions/transfer');
  await page.getByLabel('From account').selectOption({ label: 'Main account (USD)' });
  await page.getByLabel('To account').selectOption({ label: 'Euro cash (EUR)' });
  await page.getByLabel('Amount sent (USD)').fill('108.25');
  await page.getByLabel('Amount arrived (EUR)').fill('100');
  await checkPage('transfer');
  // Between currencies the arriving amount is required: refused before anything is sent.
  await page.getByLabel('Amount arrived (EUR)').fill('');
  await page.getByRole('button', { name: 'Transfer', exact: true }).click();
  await textOf(page.locator('.field-error').first(), 'Enter an amount');
  await page.getByLabel('Amount arrived (EUR)').fill('100');
  await page.getByRole('button', { name: 'Transfer', exact: true }).click();
  await textOf(flash(), 'Transfer recorded.');
  await pathIs(page, '/transactions');
  await visit('/accounts');
  await textOf(accountRow('Main account').locator('td[data-label="Balance"]'), '$891.75');
  await textOf(accountRow('Euro cash').locator('td[data-label="Balance"]'), '€100.00');
});

test('an expense in EUR on the USD account: the missing rate is entered in place, then it saves', async () => {
  await visit('/add_expense');
  const account = page.getByLabel('Account', { exact: true });
  expect(await account.inputValue()).not.toBe('');
  await account.selectOption({ label: 'Euro cash (EUR)' });
  expect(await page.getByLabel('Currency').inputValue()).toBe('EUR');
  // Back to the USD account: the currency follows it, and is then chosen by hand.
  await account.selectOption({ label: 'Main account (USD)' });
  expect(await page.getByLabel('Currency').inputValue()).toBe('USD');
  await page.getByLabel('Currency').selectOption('EUR');
  await page.getByLabel('Description').fill('Museum tickets');
  await page.getByLabel('Amount (EUR)').fill('12');
  await page.getByLabel('Category').fill('Culture');
  await page.getByLabel('Date').fill(today);
  await page.getByRole('button', { name: 'Add expense', exact: true }).click();
  await page.getByRole('button', { name: 'Create category' }).click();

  await textOf(missingRate(), `No EUR->USD exchange rate on or before ${today}`);
  const rate = page.getByLabel(`1 EUR = how many USD on ${today}`);
  await until(
    'the rate field to have the focus',
    () => rate.evaluate((el) => el === document.activeElement),
    (focused) => focused,
  );
  // What was typed is all still there while the rate is asked for.
  expect(await page.getByLabel('Description').inputValue()).toBe('Museum tickets');
  expect(await page.getByLabel('Amount (EUR)').inputValue()).toBe('12');
  expect(await page.getByLabel('Account', { exact: true }).inputValue()).toBe(
    await page
      .getByLabel('Account', { exact: true })
      .locator('option', { hasText: 'Main account' })
      .getAttribute('value'),
  );
  await rate.fill('1.0825');
  await checkPage('missing-rate');

  await page.getByRole('button', { name: 'Save rate and retry' }).click();
  await textOf(flash(), 'Expense added successfully! €12.00 is $12.99 in USD.');
  await pathIs(page, '/dashboard');

  await visit('/expenses');
  const row = page.locator('table.expense-table tbody tr', { hasText: 'Museum tickets' });
  await textOf(row.locator('td[data-label="Amount"]'), '€12.00');
  await textOf(row.locator('td[data-label="Amount"] .money-reporting'), '$12.99');
  await checkPage('expenses');

  // The rate is now stored: the rates page lists it as entered by hand.
  await visit('/rates');
  await textOf(page.locator('table.rate-table tbody'), 'EUR → USD');
  await textOf(page.locator('table.rate-table tbody'), '1.0825');

  // Editing keeps the account and the currency.
  await visit('/expenses');
  await row.getByRole('link', { name: 'Edit Museum tickets' }).click();
  await page.getByLabel('Description').waitFor();
  expect(await page.getByLabel('Currency').inputValue()).toBe('EUR');
  expect(await page.getByLabel('Amount (EUR)').inputValue()).toBe('12.00');
  await textOf(
    page.getByLabel('Account', { exact: true }).locator('option:checked'),
    'Main account (USD)',
  );

  await visit('/accounts');
  await textOf(accountRow('Main account').locator('td[data-label="Balance"]'), '$878.76');
  await textOf(accountRow('Euro cash').locator('td[data-label="Balance"]'), '€100.00');
  expect(foreign).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test('income and transfer forms offer the missing rate in place too', async () => {
  // Before the only stored EUR->USD rate: income into the EUR account needs that day's rate.
  await visit('/transactions/income');
  await page.getByLabel('Description').fill('Refund');
  await page.getByLabel('Into account').selectOption({ label: 'Euro cash (EUR)' });
  await page.getByLabel('Amount (EUR)').fill('20');
  await page.getByLabel('Date').fill('2024-05-03');
  await page.getByRole('button', { name: 'Add income' }).click();
  await textOf(missingRate(), 'No EUR->USD exchange rate on or before 2024-05-03');
  // Not a rate: refused beside it, the income still unsaved.
  await page.getByLabel('1 EUR = how many USD on 2024-05-03').fill('-1');
  await page.getByRole('button', { name: 'Save rate and retry' }).click();
  await textOf(missingRate(), 'Enter a positive number such as 1.0825');
  await page.getByLabel('1 EUR = how many USD on 2024-05-03').fill('1.07');
  await page.getByLabel('1 EUR = how many USD on 2024-05-03').press('Enter');
  await textOf(flash(), 'Income added.');
  await pathIs(page, '/transactions');

  // A day earlier still: the transfer out of the EUR account needs 2024-05-02's rate.
  await visit('/transactions/transfer');
  await page.getByLabel('From account').selectOption({ label: 'Euro cash (EUR)' });
  await page.getByLabel('To account').selectOption({ label: 'Main account (USD)' });
  await page.getByLabel('Amount sent (EUR)').fill('10');
  await page.getByLabel('Amount arrived (USD)').fill('10.80');
  await page.getByLabel('Date').fill('2024-05-02');
  await page.getByRole('button', { name: 'Transfer', exact: true }).click();
  await textOf(missingRate(), 'No EUR->USD exchange rate on or before 2024-05-02');
  await page.getByLabel('1 EUR = how many USD on 2024-05-02').fill('1.08');
  await page.getByRole('button', { name: 'Save rate and retry' }).click();
  await textOf(flash(), 'Transfer recorded.');

  await visit('/accounts');
  await textOf(accountRow('Main account').locator('td[data-label="Balance"]'), '$889.56');
  await textOf(accountRow('Euro cash').locator('td[data-label="Balance"]'), '€110.00');
  expect(consoleErrors).toEqual([]);
});
