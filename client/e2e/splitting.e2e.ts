import type { Browser, Page } from 'playwright-core';
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
let page: Page;
const problems: string[] = [];

const balances = () =>
  page
    .locator('section[aria-labelledby="balances-heading"] tbody tr')
    .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).innerText.replace(/\s+/g, ' ')));
const transfers = () =>
  page
    .locator('.split-transfers li > span:first-child')
    .evaluateAll((items) => items.map((i) => (i as HTMLElement).innerText.replace(/\s+/g, ' ')));

async function looks(name: string) {
  expect(await seriousViolations(page)).toEqual([]);
  const { sideways } = await screenshots(page, `splitting-${name}`);
  expect({ name, sideways }).toEqual({ name, sideways: false });
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-US' });
  page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  await signUpInPage(page, app, {
    firstname: 'Ann',
    lastname: 'Lee',
    email: 'ann@example.com',
    username: 'ann',
    password: 'split the bill 2025',
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('create a group with members from the Groups page', async () => {
  await page.goto(`${app.url}/groups`);
  await textOf(page.locator('.state-empty'), 'No groups yet');
  await page.getByRole('link', { name: 'Groups' }).first().waitFor();
  await page.getByRole('button', { name: 'New group' }).click();
  const form = page.getByRole('form', { name: 'New group' });
  await form.getByLabel('Group name').fill('Lisbon trip');
  await form.getByLabel('Currency').selectOption('EUR');
  await form.getByLabel('Member 1 name').fill('Ann');
  await form.getByLabel('Member 2 name').fill('Ben');
  await form.getByRole('button', { name: 'Add another member' }).click();
  await form.getByLabel('Member 3 name').fill('Cat');
  // A bad IBAN is refused beside its field; a good one is kept.
  await form.locator('input[name="member-iban-0"]').fill('DE89 3704 0044 0532 0130 01');
  await form.getByRole('button', { name: 'Create group' }).click();
  await textOf(form.locator('.field-error'), 'IBAN check digits do not match');
  await form.locator('input[name="member-iban-0"]').fill('DE89 3704 0044 0532 0130 00');
  await form.getByRole('button', { name: 'Create group' }).click();
  await page.getByRole('heading', { name: /Lisbon trip/, level: 1 }).waitFor();
  expect(await balances()).toEqual(['Ann €0.00', 'Ben €0.00', 'Cat €0.00']);
});

async function addExpense(
  description: string,
  amount: string,
  method: string,
  values: Record<string, string>,
  expectedParts: Record<string, string>,
) {
  await page.getByRole('button', { name: 'Add expense' }).click();
  const form = page.getByRole('form', { name: 'New group expense' });
  await form.getByLabel('Description').fill(description);
  await form.getByLabel('Amount').fill(amount);
  await form.getByLabel('Split').selectOption({ label: method });
  for (const [name, value] of Object.entries(values)) {
    if (value === '') await form.getByRole('checkbox', { name }).uncheck();
    else await form.getByLabel(new RegExp(`^${name} `)).fill(value);
  }
  // The live preview shows each part before saving.
  for (const [name, part] of Object.entries(expectedParts)) {
    await textOf(form.getByTestId(`part-${name}`), part);
  }
  await form.getByRole('button', { name: 'Add expense' }).click();
  await page.getByRole('cell', { name: new RegExp(description) }).waitFor();
}

test('expenses by each method, balances and settle-up, a settlement and a QR', async () => {
  await addExpense('Dinner', '10.00', 'Equally', {}, { Ann: '€3.34', Ben: '€3.33', Cat: '€3.33' });
  await addExpense(
    'Taxi',
    '9.00',
    'By shares',
    { Ann: '1', Ben: '2', Cat: '' },
    { Ann: '€3.00', Ben: '€6.00' },
  );
  await addExpense(
    'Museum',
    '20.00',
    'Exact amounts',
    { Ann: '5.00', Ben: '5.00', Cat: '10.00' },
    { Cat: '€10.00' },
  );
  // A wrong percentage total is explained before saving.
  await page.getByRole('button', { name: 'Add expense' }).click();
  const form = page.getByRole('form', { name: 'New group expense' });
  await form.getByLabel('Description').fill('Hotel');
  await form.getByLabel('Amount').fill('100.00');
  await form.getByLabel('Split').selectOption({ label: 'Percentages' });
  await form.getByLabel(/^Ann /).fill('50');
  await form.getByLabel(/^Ben /).fill('30');
  await form.getByLabel(/^Cat /).fill('10');
  await textOf(form.getByRole('alert'), 'Percentages must add up to 100, not 90');
  await form.getByLabel(/^Cat /).fill('20');
  await textOf(form.getByTestId('part-Cat'), '€20.00');
  await form.getByRole('button', { name: 'Add expense' }).click();
  await page.getByRole('cell', { name: /Hotel/ }).waitFor();
  // Ann paid 139.00 and owes 3.34 + 3.00 + 5.00 + 50.00 = 61.34.
  await until('the balances', balances, (b) => b[0] === 'Ann €77.66');
  expect(await balances()).toEqual(['Ann €77.66', 'Ben -€44.33', 'Cat -€33.33']);
  expect(await transfers()).toEqual(['Ben pays Ann €44.33', 'Cat pays Ann €33.33']);
  await looks('group');

  // Recording one suggestion leaves the other as it was.
  const benRow = page.locator('.split-transfers li', { hasText: 'Ben pays Ann' });
  await benRow.getByRole('button', { name: 'Record' }).click();
  await until('the settlement', transfers, (t) => t.length === 1);
  expect(await transfers()).toEqual(['Cat pays Ann €33.33']);
  expect(await balances()).toEqual(['Ann €33.33', 'Ben €0.00', 'Cat -€33.33']);

  // The payment request: text to copy and the EPC QR (Ann has an IBAN, the group is in euros).
  await page.getByRole('button', { name: 'Request' }).click();
  const dialog = page.getByRole('dialog', { name: 'Payment request' });
  const text = await until(
    'the request text',
    () => dialog.locator('textarea').inputValue(),
    (v) => v !== '',
  );
  expect(text).toBe(
    'Cat, please pay 33.33 EUR to Ann for "Lisbon trip". IBAN: DE89 3704 0044 0532 0130 00',
  );
  const qr = dialog.getByRole('img', { name: /EPC QR/ });
  await until(
    'the QR to load',
    () => qr.evaluate((img) => (img as HTMLImageElement).naturalWidth),
    (w) => w > 100,
  );
  await looks('payment-request');
  await page.setViewportSize(PHONE);
  expect(await qr.isVisible()).toBe(true);
  await page.setViewportSize(DESKTOP);
  await dialog.getByRole('button', { name: 'Close' }).click();
});

test('edit and delete an expense; the list page shows the group', async () => {
  const row = page.locator('tbody tr', { hasText: 'Taxi' });
  await row.getByRole('button', { name: 'Edit' }).click();
  const form = page.getByRole('form', { name: 'Edit Taxi' });
  await form.getByLabel('Amount').fill('12.00');
  await textOf(form.getByTestId('part-Ben'), '€8.00');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await textOf(page.locator('tr', { hasText: 'Taxi' }), '€12.00');
  await page.locator('tr', { hasText: 'Museum' }).getByRole('button', { name: 'Delete' }).click();
  await until(
    'the museum to go',
    () => page.getByRole('cell', { name: /Museum/ }).count(),
    (n) => n === 0,
  );
  const { data } = await pageGraphql(page, '{ groups { name expenseCount } }');
  expect(data.groups).toEqual([{ name: 'Lisbon trip', expenseCount: 3 }]);
  await page.getByRole('link', { name: 'Groups', exact: true }).first().click();
  await page.getByRole('link', { name: 'Lisbon trip' }).waitFor();
  await looks('list');
  expect(problems).toEqual([]);
});
