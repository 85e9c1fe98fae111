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

jest.setTimeout(120_000);

let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let foreign: string[];
const consoleErrors: string[] = [];

async function gql(query: string, variables: Record<string, unknown> = {}) {
  const response = await context.request.post(`${app.url}/graphql`, {
    data: { query, variables },
    headers: { 'content-type': 'application/json' },
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const day = (daysAgo: number) =>
  new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
/** The same day of the month, `monthsAgo` months back (the 12th: every month has one). */
const monthDay = (monthsAgo: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 12))
    .toISOString()
    .slice(0, 10);
};
const addExpense = (description: string, amount: string, category: string, date: string) =>
  gql('mutation($i: ExpenseInput!) { addExpense(input: $i) { id } }', {
    i: { description, amount, category, date },
  }).then((d) => d.addExpense.id as string);
const categoryOf = async (description: string) => {
  const { transactions } = await gql(
    'query($s: String!) { transactions(filter: { search: $s }) { nodes { description category { name } } } }',
    { s: description },
  );
  return transactions.nodes.map((n: { category: { name: string } | null }) => n.category?.name);
};

const flash = () => page.getByTestId('flash');
const preview = () => page.getByTestId('rule-preview');
const ruleRow = (match: string) =>
  page.locator('table.rule-table tbody tr', {
    has: page.locator('td[data-label="Contains"]', { hasText: `“${match}”` }),
  });

async function checkPage(name: string) {
  expect(await seriousViolations(page)).toEqual([]);
  const { sideways } = await screenshots(page, name);
  expect({ page: name, sideways }).toEqual({ page: name, sideways: false });
}

let tescoId: string;

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
    firstname: 'Ada',
    lastname: 'Lovelace',
    email: 'ada@example.com',
    username: 'ada',
    password: 'analytical engine 1843',
  };
  await gql('mutation($input: RegisterInput!) { register(input: $input) { id } }', { input });
  await gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }', {
    u: input.username,
    p: input.password,
  });
  // Uncategorised spending a rule can file; a payee to re-categorise; a monthly gym fee.
  await addExpense('NETFLIX.COM 4471', '15.99', 'Uncategorized', day(40));
  await addExpense('Netflix 4502', '15.99', 'Uncategorized', day(10));
  await addExpense('Netflix gift card', '25.00', 'Uncategorized', day(9));
  tescoId = await addExpense('TESCO STORE 1234', '42.10', 'Food', day(3));
  for (const monthsAgo of [3, 2, 1, 0]) {
    await addExpense('City Gym membership', '29.00', 'Health', monthDay(monthsAgo));
    await addExpense('Daily Courier paper', '12.00', 'News', monthDay(monthsAgo));
  }
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('the rules page opens from Categories: no rules yet', async () => {
  await page.goto(`${app.url}/categories`);
  await page.getByRole('link', { name: 'Category rules' }).click();
  await page.getByRole('heading', { name: 'Category rules', level: 1 }).waitFor();
  await textOf(page.locator('.state-empty'), 'No rules yet');
  await textOf(preview(), 'Type a match and a category');
  await checkPage('category-rules-empty');
});

test('a new rule previews what it would change as it is typed; bad amounts are named', async () => {
  const form = page.getByRole('form', { name: 'Add rule' });
  await form.getByLabel('Description or payee contains').fill('netflix');
  await form.getByLabel('Category', { exact: true }).fill('Entertainment');
  await textOf(preview(), 'Would change 3 uncategorised transactions.');
  await form.getByLabel(/^At most/).fill('20');
  await textOf(preview(), 'Would change 2 uncategorised transactions.');
  await form.getByLabel(/^At least/).fill('30');
  await form.getByRole('button', { name: 'Add rule' }).click();
  await textOf(form.locator('.field-invalid'), 'The maximum amount must not be below the minimum');
  await form.getByLabel(/^At least/).fill('1.999');
  await form.getByRole('button', { name: 'Add rule' }).click();
  await textOf(form.locator('.field-invalid'), 'Minimum amount must have at most 2 decimal places');
  await checkPage('category-rules-errors');
  await form.getByLabel(/^At least/).fill('');
  await form.getByRole('button', { name: 'Add rule' }).click();
  await textOf(flash(), '“netflix” now goes to Entertainment.');
  await textOf(ruleRow('netflix'), 'Entertainment');
  await textOf(ruleRow('netflix'), 'at most $20.00');
  expect(await form.getByLabel('Description or payee contains').inputValue()).toBe('');
});

