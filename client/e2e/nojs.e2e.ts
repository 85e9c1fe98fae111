import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  launchBrowser,
  plainScreenshots,
  pathIs,
  screenshots,
  seriousViolations,
  startApp,
  textOf,
  type App,
} from './harness';

jest.setTimeout(60_000);

/**
 * With JavaScript off the app cannot draw its pages, but the original's forms (inside
 * <noscript>) post to the server's form routes and work on their own.
 */
let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const account = {
  firstname: 'Grace',
  lastname: 'Hopper',
  email: 'grace@example.com',
  username: 'grace',
  password: 'compiler pioneer 1952',
};

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  context = await browser.newContext({ javaScriptEnabled: false });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** The message of the last post as the page shows it; the server has used up its cookie. */
async function flashShown(): Promise<{ kind: string; message: string } | null> {
  expect((await context.cookies()).some((c) => c.name === 'flash')).toBe(false);
  const flash = page.locator('main.noscript .flash');
  if ((await flash.count()) === 0) return null;
  const kind = /flash-(success|error)/.exec((await flash.getAttribute('class')) ?? '')?.[1] ?? '';
  return { kind, message: ((await flash.textContent()) ?? '').trim() };
}

async function gql(query: string) {
  const cookies = await context.cookies();
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '),
    },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data: any };
}

const section = (heading: string) =>
  page.locator('section', { has: page.getByRole('heading', { name: heading, exact: true }) });

test('register and log in with the plain forms', async () => {
  await page.goto(`${app.url}/register`);
  const register = section('Create an account');
  await register.getByLabel('First name').fill(account.firstname);
  await register.getByLabel('Last name').fill(account.lastname);
  await register.getByLabel('Email').fill(account.email);
  await register.getByLabel('Username').fill(account.username);
  await register.getByLabel('Password').fill(account.password);
  await register.getByRole('button', { name: 'Create account' }).click();
  await pathIs(page, '/login');
  expect(await flashShown()).toEqual({
    kind: 'success',
    message: 'Registration successful! Please log in.',
  });
  // Signed out: no "Log out" link, and no month to show.
  expect(await page.getByRole('link', { name: 'Log out' }).count()).toBe(0);
  await plainScreenshots(page, 'nojs-login');

  const login = section('Log in');
  await login.getByLabel('Username or email').fill(account.username);
  await login.getByLabel('Password').fill('wrong password');
  await login.getByRole('button', { name: 'Log in' }).click();
  await pathIs(page, '/login');
  expect(await flashShown()).toEqual({ kind: 'error', message: 'Invalid username or password' });

  await login.getByLabel('Username or email').fill(account.username);
  await login.getByLabel('Password').fill(account.password);
  await login.getByRole('button', { name: 'Log in' }).click();
  await pathIs(page, '/dashboard');
  // Signed in: the month at a glance, and the way out.
  // (Playwright's text matching skips <noscript>: read the markup's text directly.)
  expect(await page.locator('#ns-month + p').textContent()).toBe(
    'Signed in as Grace Hopper. Log out',
  );
  expect(await page.getByRole('link', { name: 'Log out' }).count()).toBe(1);
  expect((await context.cookies()).some((c) => c.name === 'sid' && c.httpOnly)).toBe(true);
  expect((await gql('{ me { username } }')).data.me).toEqual({ username: account.username });
});

