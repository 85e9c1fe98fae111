import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  launchBrowser,
  screenshots,
  seriousViolations,
  startApp,
  textOf,
  watchForeignRequests,
  type App,
} from './harness';

jest.setTimeout(90_000);

let app: App;
let browser: Browser;
const contexts: BrowserContext[] = [];
const foreign: string[] = [];
const consoleErrors: string[] = [];

/** A new browser (its own cookies) signed in as a new user; `setup` runs GraphQL in the page. */
async function signedInPage(username: string, setup: string[] = []): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 860 },
    acceptDownloads: true,
  });
  contexts.push(context);
  foreign.push(...watchForeignRequests(context, app.url));
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await page.goto(`${app.url}/login`);
  await page.locator('h1').first().waitFor();
  const errors = await page.evaluate(
    async ({ username, setup }) => {
      const call = async (query: string, variables: Record<string, unknown> = {}) => {
        const response = await fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify({ query, variables }),
        });
        return ((await response.json()) as { errors?: unknown[] }).errors ?? [];
      };
      const input = {
        firstname: 'Ada',
        lastname: 'Tester',
        email: `${username}@example.com`,
        username,
        password: 'leave with everything',
      };
      const found = [
        ...(await call('mutation($input: RegisterInput!) { register(input: $input) { id } }', {
          input,
        })),
        ...(await call(
          'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }',
          {
            u: username,
            p: input.password,
          },
        )),
      ];
      for (const query of setup) found.push(...(await call(query)));
      return found;
    },
    { username, setup },
  );
  expect(errors).toEqual([]);
  return page;
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

let exported: { name: string; content: Buffer };

test('settings offers the export: the JSON file downloads with everything, the CSV as a zip', async () => {
  const page = await signedInPage('leaver', [
    'mutation { addExpense(input: { description: "=HYPERLINK(\\"x\\")", amount: "12.50", category: "Food", date: "2024-03-02" }) { id } }',
    'mutation { addExpense(input: { description: "Train to Lyon", amount: "64.00", category: "Transport", date: "2024-03-05" }) { id } }',
    'mutation { addIncome(input: { description: "Salary", amount: "2800.00", category: "Salary", date: "2024-03-01" }) { id } }',
    'mutation { setMonthlyBudget(month: "2024-03", amount: "1500.00") { id } }',
  ]);
  await page.goto(`${app.url}/settings`);
  await textOf(page.locator('#export-heading'), 'Export all data');

  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export all data (JSON)' }).click(),
  ]);
  expect(json.suggestedFilename()).toMatch(/^finance-export-\d{4}-\d{2}-\d{2}\.json$/);
  const content = fs.readFileSync((await json.path()) as string);
  const document = JSON.parse(content.toString('utf8'));
  expect(document.format).toBe('finance-export');
  expect(document.transactions.map((t: { description: string }) => t.description)).toEqual([
    '=HYPERLINK("x")',
    'Train to Lyon',
    'Salary',
  ]);
  expect(document.budgets).toEqual([{ month: '2024-03', amount: '1500.00' }]);
  exported = { name: json.suggestedFilename(), content };

  const [zip] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export as CSV (zip)' }).click(),
  ]);
  expect(zip.suggestedFilename()).toMatch(/\.zip$/);
  const bytes = fs.readFileSync((await zip.path()) as string);
  expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  expect(await seriousViolations(page)).toEqual([]);
});

test('a new user restores the file from settings and finds their transactions', async () => {
  const page = await signedInPage('arriver');
  await page.goto(`${app.url}/settings`);
  await textOf(page.locator('#restore-heading'), 'Restore from an export');
  await page.getByRole('button', { name: 'Restore from an export' }).click();
  await textOf(page.locator('[role="alert"].field-error'), 'Choose an export file first');

  await page.getByLabel('Export file').setInputFiles({
    name: exported.name,
    mimeType: 'application/json',
    buffer: exported.content,
  });
  await page.getByRole('button', { name: 'Restore from an export' }).click();
  const count = 3 + 1 + 23 + 1; // transactions, budget, categories (22 + Salary), account
  await textOf(page.locator('p.form-saved'), `Restored ${count} records from ${exported.name}.`);
  expect((await screenshots(page, 'settings-export')).sideways).toBe(false);

  // A second restore into what is no longer empty: refused, beside the field.
  await page.getByLabel('Export file').setInputFiles({
    name: exported.name,
    mimeType: 'application/json',
    buffer: exported.content,
  });
  await page.getByRole('button', { name: 'Restore from an export' }).click();
  await textOf(page.locator('[role="alert"].field-error'), /This ledger is not empty/);
  expect((await screenshots(page, 'settings-restore-refused')).sideways).toBe(false);

  await page.goto(`${app.url}/transactions`);
  await textOf(page.locator('main'), 'Train to Lyon');
  await textOf(page.locator('main'), '=HYPERLINK("x")');
});

test('no request left the app, and nothing failed in the page', () => {
  expect(foreign).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
