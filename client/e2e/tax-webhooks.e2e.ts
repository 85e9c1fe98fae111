import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  DESKTOP,
  launchBrowser,
  pageGraphql,
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
const year = new Date().getUTCFullYear();

const graphql = (query: string, variables: Record<string, unknown> = {}) =>
  pageGraphql(page, query, variables);
const flash = () => page.getByTestId('flash');
const cells = (label: string) =>
  page
    .getByRole('table', { name: label })
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll('th, td')).map((c) => (c as HTMLElement).innerText.trim()),
      ),
    );

async function looks(name: string) {
  expect(await seriousViolations(page)).toEqual([]);
  const { sideways } = await screenshots(page, `tax-webhooks-${name}`);
  expect({ name, sideways }).toEqual({ name, sideways: false });
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  context = await browser.newContext({
    viewport: DESKTOP,
    locale: 'en-US',
    timezoneId: 'UTC',
    acceptDownloads: true,
  });
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
  for (const [description, amount, category, day] of [
    ['Red Cross', '25.00', 'Donations', '01-15'],
    ['Pharmacy', '12.34', 'Health', '01-20'],
    ['Groceries', '5.00', 'Food', '01-21'],
  ]) {
    const added = await graphql(
      'mutation($input: ExpenseInput!) { addExpense(input: $input) { id } }',
      { input: { description, amount, category, date: `${year}-${day}` } },
    );
    expect(added.errors).toBeUndefined();
  }
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('the tax page: mark a category and an expense, see the summary, change the year, download the archive', async () => {
  await page.goto(`${app.url}/tax`);
  await page.getByRole('heading', { name: 'Tax', level: 1 }).waitFor();
  await textOf(page.locator('.state-empty').first(), 'Nothing deductible in this tax year');

  const markForm = page.getByRole('form', { name: 'Mark a category' });
  await markForm.getByRole('button', { name: 'Mark category' }).click();
  await textOf(markForm.locator('.field-error').first(), 'Choose a category');
  await markForm.getByLabel('Category', { exact: true }).selectOption({ label: 'Donations' });
  await markForm.getByLabel('Tax category').fill('charity');
  await markForm.getByRole('button', { name: 'Mark category' }).click();
  await textOf(flash(), '“Donations” counts as charity.');
  await until(
    'the charity total',
    () => cells('Totals per tax category'),
    (rows) => JSON.stringify(rows) === JSON.stringify([['charity', '1', '$25.00']]),
  );

  // A single expense, from the transactions list.
  await page.goto(`${app.url}/transactions`);
  const select = page.getByLabel('Tax-deductible: Pharmacy');
  await select.selectOption('medical');
  await textOf(flash(), '“Pharmacy” is deductible as medical.');
  await textOf(page.locator('tr', { hasText: 'Pharmacy' }), 'deductible: medical');
  await textOf(page.locator('tr', { hasText: 'Red Cross' }), 'deductible: charity');
  await looks('transactions');

  await page.goto(`${app.url}/tax`);
  await until(
    'both tax categories',
    () => cells('Totals per tax category'),
    (rows) =>
      JSON.stringify(rows) ===
      JSON.stringify([
        ['charity', '1', '$25.00'],
        ['medical', '1', '$12.34'],
      ]),
  );
  await textOf(page.locator('.tax-total'), 'Total deductible: $37.34');
  expect((await cells('Deductible expenses')).map((r) => r.slice(1))).toEqual([
    ['Red Cross · Donations', 'charity', '$25.00'],
    ['Pharmacy · Health', 'medical', '$12.34'],
  ]);
  await looks('tax');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download archive (PDF and receipts)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`tax-${year}.zip`);
  const files = unzipSync(new Uint8Array(fs.readFileSync((await download.path()) as string)));
  expect(Object.keys(files).sort()).toEqual(['receipts/README.txt', `tax-summary-${year}.pdf`]);
  expect(strFromU8(files[`tax-summary-${year}.pdf`].subarray(0, 5))).toBe('%PDF-');

  // A UK tax year: January belongs to the year that started the April before.
  const yearForm = page.getByRole('form', { name: 'Tax year' });
  await yearForm.getByLabel('The tax year starts on').selectOption('04-06');
  await yearForm.getByRole('button', { name: 'Save tax year' }).click();
  await textOf(flash(), 'Tax year saved.');
  await textOf(page.locator('.state-empty').first(), 'Nothing deductible in this tax year');
  await page.getByLabel('Tax year starting in').selectOption(String(year - 1));
  const label = `${year - 1}/${String(year % 100).padStart(2, '0')}`;
  await textOf(page.locator('.card').first(), `Tax year ${label}`);
  await textOf(page.locator('.tax-total'), 'Total deductible: $37.34');
  await yearForm.getByLabel('The tax year starts on').selectOption('other');
  await yearForm.getByLabel('First day (MM-DD)').fill('02-30');
  await yearForm.getByRole('button', { name: 'Save tax year' }).click();
  await textOf(yearForm.locator('.field-error'), 'MM-DD');
  expect(problems).toEqual([]);
});

