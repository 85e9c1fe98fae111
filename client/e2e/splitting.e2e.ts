import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import {
  DESKTOP,
  latestMail,
  launchBrowser,
  pageGraphql,
  PHONE,
  screenshots,
  seriousViolations,
  settle,
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
  // What the browser shows decodes to the EPC069-12 payload, as a banking app would read it.
  const src = await qr.getAttribute('src');
  const png = PNG.sync.read(
    Buffer.from(String(src).replace(/^data:image\/png;base64,/, ''), 'base64'),
  );
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(decoded?.data.split('\n')).toEqual([
    'BCD',
    '002',
    '1',
    'SCT',
    '',
    'Ann',
    'DE89370400440532013000',
    'EUR33.33',
    '',
    '',
    'Lisbon trip: from Cat',
  ]);
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

test("a household's group: the other member, in a second browser at phone width, sees their share and the settle-up", async () => {
  // Ann shares a ledger with Ben; a group there links members by their addresses.
  const created = await pageGraphql(page, 'mutation { createLedger(name: "Flat") { id } }');
  const ledgerId = created.data.createLedger.id as string;
  await pageGraphql(
    page,
    'mutation($l: ID!) { inviteToLedger(ledgerId: $l, email: "ben@example.com", role: EDITOR) }',
    { l: ledgerId },
  );
  const mail = await until(
    'the invitation mail',
    async () => latestMail(app.dataDir).replace(/=\r?\n/g, ''),
    (text) => text.includes('To: ben@example.com'),
  );
  const token = /\/invitations\/([A-Za-z0-9_-]{43})/.exec(mail)?.[1];
  const benContext = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
  const ben = await benContext.newPage();
  ben.on('pageerror', (error) => problems.push(`uncaught (Ben): ${error.message}`));
  await signUpInPage(ben, app, {
    firstname: 'Ben',
    lastname: 'Ortiz',
    email: 'ben@example.com',
    username: 'ben',
    password: 'my share of the flat',
  });
  const accepted = await pageGraphql(
    ben,
    'mutation($t: String!) { acceptInvitation(token: $t) { id } }',
    { t: token },
  );
  expect(accepted.errors).toBeUndefined();

  // Ann, on a desktop, switches to the shared ledger and makes the group there.
  await page.goto(`${app.url}/groups`);
  await page.getByRole('combobox', { name: 'Ledger' }).selectOption({ label: 'Flat · Owner' });
  await page.getByRole('heading', { name: 'Groups', level: 1 }).waitFor();
  await textOf(page.locator('.state-empty'), 'No groups yet');
  await page.getByRole('button', { name: 'New group' }).click();
  const form = page.getByRole('form', { name: 'New group' });
  await form.getByLabel('Group name').fill('Flat bills');
  await form.getByLabel('Member 1 name').fill('Ann');
  await form.locator('input[name="member-email-0"]').fill('ann@example.com');
  await form.getByLabel('Member 2 name').fill('Ben');
  await form.locator('input[name="member-email-1"]').fill('ben@example.com');
  await form.getByRole('button', { name: 'Create group' }).click();
  await page.getByRole('heading', { name: /Flat bills/, level: 1 }).waitFor();
  await addExpense('Internet', '30.00', 'Equally', {}, { Ann: '$15.00', Ben: '$15.00' });

  // Ben's own ledger holds his share, not the whole bill, in his expenses and his month.
  await ben.goto(`${app.url}/expenses`);
  await textOf(ben.locator('main'), 'Flat bills: Internet');
  expect(await ben.locator('main').innerText()).toContain('$15.00');
  expect(await ben.locator('main').innerText()).not.toContain('$30.00');
  const { data } = await pageGraphql(ben, '{ dashboard { spent } }');
  expect(data.dashboard.spent).toBe('15.00');

  // In the shared ledger he sees the group's balances and who pays whom.
  await ben.getByRole('combobox', { name: 'Ledger' }).selectOption({ label: 'Flat · Editor' });
  await ben.goto(`${app.url}/groups`);
  await ben.getByRole('link', { name: 'Flat bills' }).click();
  await ben.getByRole('heading', { name: /Flat bills/, level: 1 }).waitFor();
  await settle(ben);
  const benTransfers = await until(
    'the settle-up',
    () =>
      ben
        .locator('.split-transfers li > span:first-child')
        .evaluateAll((items) => items.map((i) => (i as HTMLElement).innerText.trim())),
    (t) => t.length === 1,
  );
  expect(benTransfers).toEqual(['Ben pays Ann $15.00']);
  expect(await seriousViolations(ben)).toEqual([]);
  const { sideways } = await screenshots(ben, 'splitting-member');
  expect(sideways).toBe(false);
  await benContext.close();
  expect(problems).toEqual([]);
});