test('add an expense with the plain form; the amount is stored exactly as typed', async () => {
  await page.goto(`${app.url}/add_expense`);
  const form = section('Add an expense');
  await form.getByLabel('Description').fill('Printer paper');
  await form.getByLabel('Amount').fill('150.50');
  await form.getByLabel('Category').fill('Office');
  await form.getByLabel('Date').fill('2024-03-10');
  await form.getByRole('button', { name: 'Add expense' }).click();
  await pathIs(page, '/dashboard');
  expect(await flashShown()).toEqual({ kind: 'success', message: 'Expense added successfully!' });
  // That month's totals and expenses, rendered by the server.
  await page.goto(`${app.url}/dashboard?month=2024-03`);
  const month = section('2024-03 at a glance');
  expect(await month.locator('dd').first().textContent()).toBe('150.50 USD');
  expect(await month.locator('tbody tr').allTextContents()).toEqual([
    '2024-03-10Printer paperOffice150.50 USD',
  ]);
  await plainScreenshots(page, 'nojs-dashboard');
  const { data } = await gql(
    '{ expenses { nodes { description amount date category { name } } } }',
  );
  expect(data.expenses.nodes).toEqual([
    {
      description: 'Printer paper',
      amount: '150.50',
      date: '2024-03-10',
      category: { name: 'Office' },
    },
  ]);
});

test('a refused amount comes back as the flash, and nothing is stored', async () => {
  await page.goto(`${app.url}/add_expense`);
  const form = section('Add an expense');
  await form.getByLabel('Description').fill('Too precise');
  await form.getByLabel('Amount').fill('1.234');
  await form.getByLabel('Category').fill('Office');
  await form.getByLabel('Date').fill('2024-03-10');
  await form.getByRole('button', { name: 'Add expense' }).click();
  await pathIs(page, '/add_expense');
  expect(await flashShown()).toEqual({
    kind: 'error',
    message: 'Amount must have at most 2 decimal places',
  });
  const { data } = await gql('{ expenses { totalCount } }');
  expect(data.expenses.totalCount).toBe(1);
});

test('the same page with JavaScript on shows the flash and clears its cookie', async () => {
  const withJs = await browser.newContext();
  await withJs.addCookies(await context.cookies());
  // As a form post's redirect leaves it.
  await withJs.addCookies([
    {
      name: 'flash',
      value: encodeURIComponent(
        JSON.stringify({ kind: 'error', message: 'Amount must have at most 2 decimal places' }),
      ),
      url: app.url,
    },
  ]);
  const jsPage = await withJs.newPage();
  await jsPage.goto(`${app.url}/dashboard`);
  await textOf(jsPage.getByTestId('flash'), 'Amount must have at most 2 decimal places');
  expect((await withJs.cookies()).some((c) => c.name === 'flash')).toBe(false);
  await withJs.close();
});

test('the no-JavaScript forms pass axe and fit 375 px', async () => {
  // axe and layout checks need scripts, which this context has turned off: the <noscript>
  // markup the server sends is checked in a page of its own, with the same stylesheet.
  const html = await (await fetch(`${app.url}/login`)).text();
  const stylesheet = /<link rel="stylesheet"[^>]*href="([^"]+)"/.exec(html)?.[1];
  const markup = /<noscript>([\s\S]*)<\/noscript>/.exec(html)?.[1];
  expect(stylesheet).toBeTruthy();
  expect(markup).toContain('action="/login"');
  const withJs = await browser.newContext();
  const replica = await withJs.newPage();
  // On the app's origin, so the stylesheet loads as it does for the real page.
  await replica.goto(`${app.url}/healthz`);
  await replica.setContent(
    `<!doctype html><html lang="en"><head><title>Finance</title>` +
      `<meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<link rel="stylesheet" href="${app.url}${stylesheet}"></head><body>${markup}</body></html>`,
  );
  expect(await seriousViolations(replica)).toEqual([]);
  const { sideways } = await screenshots(replica, 'nojs-forms-checked');
  expect(sideways).toBe(false);
  await withJs.close();
});

test('log out with the plain link', async () => {
  await page.goto(`${app.url}/dashboard`);
  await page.getByRole('link', { name: 'Log out' }).click();
  await pathIs(page, '/login');
  expect(await flashShown()).toEqual({ kind: 'success', message: 'You have been logged out.' });
  expect(await page.getByRole('link', { name: 'Log out' }).count()).toBe(0);
  expect((await gql('{ me { username } }')).data.me).toBeNull();
});