test('apply files the uncategorised transactions the rules match, and says how many', async () => {
  await page.getByRole('button', { name: 'Apply to existing transactions' }).click();
  await textOf(page.getByTestId('apply-result'), 'Filed 2 transactions by your rules.');
  expect(await categoryOf('netflix')).toEqual(['Uncategorized', 'Entertainment', 'Entertainment']);
  await checkPage('category-rules-applied');
  await page.getByRole('button', { name: 'Apply to existing transactions' }).click();
  await textOf(page.getByTestId('apply-result'), 'No uncategorised transaction matched a rule.');
});

test('edit and delete a rule in its row', async () => {
  await page.getByRole('button', { name: 'Edit the rule for netflix' }).click();
  const form = page.getByRole('form', { name: 'Save rule' });
  await form.getByLabel('Category', { exact: true }).fill('Subscriptions');
  await form.getByLabel(/^At most/).fill('');
  await textOf(form.getByTestId('rule-preview'), 'Would change 1 uncategorised transaction.');
  await checkPage('category-rules-edit');
  await form.getByRole('button', { name: 'Save rule' }).click();
  await textOf(flash(), 'Rule saved.');
  await textOf(ruleRow('netflix'), 'Subscriptions');
  await textOf(ruleRow('netflix'), 'Any account and amount');
  await page.getByRole('button', { name: 'Delete the rule for netflix' }).click();
  await textOf(flash(), 'Deleted the rule for “netflix”.');
  await textOf(page.locator('.state-empty').first(), 'No rules yet');
});

test('re-categorising a payee’s expense offers to remember it as a rule', async () => {
  await page.goto(`${app.url}/expenses/${tescoId}/edit`);
  const category = page.getByLabel('Category', { exact: true });
  await category.waitFor();
  await category.fill('Shopping');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await textOf(flash(), 'Expense updated. Always put “TESCO STORE” in Shopping?');
  await checkPage('category-rules-remember-offer');
  await flash().getByRole('button', { name: 'Remember' }).click();
  await textOf(flash(), 'Saved: transactions with “TESCO STORE” and no category go to Shopping.');
  const { categoryRules } = await gql('{ categoryRules { match category { name } } }');
  expect(categoryRules).toEqual([{ match: 'TESCO STORE', category: { name: 'Shopping' } }]);
  await page.goto(`${app.url}/rules`);
  await textOf(ruleRow('TESCO STORE'), 'Shopping');
});

test('recurring payments found in the history: one accepted as a rule, one dismissed for good', async () => {
  await page.goto(`${app.url}/recurring`);
  const suggestions = page.getByRole('list', { name: 'Suggested recurring payments' });
  await textOf(suggestions, 'City Gym membership');
  await textOf(suggestions, 'Every month on the 12th');
  await textOf(suggestions, 'Seen 4 times');
  await textOf(suggestions, 'Daily Courier paper');
  await checkPage('recurring-suggestions');
  await page
    .getByRole('button', { name: 'Accept City Gym membership as a recurring payment' })
    .click();
  await textOf(flash(), '“City Gym membership” is now a recurring payment.');
  const { recurringRules } = await gql('{ recurringRules { name mode amount } }');
  expect(recurringRules).toEqual([
    { name: 'City Gym membership', mode: 'EXPECT', amount: '29.00' },
  ]);
  await textOf(page.locator('table').first(), 'City Gym membership');
  await page.getByRole('button', { name: 'Dismiss Daily Courier paper' }).click();
  await textOf(flash(), '“Daily Courier paper” will not be suggested again.');
  await page.reload();
  await textOf(page.locator('.state-empty').last(), 'No recurring payments found');
  await checkPage('recurring-suggestions-handled');
  await settle(page);
});

test('nothing came from another origin, and the console stayed clean', async () => {
  await until('the page to be idle', async () => page.url(), Boolean);
  expect(foreign).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
