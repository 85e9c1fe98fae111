import path from 'node:path';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import {
  DESKTOP,
  launchBrowser,
  PHONE,
  pathIs,
  screenshots,
  seriousViolations,
  settle,
  startApp,
  textOf,
  until,
  type App,
} from './harness';
import { screenshotDir } from './paths';

jest.setTimeout(90_000);

// A German browser: a decimal comma, "." between thousands. The account keeps dollars.
const LOCALE = 'de-DE';
const account = {
  firstname: 'José',
  lastname: 'Núñez',
  email: 'jose@example.com',
  username: 'José',
  password: 'first use of the app',
};
const LONG =
  'Annual membership of the neighbourhood allotment association, including the water fee, ' +
  'the shared tool shed, the autumn compost delivery and the insurance for the greenhouse';

let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** Intl puts a no-break space between a German amount and its currency sign. */
const money = (text: string) => text.replace(/ \$/g, '\u00a0$');

const amountField = () => page.getByLabel('Amount (USD)');
const categoryField = () => page.getByLabel('Category', { exact: true });
const rows = () => page.locator('table.expense-table tbody tr');
const saved = () => page.locator('.form-saved');

async function visit(path: string) {
  await page.goto(`${app.url}${path}`);
  await page.locator('h1').first().waitFor();
  await settle(page);
}

/** The name of the field that has the keyboard focus. */
const focusedField = () =>
  page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? '');

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  context = await browser.newContext({ viewport: DESKTOP, locale: LOCALE });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('a username with an accent, which the API accepts, is accepted by the form too', async () => {
  await visit('/register');
  await page.getByLabel('First name').fill(account.firstname);
  await page.getByLabel('Last name').fill(account.lastname);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await pathIs(page, '/login');
  await page.getByLabel('Username or email').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await pathIs(page, '/dashboard');
});

test('the add form: focus first, amounts as typed, "Save and add another"', async () => {
  await visit('/add_expense');
  expect(await focusedField()).toBe('description');
  expect(await amountField().getAttribute('placeholder')).toBe('150,50');

  await page.getByLabel('Description').fill('Kaffee');
  await amountField().fill('4,50');
  await categoryField().fill('Essen');
  await page.getByLabel('Date').fill('2024-03-10');
  await page.getByRole('button', { name: 'Save and add another' }).click();
  // A name the ledger does not know yet: asked about once, then created.
  await page.getByRole('button', { name: 'Create category' }).click();
  await textOf(saved(), money('Saved “Kaffee”, 4,50 $ on'));
  await pathIs(page, '/add_expense');
  expect(await page.getByLabel('Description').inputValue()).toBe('');
  expect(await amountField().inputValue()).toBe('');
  expect(await categoryField().inputValue()).toBe('Essen');
  expect(await page.getByLabel('Date').inputValue()).toBe('2024-03-10');
  expect(await focusedField()).toBe('description');

  for (const [description, amount] of [
    ['Kaffee', '$3,80'],
    ['Kuchen', '5 USD'],
  ]) {
    await page.getByLabel('Description').fill(description);
    await amountField().fill(amount);
    await page.getByRole('button', { name: 'Save and add another' }).click();
    await textOf(saved(), `Saved “${description}”`);
  }

  // "3,000" in German is three with a decimal comma, which dollars cannot have: not guessed.
  await page.getByLabel('Description').fill('Fahrrad');
  await amountField().fill('3,000');
  await page.getByRole('button', { name: 'Save and add another' }).click();
  await textOf(
    page.locator('.field-error'),
    '"3,000" is ambiguous: type 3000 if you mean 3000 USD',
  );
  expect(await focusedField()).toBe('amount');

  // An amount far above the category's usual (three times 4.50) and a date years ahead are
  // pointed out, and can still be saved.
  await amountField().fill('3.000');
  await page.getByLabel('Date').fill('2031-05-01');
  await textOf(
    page.locator('.field-warning:not(:empty)').first(),
    money('That is more than 3 times your usual Essen expense (4,50 $).'),
  );
  await textOf(
    page.locator('.field-warning:not(:empty)').nth(1),
    'This date is more than a year ahead. Check the year before saving.',
  );
  await screenshots(page, 'first-use-add-warnings');
  await page.getByLabel('Date').fill('2024-03-11');
  await page.getByRole('button', { name: 'Add expense' }).click();
  await pathIs(page, '/dashboard');

  await visit('/expenses');
  await until(
    'four rows',
    () => rows().count(),
    (n) => n === 4,
  );
  await textOf(page.locator('table.expense-table'), money('3.000,00 $'));
  await textOf(page.locator('table.expense-table'), money('4,50 $'));
  await textOf(page.locator('table.expense-table'), money('3,80 $'));
});

test('after an edit, the list comes back with its filters', async () => {
  await visit('/expenses?category=Essen&search=Kaffee');
  await until(
    'two rows',
    () => rows().count(),
    (n) => n === 2,
  );
  await page.getByRole('link', { name: 'Edit Kaffee' }).first().click();
  await page.getByRole('heading', { name: 'Edit expense' }).waitFor();
  // The form appears once the expense and the accounts are loaded, and takes the focus then.
  await until(
    'the description field to have the focus',
    focusedField,
    (name) => name === 'description',
  );
  // Shown the German way, so that saving unchanged cannot turn "." into a thousands separator.
  expect(await amountField().inputValue()).toMatch(/^(4,50|3,80)$/);
  await amountField().fill('4,75');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await pathIs(page, '/expenses?category=Essen&search=Kaffee');
  await textOf(page.locator('table.expense-table'), money('4,75 $'));
  expect(await rows().count()).toBe(2);
});

