import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addMonths, currentMonth, formatMonth } from '../src/lib/dates';
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

jest.setTimeout(120_000);

// Carry-over fills months up to the current one only, so the months are relative to today.
const month = currentMonth();
const previous = addMonths(month, -1);
const older = addMonths(month, -3);
const filledByCarryOver = addMonths(month, -2);

let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let foreign: string[];
const consoleErrors: string[] = [];

/** The API with the browser's own session cookie, for setting the scene and checking results. */
async function api(query: string, variables: Record<string, unknown> = {}) {
  const response = await context.request.post(`${app.url}/graphql`, {
    data: { query, variables },
    headers: { 'content-type': 'application/json' },
  });
  const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as Record<string, any>;
}

async function visit(path: string) {
  await page.goto(`${app.url}${path}`);
  await page.locator('h1').first().waitFor();
  await settle(page);
}

const flash = () => page.getByTestId('flash');
const section = (heading: string) =>
  page.locator('section.card', { has: page.getByRole('heading', { name: heading, exact: true }) });

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  foreign = watchForeignRequests(context, app.url);
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));

  const input = {
    firstname: 'Grace',
    lastname: 'Hopper',
    email: 'grace@example.com',
    username: 'grace',
    password: 'cobol compiler 1959',
  };
  await api('mutation($input: RegisterInput!) { register(input: $input) { id } }', { input });
  await api('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }', {
    u: input.username,
    p: input.password,
  });
  const setBudget =
    'mutation($m: Month!, $a: Decimal!) { setMonthlyBudget(month: $m, amount: $a) { id } }';
  const setTarget = 'mutation($i: BudgetCategoryInput!) { setBudgetCategory(input: $i) { id } }';
  await api(setBudget, { m: previous, a: '2400' });
  await api(setTarget, { i: { category: 'Food', targetAmount: '350', targetMonth: previous } });
  await api(setTarget, { i: { category: 'Rent', targetAmount: '1200', targetMonth: previous } });
  await api(setBudget, { m: older, a: '1999.99' });
  await api('mutation($i: ExpenseInput!) { addExpense(input: $i) { id } }', {
    i: { description: 'Paperbacks', amount: '42.50', category: 'Books', date: `${month}-01` },
  });
  await api('mutation($i: IncomeInput!) { addIncome(input: $i) { id } }', {
    i: { description: 'Salary', amount: '3000', date: `${month}-01` },
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test("an empty month copies last month's budget and targets in one click", async () => {
  await visit(`/budgets?month=${month}`);
  const copy = page.getByRole('button', { name: `Copy from ${formatMonth(previous)}` });
  await copy.waitFor();
  await textOf(section('Monthly budget'), 'No budget is set');
  await textOf(section('Left to budget'), '3,000.00');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, 'budgets-empty-month');

  await copy.click();
  await textOf(flash(), `Copied the budget and 2 targets from ${formatMonth(previous)}.`);
  await textOf(section('Monthly budget'), '2,400.00');
  await textOf(section('Category targets'), 'Food');
  await textOf(section('Category targets'), 'Rent');
  // 3000 income - (350 + 1200) of targets.
  await textOf(section('Left to budget'), '1,450.00');
  expect(await copy.count()).toBe(0);
  const { budgetCategories } = await api(
    'query($m: Month!) { budgetCategories(month: $m) { targetAmount category { name } } }',
    { m: month },
  );
  expect(budgetCategories).toEqual([
    { targetAmount: '350.00', category: { name: 'Food' } },
    { targetAmount: '1200.00', category: { name: 'Rent' } },
  ]);
});

test('a category with spending and no target gets one from a prefilled form', async () => {
  const unbudgeted = section('Spending without a target');
  await textOf(unbudgeted, 'Books');
  await unbudgeted.getByRole('button', { name: 'Add target for Books' }).click();
  await page.getByRole('heading', { name: 'Add a target: Books' }).waitFor();
  expect(await page.getByRole('combobox', { name: 'Category' }).inputValue()).toBe('Books');
  const amount = page.getByLabel(/^Target \(/);
  expect(await amount.inputValue()).toBe('42.50');
  expect(await amount.evaluate((el) => el === document.activeElement)).toBe(true);
  await amount.fill('60');
  await page.getByRole('button', { name: 'Set target' }).click();
  await textOf(flash(), 'Budget category set successfully!');
  await textOf(unbudgeted, 'Every category with spending');
  await textOf(section('Left to budget'), '1,390.00');
  await screenshots(page, 'budgets-filled');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshots(page, 'budgets-dark');
  await page.emulateMedia({ colorScheme: 'light' });
});

test('the carry-over switch fills an empty month when it is first shown', async () => {
  const carryOver = page.getByRole('switch', { name: 'Carry over each month' });
  expect(await carryOver.isChecked()).toBe(false);
  await carryOver.click();
  await textOf(flash(), 'New months now start with the month before’s budget.');
  await until(
    'the setting saved',
    async () => (await api('{ budgetSettings { carryOver } }')).budgetSettings.carryOver,
    (on) => on === true,
  );

  await visit(`/budgets?month=${filledByCarryOver}`);
  await textOf(section('Monthly budget'), '1,999.99');
  expect(await page.getByRole('button', { name: /^Copy from/ }).count()).toBe(0);
  expect(await page.getByRole('switch', { name: 'Carry over each month' }).isChecked()).toBe(true);

  await page.getByRole('switch', { name: 'Carry over each month' }).click();
  await textOf(flash(), 'New months now start empty.');
  const { budgetSettings } = await api('{ budgetSettings { carryOver } }');
  expect(budgetSettings).toEqual({ carryOver: false });
});

test('no console errors and no foreign requests', () => {
  expect(consoleErrors).toEqual([]);
  expect(foreign).toEqual([]);
});
