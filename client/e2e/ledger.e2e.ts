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
  type App,
} from './harness';

jest.setTimeout(120_000);

let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

/** The operation names of the GraphQL requests the page sends, in order, as they happen. */
const operations: string[] = [];

/**
 * The requests a page makes for itself: not the layout's own (the session check, the bell's
 * unread count, which polls, the settings read once for the time zone, and the ledger
 * switcher's list of ledgers).
 */
const isPageRequest = (name: string) =>
  !['Me', 'UnreadNotificationCount', 'UserSettings', 'Ledgers'].includes(name);

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
    const { sideways } = await screenshots(page, `ledger-${name}-${scheme}`);
    expect({ page: name, scheme, sideways }).toEqual({ page: name, scheme, sideways: false });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const flash = () => page.getByTestId('flash');
const nav = () => page.getByRole('navigation', { name: 'Main' });
const accountRow = (name: string) =>
  page.locator('table.account-table tbody tr', { has: page.getByRole('link', { name }) });
const stat = (label: string) =>
  page
    .locator('.stat', { has: page.getByRole('heading', { name: label, exact: true }) })
    .locator('.stat-value');

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  page.on('request', (request) => {
    if (new URL(request.url()).pathname !== '/graphql' || request.method() !== 'POST') return;
    const body = request.postDataJSON() as { operationName?: string } | null;
    operations.push(body?.operationName ?? '(anonymous)');
  });
  await signUpInPage(page, app, {
    firstname: 'Grace',
    lastname: 'Hopper',
    email: 'grace@example.com',
    username: 'grace',
    password: 'compiler pioneer 1952',
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('accounts: the default account is listed; a new one is added with its opening balance', async () => {
  await visit('/accounts');
  await textOf(accountRow('Main account').locator('td[data-label="Balance"]'), '$0.00');
  await page.getByRole('button', { name: 'Add account' }).click();
  // Empty name: refused beside the field, before anything is sent.
  await page
    .getByRole('form', { name: 'New account' })
    .getByRole('button', { name: 'Add account' })
    .click();
  await textOf(page.locator('.field-error').first(), 'Name the account');
  await page.getByLabel('Name').fill('Savings');
  await page.getByLabel('Type').selectOption('SAVINGS');
  await page.getByLabel('Opening balance').fill('100');
  await page
    .getByRole('form', { name: 'New account' })
    .getByRole('button', { name: 'Add account' })
    .click();
  await textOf(flash(), 'Added “Savings”.');
  await textOf(accountRow('Savings').locator('td[data-label="Balance"]'), '$100.00');
  // A second account with the same name: the server's message, beside the name.
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByLabel('Name').fill('savings');
  await page
    .getByRole('form', { name: 'New account' })
    .getByRole('button', { name: 'Add account' })
    .click();
  await textOf(page.locator('.field-error').first(), 'An account with this name already exists');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await checkPage('accounts');
});

test('income: added through the form, listed, and in the balance', async () => {
  await nav().getByRole('link', { name: 'Transactions' }).click();
  await pathIs(page, '/transactions');
  await page.getByRole('link', { name: 'Add income' }).click();
  await pathIs(page, '/transactions/income');
  await page.getByRole('button', { name: 'Add income' }).click();
  await textOf(page.locator('.field-error').first(), 'Say where the money came from');
  await page.getByLabel('Description').fill('Salary');
  await page.getByLabel('Amount (USD)').fill('2500.5');
  await page.getByRole('button', { name: 'Add income' }).click();
  await textOf(flash(), 'Income added.');
  await pathIs(page, '/transactions');
  const row = page.locator('table.transaction-table tbody tr', { hasText: 'Salary' });
  await textOf(row.locator('td[data-label="Amount"]'), '$2,500.50');
  await textOf(row.locator('td[data-label="Kind"]'), 'Income');
});

test('transfer between two USD accounts: no arriving amount asked; both balances move', async () => {
  await page.getByRole('link', { name: 'Transfer' }).click();
  await pathIs(page, '/transactions/transfer');
  await page.getByLabel('From account').selectOption({ label: 'Main account (USD)' });
  await page.getByLabel('To account').selectOption({ label: 'Savings (USD)' });
  expect(await page.getByLabel(/Amount arrived/).count()).toBe(0);
  await page.getByLabel('Amount sent (USD)').fill('300.25');
  await checkPage('transfer-form');
  await page.getByRole('button', { name: 'Transfer', exact: true }).click();
  await textOf(flash(), 'Transfer recorded.');
  // Filtered by kind through the address: only the transfer.
  await visit('/transactions?kind=TRANSFER');
  const rows = page.locator('table.transaction-table tbody tr');
  await textOf(rows.first(), 'Main account → Savings');
  expect(await rows.count()).toBe(1);
  expect(await page.getByLabel('Kind').inputValue()).toBe('TRANSFER');
  await visit('/transactions');
  expect(await rows.count()).toBe(2);
  await checkPage('transactions');
  await nav().getByRole('link', { name: 'Accounts' }).click();
  await textOf(accountRow('Main account').locator('td[data-label="Balance"]'), '$2,200.25');
  await textOf(accountRow('Savings').locator('td[data-label="Balance"]'), '$400.25');
});

test('an account with transactions cannot be deleted: the server says so', async () => {
  await accountRow('Savings').getByRole('button', { name: 'Delete Savings' }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await textOf(flash(), 'This account has transactions; archive it instead');
  await accountRow('Savings').getByRole('button', { name: 'Archive Savings' }).click();
  await textOf(flash(), 'Archived “Savings”.');
  await page.getByRole('heading', { name: 'Archived' }).waitFor();
  await accountRow('Savings').getByRole('button', { name: 'Unarchive Savings' }).click();
  await textOf(flash(), 'Reopened “Savings”.');
});

test('dashboard: income, spent and net for the month, balances, in one GraphQL request', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const spent = await graphql(
    `
      mutation ($input: ExpenseInput!) {
        addExpense(input: $input) {
          id
        }
      }
    `,
    { input: { description: 'Groceries', amount: '40.50', category: 'Food', date: today } },
  );
  expect(spent.errors).toBeUndefined();

  // Moving to the dashboard inside the app: one request, for everything on it.
  operations.length = 0;
  await nav().getByRole('link', { name: 'Dashboard' }).click();
  await pathIs(page, '/dashboard');
  await page.locator('[data-testid="dashboard-charts"] .apexcharts-canvas').first().waitFor();
  await settle(page);
  expect(operations.filter(isPageRequest)).toEqual(['Dashboard']);

  // Opening it afresh: the session check, then the same one request.
  operations.length = 0;
  await visit('/dashboard');
  await page.locator('[data-testid="dashboard-charts"] .apexcharts-canvas').first().waitFor();
  await settle(page);
  expect(operations.filter(isPageRequest)).toEqual(['Dashboard']);

  await textOf(stat('Income'), '$2,500.50');
  await textOf(stat('Spent'), '$40.50');
  await textOf(stat('Net'), '$2,460.00');
  const balances = page.locator('.balance-list');
  await textOf(balances, 'Main account');
  await textOf(balances, '$2,159.75');
  await textOf(balances, '$400.25');
  await textOf(page.getByRole('figure', { name: /Net worth/ }), 'Net worth');
  await checkPage('dashboard');
  expect(consoleErrors).toEqual([]);
});