test('at 375 px an expense is a two-line row, and the filters fold away', async () => {
  for (let i = 1; i <= 6; i++) {
    await visit('/add_expense');
    await page.getByLabel('Description').fill(i === 1 ? LONG : `Einkauf ${i}`);
    await amountField().fill(`${i}2,30`);
    await categoryField().fill('Haushalt');
    await page.getByRole('button', { name: 'Add expense' }).click();
    if (i === 1) await page.getByRole('button', { name: 'Create category' }).click();
    await pathIs(page, '/dashboard');
  }
  await visit('/expenses?category=Haushalt');
  await page.setViewportSize(PHONE);
  await settle(page);
  const heights = await rows().evaluateAll((trs) =>
    trs.map((tr) => Math.round(tr.getBoundingClientRect().height)),
  );
  expect(heights).toHaveLength(6);
  // It was ~177 px: three expenses to a screen.
  for (const height of heights) expect(height).toBeLessThanOrEqual(72);

  const toggle = page.locator('.filters-toggle');
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  expect((await toggle.innerText()).replace(/\s+/g, ' ').trim()).toBe('Filters 1 active');
  expect(await page.getByRole('search', { name: 'Filter expenses' }).isVisible()).toBe(false);
  const { sideways } = await screenshots(page, 'first-use-expenses-phone');
  expect(sideways).toBe(false);

  await page.setViewportSize(PHONE);
  await toggle.click();
  expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  expect(await page.getByRole('search', { name: 'Filter expenses' }).isVisible()).toBe(true);
  await page.screenshot({
    path: path.join(screenshotDir, 'first-use-filters-open-375.png'),
    fullPage: true,
  });
  await page.setViewportSize(DESKTOP);
  await settle(page);
  // At desktop width the filters are always shown, and the toggle is not.
  expect(await toggle.isVisible()).toBe(false);
  expect(await page.getByRole('search', { name: 'Filter expenses' }).isVisible()).toBe(true);
});

test('a long description does not squeeze the table on a desktop', async () => {
  await visit('/expenses?category=Haushalt');
  const long = page.locator('td.description', { hasText: 'Annual membership' });
  expect(await long.getAttribute('title')).toBe(LONG);
  const layout = await page.evaluate(() => {
    const lineHeight = (el: Element) => parseFloat(getComputedStyle(el).lineHeight) || 24;
    const lines = (el: Element) =>
      Math.round(
        (el.getBoundingClientRect().height -
          parseFloat(getComputedStyle(el).paddingTop) -
          parseFloat(getComputedStyle(el).paddingBottom)) /
          lineHeight(el),
      );
    const description = Array.from(document.querySelectorAll('td.description')).find((td) =>
      td.textContent?.startsWith('Annual'),
    ) as HTMLElement;
    const row = description.closest('tr') as HTMLElement;
    const amountHeader = Array.from(document.querySelectorAll('th')).find(
      (th) => th.textContent === 'Amount',
    ) as HTMLElement;
    return {
      dateLines: lines(row.querySelector('td.date') as Element),
      amountHeaderLines: lines(amountHeader),
      descriptionCut: description.scrollWidth > description.clientWidth,
      tableFits: document.documentElement.scrollWidth <= document.documentElement.clientWidth,
    };
  });
  expect(layout).toEqual({
    dateLines: 1,
    amountHeaderLines: 1,
    descriptionCut: true,
    tableFits: true,
  });
  await screenshots(page, 'first-use-long-description');
});

test('dark mode: the danger buttons pass axe, white on red at least 4.5:1', async () => {
  await visit('/expenses?category=Haushalt');
  await page.getByRole('link', { name: 'Edit Einkauf 2' }).click();
  await page.getByRole('heading', { name: 'Edit expense' }).waitFor();
  await page.emulateMedia({ colorScheme: 'dark' });
  await settle(page);
  const danger = page.getByRole('button', { name: 'Delete expense' });
  expect(await seriousViolations(page)).toEqual([]);
  const colours = await danger.evaluate((el) => {
    const style = getComputedStyle(el);
    return { color: style.color, background: style.backgroundColor };
  });
  expect(contrast(colours.color, colours.background)).toBeGreaterThanOrEqual(4.5);
  await danger.click();
  await page.getByRole('button', { name: 'Yes, delete' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, 'first-use-delete-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await screenshots(page, 'first-use-delete-light');
});

test('the offline banner goes by itself once the server answers again', async () => {
  await visit('/expenses');
  const unreachable = (route: Route) => route.abort('failed');
  await page.route('**/graphql', unreachable);
  await page.route('**/healthz', unreachable);
  await page.getByLabel('Description contains').fill('Kuchen');
  await page.getByRole('button', { name: 'Filter' }).click();
  await textOf(page.locator('.connection-banner'), 'The connection to the server was lost');
  await screenshots(page, 'first-use-offline');
  // Two failed checks (after 1 s and 3 s) while it is still down.
  await page.waitForTimeout(3_500);
  expect(await page.locator('.connection-banner').count()).toBe(1);
  await page.unroute('**/graphql', unreachable);
  await page.unroute('**/healthz', unreachable);
  // Nobody clicks Retry: the next check (4 s later at most) finds the server and reloads.
  await until(
    'the banner to go',
    () => page.locator('.connection-banner').count(),
    (n) => n === 0,
    10_000,
  );
  await until(
    'the filtered list',
    () => rows().count(),
    (n) => n === 1,
  );
});

/** WCAG contrast ratio of two computed CSS colours ("rgb(r, g, b)"). */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, bl] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}