test('webhooks in the settings: the secret shown once, the list, edit, new secret, delete', async () => {
  await page.goto(`${app.url}/settings`);
  await textOf(page.locator('#webhooks-heading'), 'Webhooks');
  const form = page.getByRole('form', { name: 'New webhook' });
  await form.getByLabel('Endpoint URL').fill('http://hooks.example.com/finance');
  await form.getByRole('button', { name: 'Add webhook' }).click();
  await textOf(form.locator('.field-error').first(), 'https://');
  await form.getByLabel('Endpoint URL').fill('https://hooks.example.com/finance');
  await form.getByLabel('budget.exceeded').check();
  await form.getByRole('button', { name: 'Add webhook' }).click();
  const secret = await textOf(page.getByLabel('Signing secret'), 'whsec_');
  expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
  const item = page.locator('li.webhook', { hasText: 'https://hooks.example.com/finance' });
  await textOf(item, 'Active');
  await textOf(
    item,
    'transaction.created, transaction.updated, transaction.deleted, budget.exceeded',
  );
  await item.getByText('Delivery log (0)').click();
  await textOf(item, 'Nothing delivered yet.');
  await page.locator('#webhooks-heading').scrollIntoViewIfNeeded();
  await looks('webhooks');
  // Shown once: the list never carries it again.
  const listed = await graphql('{ webhooks { url } }');
  expect(JSON.stringify(listed)).not.toContain(secret);
  await page.getByRole('button', { name: 'Done' }).click();

  // Edit: the server's refusal shows on its field; Cancel changes nothing; Save does.
  await item
    .getByRole('button', { name: 'Edit webhook https://hooks.example.com/finance' })
    .click();
  const edit = page.getByRole('form', { name: 'Edit webhook https://hooks.example.com/finance' });
  await edit.getByLabel('Endpoint URL').fill('https://10.0.0.1/hook');
  await edit.getByRole('button', { name: 'Save' }).click();
  await textOf(edit.locator('.field-error').first(), 'Private, loopback and link-local');
  await edit.getByRole('button', { name: 'Cancel' }).click();
  await textOf(item, 'https://hooks.example.com/finance');
  await item
    .getByRole('button', { name: 'Edit webhook https://hooks.example.com/finance' })
    .click();
  for (const name of ['transaction.created', 'transaction.updated', 'transaction.deleted']) {
    await edit.getByLabel(name).uncheck();
  }
  await edit.getByLabel('budget.exceeded').uncheck();
  await edit.getByRole('button', { name: 'Save' }).click();
  await textOf(edit.locator('.field-error').first(), 'Choose at least one event');
  await edit.getByLabel('Endpoint URL').fill('https://hooks.example.com/v2');
  await edit.getByLabel('bill.due').check();
  await edit.getByLabel('Active (deliveries are sent)').uncheck();
  await edit.getByRole('button', { name: 'Save' }).click();
  await textOf(flash(), 'Webhook saved.');
  const edited = page.locator('li.webhook', { hasText: 'https://hooks.example.com/v2' });
  await textOf(edited, 'Disabled');
  await textOf(edited, 'bill.due');
  expect(await graphql('{ webhooks { url events active } }')).toEqual({
    data: {
      webhooks: [{ url: 'https://hooks.example.com/v2', events: ['bill.due'], active: false }],
    },
  });

  // New secret: asked in place, then shown once.
  await edited
    .getByRole('button', { name: 'New secret for webhook https://hooks.example.com/v2' })
    .click();
  await edited.getByRole('button', { name: 'Keep it' }).click();
  expect(await edited.getByLabel('Signing secret').count()).toBe(0);
  await edited
    .getByRole('button', { name: 'New secret for webhook https://hooks.example.com/v2' })
    .click();
  await textOf(edited.locator('.confirm'), 'Make a new signing secret?');
  await edited.getByRole('button', { name: 'Yes, new secret' }).click();
  const rotated = await textOf(edited.getByLabel('Signing secret'), 'whsec_');
  expect(rotated).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
  expect(rotated).not.toBe(secret);
  await textOf(edited, 'Copy the new signing secret now: it is shown only once.');
  await edited.scrollIntoViewIfNeeded();
  await looks('webhook-new-secret');
  expect(JSON.stringify(await graphql('{ webhooks { url } }'))).not.toContain(rotated);
  await edited.getByRole('button', { name: 'Done' }).click();
  expect(await edited.getByLabel('Signing secret').count()).toBe(0);

  await edited.getByRole('button', { name: 'Delete webhook https://hooks.example.com/v2' }).click();
  await textOf(edited, 'Delete this webhook? Its deliveries stop');
  await edited.getByRole('button', { name: 'Keep it' }).click();
  expect(JSON.stringify(await graphql('{ webhooks { url } }'))).toContain('/v2');
  await edited.getByRole('button', { name: 'Delete webhook https://hooks.example.com/v2' }).click();
  await edited.scrollIntoViewIfNeeded();
  await looks('webhook-delete-confirm');
  await edited.getByRole('button', { name: 'Yes, delete' }).click();
  await textOf(flash(), 'Webhook deleted.');
  await textOf(page.locator('#webhooks-heading').locator('..'), 'No webhooks yet');
  expect(problems).toEqual([]);
});
