import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  launchBrowser,
  screenshots,
  seriousViolations,
  settle,
  startApp,
  textOf,
  until,
  watchForeignRequests,
  type App,
} from './harness';

jest.setTimeout(90_000);

let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let foreign: string[];
const consoleErrors: string[] = [];

/** A GraphQL call with the browser's own session cookie, as a script would make it. */
async function gql(query: string, variables: Record<string, unknown> = {}) {
  const response = await context.request.post(`${app.url}/graphql`, {
    data: { query, variables },
    headers: { 'content-type': 'application/json' },
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const addExpense = (category: string, amount: string, date: string) =>
  gql('mutation($i: ExpenseInput!) { addExpense(input: $i) { category { name } } }', {
    i: { description: 'Bought', amount, category, date },
  });

const flash = () => page.getByTestId('flash');
const row = (name: string) =>
  page.locator('table.category-table tbody tr', {
    has: page.locator('td[data-label="Name"]', { hasText: new RegExp(`^${name}(Hidden)?$`) }),
  });

async function checkPage(name: string) {
  expect(await seriousViolations(page)).toEqual([]);
  const { sideways } = await screenshots(page, name);
  expect({ page: name, sideways }).toEqual({ page: name, sideways: false });
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  foreign = watchForeignRequests(context, app.url);
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  const input = {
    firstname: 'Grace',
    lastname: 'Hopper',
    email: 'grace@example.com',
    username: 'grace',
    password: 'compiler pioneer 1952',
  };
  await gql('mutation($input: RegisterInput!) { register(input: $input) { id } }', { input });
  await gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }', {
    u: input.username,
    p: input.password,
  });
  await addExpense('Snacks', '2.50', '2024-01-03');
  await addExpense('Snacks', '1.25', '2024-02-03');
  await addExpense('Food', '10', '2024-02-04');
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('the page lists every category with its use, from the navigation', async () => {
  await page.goto(`${app.url}/dashboard`);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Categories' })
    .click();
  await page.getByRole('heading', { name: 'Categories', level: 1 }).waitFor();
  await textOf(row('Snacks'), '2 transactions, last in Feb 2024');
  await textOf(row('Food'), '1 transaction, last in Feb 2024');
  await textOf(row('Rent'), 'Unused');
  await settle(page);
  await checkPage('categories');
});

test('rename inline; the old name still files expenses under it', async () => {
  await page.getByRole('button', { name: 'Rename Snacks' }).click();
  const input = page.getByLabel('New name for Snacks');
  await until(
    'focus in the name',
    () => input.evaluate((el) => el === document.activeElement),
    Boolean,
  );
  await input.fill('Treats');
  await page.getByRole('button', { name: 'Save' }).click();
  await textOf(flash(), 'Renamed “Snacks” to “Treats”');
  await textOf(row('Treats'), '2 transactions');
  expect(await row('Snacks').count()).toBe(0);
  expect(await addExpense('snacks', '1', '2024-03-01')).toEqual({
    addExpense: { category: { name: 'Treats' } },
  });
});

test('merge asks first, saying how many transactions move, then moves them', async () => {
  await page.reload();
  await textOf(row('Treats'), '3 transactions');
  await page.getByRole('button', { name: 'Merge Treats into another category' }).click();
  await page.getByLabel('Into', { exact: true }).selectOption({ label: 'Food' });
  await page.getByRole('button', { name: 'Merge…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge “Treats” into “Food”?' });
  await textOf(dialog, '3 transactions move from “Treats” to “Food”');
  await settle(page);
  await checkPage('categories-merge-dialog');
  // Cancel first: nothing moves.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await dialog.count()).toBe(0);
  await textOf(row('Treats'), '3 transactions');

  await page.getByRole('button', { name: 'Merge…' }).click();
  await dialog.getByRole('button', { name: 'Move 3 transactions and merge' }).click();
  await textOf(flash(), 'Merged “Treats” into “Food”: 3 transactions moved.');
  await textOf(row('Food'), '4 transactions');
  expect(await row('Treats').count()).toBe(0);
  // Both old names now file into Food.
  for (const name of ['treats', 'SNACKS']) {
    expect(await addExpense(name, '1', '2024-03-02')).toEqual({
      addExpense: { category: { name: 'Food' } },
    });
  }
});

test('hide takes a category out of the expense form’s picker; unhide brings it back', async () => {
  const pickerHas = async (name: string) => {
    await page.goto(`${app.url}/add_expense`);
    await page.getByLabel('Description').waitFor();
    await settle(page);
    return page.locator(`datalist option[value=${JSON.stringify(name)}]`).count();
  };
  expect(await pickerHas('Rent')).toBe(1);
  await page.goto(`${app.url}/categories`);
  await page.getByRole('button', { name: 'Hide Rent' }).click();
  await textOf(flash(), '“Rent” is hidden from pickers.');
  await textOf(row('Rent'), 'Hidden');
  await checkPage('categories-hidden');
  expect(await pickerHas('Rent')).toBe(0);
  expect(await pickerHas('Food')).toBe(1);

  await page.goto(`${app.url}/categories`);
  await page.getByRole('button', { name: 'Unhide Rent' }).click();
  await textOf(flash(), '“Rent” shows in pickers again.');
  expect(await pickerHas('Rent')).toBe(1);
});

test('delete: an unused category goes; a used one stays, with the server’s reason', async () => {
  await page.goto(`${app.url}/categories`);
  await page.getByRole('button', { name: 'Delete Loan' }).click();
  await textOf(flash(), 'Deleted “Loan”.');
  await until(
    'Loan gone',
    () => row('Loan').count(),
    (n) => n === 0,
  );
  await page.getByRole('button', { name: 'Delete Food' }).click();
  await textOf(flash(), 'This category still has expenses; move or delete them first');
  expect(await row('Food').count()).toBe(1);
});

test('nothing came from another origin, and the console stayed clean', () => {
  expect(foreign).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
