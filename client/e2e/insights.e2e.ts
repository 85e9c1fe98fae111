import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  DESKTOP,
  launchBrowser,
  pageGraphql,
  PHONE,
  screenshots,
  seriousViolations,
  signUpInPage,
  startApp,
  textOf,
  until,
  type App,
} from './harness';

jest.setTimeout(180_000);

let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

const graphql = (query: string, variables: Record<string, unknown> = {}) =>
  pageGraphql(page, query, variables);

/** `count` months before the current one (UTC), as YYYY-MM. */
function monthsAgo(count: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - count, 1))
    .toISOString()
    .slice(0, 7);
}

/** Last month is the one looked at: six steady months before it, and a planted anomaly in it. */
const MONTH = monthsAgo(1);
const FOOD = [
  [40, 45, 50, 45],
  [50, 50, 50, 50],
  [55, 50, 55, 50],
  [45, 50, 45, 50],
  [60, 55, 60, 55],
  [50, 55, 50, 50],
  [50, 50, 50, 50],
];

async function expense(description: string, category: string, amount: string, date: string) {
  const answer = await graphql(
    'mutation($input: ExpenseInput!) { addExpense(input: $input) { id } }',
    { input: { description, category, amount, date } },
  );
  expect(answer.errors).toBeUndefined();
}

async function seedHistory() {
  for (let i = 0; i < 7; i++) {
    const month = monthsAgo(7 - i);
    for (const [n, amount] of FOOD[i].entries()) {
      await expense(
        'Grocer',
        'Food',
        String(amount),
        `${month}-${String(3 + n * 7).padStart(2, '0')}`,
      );
    }
    for (const day of ['05', '12', '19'])
      await expense('Metro', 'Transport', '20', `${month}-${day}`);
    await expense('Streamflix', 'Streaming', i === 6 ? '15.99' : '12.99', `${month}-08`);
    const income = await graphql(
      'mutation($input: IncomeInput!) { addIncome(input: $input) { id } }',
      {
        input: { description: 'Salary', amount: '3000', date: `${month}-01` },
      },
    );
    expect(income.errors).toBeUndefined();
  }
  await expense('Electronics store', 'Food', '450', `${MONTH}-20`);
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  context = await browser.newContext({ viewport: DESKTOP, locale: 'en-US', timezoneId: 'UTC' });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  await signUpInPage(page, app, {
    firstname: 'Ada',
    lastname: 'Lovelace',
    email: 'ada@example.com',
    username: 'ada',
    password: 'analytical engine 1843',
  });
  await seedHistory();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('the Insights page explains what stood out, scores the month and applies recommendations', async () => {
  await page.goto(`${app.url}/dashboard`);
  await page.getByRole('link', { name: 'Insights', exact: true }).click();
  await page.getByRole('heading', { name: 'Insights', level: 1 }).waitFor();
  await page.goto(`${app.url}/insights?month=${MONTH}`);
  const titles = page.locator('.insight h3');
  await until(
    'three insights',
    () => titles.allTextContents(),
    (t) => t.length === 3,
  );
  expect((await titles.allTextContents()).sort()).toEqual([
    'Food rose by $441.67',
    'Streamflix went up by $3.00',
    'Unusual expense: Electronics store $450.00',
  ]);
  const unusual = page.locator('.insight', { hasText: 'Unusual expense: Electronics store' });
  await textOf(unusual.locator('.insight-transactions'), /Electronics store\s+\$450\.00/);
  expect(
    await unusual.getByRole('link', { name: /Electronics store/ }).getAttribute('href'),
  ).toMatch(/^\/transactions\/\d+\/edit$/);

  // 3000.00 in, 725.99 out: savings rate 75.8 %, every point; no targets yet: none for budgets.
  const score = page.getByTestId('health-score');
  await textOf(score, /\d+/);
  const row = (name: string) => page.locator('.health-components li', { hasText: name });
  await textOf(row('Savings rate').locator('.health-value'), '75.8 %');
  await textOf(row('Budget adherence').locator('.health-points'), '0/20');
  const before = Number(await score.locator('strong').textContent());

  const recommendations = page.locator(
    'section[aria-labelledby="recommendations-heading"] tbody tr',
  );
  expect(await recommendations.allInnerTexts()).toEqual([
    expect.stringMatching(/^Food\s+\$210\.00\s+\$650\.00$/),
    expect.stringMatching(/^Transport\s+\$60\.00\s+\$60\.00$/),
    expect.stringMatching(/^Streaming\s+\$15\.00\s+\$15\.99$/),
  ]);
  await page.locator('.chart').first().waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  const { sideways } = await screenshots(page, 'insights');
  expect(sideways).toBe(false);

  await page.getByRole('button', { name: 'Apply' }).click();
  await textOf(page.getByTestId('flash'), /Applied 3 targets/);
  const stored = await graphql(
    'query($m: Month) { budgetCategories(month: $m) { targetAmount category { name } } }',
    { m: MONTH },
  );
  expect(
    stored.data.budgetCategories.map((t: any) => `${t.category.name} ${t.targetAmount}`).sort(),
  ).toEqual(['Food 210.00', 'Streaming 15.00', 'Transport 60.00']);
  // Only Transport's target was kept (Food 650 > 210, Streaming 15.99 > 15): 1 of 3.
  await textOf(row('Budget adherence').locator('.health-value'), '1 of 3');
  expect(Number(await score.locator('strong').textContent())).toBe(before + 7);
});

test('the dashboard shows the health score from its one request, at phone width too', async () => {
  const operations: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname !== '/graphql' || request.method() !== 'POST') return;
    const body = request.postDataJSON() as { operationName?: string } | null;
    if (body?.operationName) operations.push(body.operationName);
  });
  await page.goto(`${app.url}/dashboard?month=${MONTH}`);
  await textOf(page.getByTestId('health-score'), /\d+\s*\/ 100/);
  await textOf(
    page.locator('.health-components li', { hasText: 'Budget adherence' }).locator('.health-value'),
    '1 of 3',
  );
  expect(operations.filter((o) => o === 'Dashboard')).toHaveLength(1);
  expect(operations).not.toContain('Insights');
  await page.setViewportSize(PHONE);
  const { sideways } = await screenshots(page, 'dashboard-health');
  expect(sideways).toBe(false);
  expect(problems).toEqual([]);
});
