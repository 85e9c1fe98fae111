import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, pathIs, startApp, type App } from './harness';

jest.setTimeout(60_000);

const LOGIN_BUDGET = 250 * 1024;

let app: App;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Every script the page fetches while `action` runs, with its gzipped size. */
async function scriptsLoaded(page: Page, action: () => Promise<void>) {
  const scripts = new Map<string, number>();
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(
      response.body().then((body) => {
        scripts.set(new URL(response.url()).pathname, gzipSync(body, { level: 9 }).length);
      }),
    );
  });
  await action();
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  const total = [...scripts.values()].reduce((a, b) => a + b, 0);
  return { scripts, total };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

test('the login page loads under 250 KB of gzipped JavaScript; charts come later', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const login = await scriptsLoaded(page, async () => {
    await page.goto(`${app.url}/login`);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
  });
  expect(login.total).toBeLessThan(LOGIN_BUDGET);
  expect([...login.scripts.keys()].some((name) => /DashboardCharts|Playground/.test(name))).toBe(
    false,
  );

  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('First name').fill('Size');
  await page.getByLabel('Last name').fill('Check');
  await page.getByLabel('Email').fill('size@example.com');
  await page.getByLabel('Username').fill('size');
  await page.getByLabel('Password').fill('weighing the bundles');
  await page.getByRole('button', { name: 'Create account' }).click();
  await pathIs(page, '/login');
  await page.getByLabel('Username or email').fill('size');
  await page.getByLabel('Password').fill('weighing the bundles');

  // The dashboard, opened fresh as a signed-in user would after a reload.
  const dashboardPage = await context.newPage();
  await page.getByRole('button', { name: 'Log in' }).click();
  await pathIs(page, '/dashboard');
  await page.close();
  const dashboard = await scriptsLoaded(dashboardPage, async () => {
    await dashboardPage.goto(`${app.url}/dashboard?month=2024-03`);
    // A new user's charts are empty states, drawn by the lazily loaded charts chunk all the same.
    await dashboardPage.getByTestId('dashboard-charts').waitFor({ timeout: 20_000 });
  });
  expect([...dashboard.scripts.keys()].some((name) => /DashboardCharts/.test(name))).toBe(true);

  console.log(
    [
      `JavaScript loaded, gzipped: /login ${kb(login.total)}; /dashboard ${kb(dashboard.total)}`,
      ...[...dashboard.scripts].map(([name, size]) => `  ${name}: ${kb(size)}`),
    ].join('\n'),
  );
  await context.close();
});
