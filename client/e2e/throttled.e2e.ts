import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { ApiClient } from '../../server/test/api-client';
import { addExpense, signUp } from '../../server/test/factories';
import { launchBrowser, startApp, type App } from './harness';

/**
 * How long the first pages take on a slow connection and a slow phone, reported (not asserted:
 * the machine's load decides too much of it). The profile is Lighthouse's "slow 4G" mobile one:
 * 1.6 Mbps down, 750 Kbps up, 150 ms round trip, CPU 4x slower. Targets: login ready under
 * 1.5 s, the dashboard of a signed-in user under 3 s.
 */

jest.setTimeout(120_000);

const PROFILE = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};
const CPU_SLOWDOWN = 4;

let app: App;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

interface Transfer {
  /** Bytes over the wire (compressed, with headers) per response, by path. */
  bytes: Map<string, number>;
  /** Content-Encoding of each script and stylesheet, by path. */
  encodings: Map<string, string>;
}

/** A page in `context` under the slow profile, recording what it transfers. */
async function throttledPage(context: BrowserContext): Promise<{ page: Page; transfer: Transfer }> {
  const page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', PROFILE);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const transfer: Transfer = { bytes: new Map(), encodings: new Map() };
  const paths = new Map<string, string>();
  cdp.on('Network.responseReceived', (event) => {
    const path = new URL(event.response.url).pathname;
    paths.set(event.requestId, path);
    if (event.type === 'Script' || event.type === 'Stylesheet') {
      const headers = Object.fromEntries(
        Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
      );
      transfer.encodings.set(path, headers['content-encoding'] ?? 'none');
    }
  });
  cdp.on('Network.loadingFinished', (event) => {
    const path = paths.get(event.requestId);
    if (path) transfer.bytes.set(path, event.encodedDataLength);
  });
  return { page, transfer };
}

/** Milliseconds from the start of the navigation until now, by the page's own clock. */
const sinceNavigation = (page: Page) => page.evaluate(() => Math.round(performance.now()));

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const total = (transfer: Transfer) => [...transfer.bytes.values()].reduce((a, b) => a + b, 0);

test('login and dashboard on a slow connection and CPU: time until ready (reported)', async () => {
  const month = new Date().toISOString().slice(0, 7);
  const api = new ApiClient(app.url);
  await signUp(api);
  for (const [index, category] of ['Food', 'Rent', 'Transport', 'Fun', 'Food'].entries()) {
    await addExpense(api, {
      amount: `${12 + index * 7}.50`,
      category,
      date: `${month}-0${index + 1}`,
    });
  }

  const visitor = await browser.newContext();
  const login = await throttledPage(visitor);
  await login.page.goto(`${app.url}/login`);
  await login.page.getByRole('heading', { name: 'Log in' }).waitFor();
  await login.page.getByLabel('Username or email').waitFor();
  const loginMs = await sinceNavigation(login.page);
  await visitor.close();

  const signedIn = await browser.newContext();
  await signedIn.addCookies(
    [...api.cookies].map(([name, value]) => ({ name, value, url: app.url })),
  );
  const dashboard = await throttledPage(signedIn);
  const ready = async (page: Page) => {
    await page.goto(`${app.url}/dashboard?month=${month}`);
    await page.locator('.apexcharts-canvas').first().waitFor({ timeout: 60_000 });
    await page.locator('#main').getByText('Rent').first().waitFor();
    return sinceNavigation(page);
  };
  const dashboardMs = await ready(dashboard.page);
  const dashboardBytes = total(dashboard.transfer);
  // A second visit, as the next day's: hashed files come from the cache without a request.
  dashboard.transfer.bytes.clear();
  const repeatMs = await ready(dashboard.page);
  const repeatBytes = total(dashboard.transfer);
  await signedIn.close();

  console.log(
    [
      `Throttled profile (1.6 Mbps down, 750 Kbps up, 150 ms, CPU x${CPU_SLOWDOWN}):`,
      `  /login ready after ${loginMs} ms (target 1500), ${kb(total(login.transfer))} transferred`,
      `  /dashboard ready after ${dashboardMs} ms (target 3000), ${kb(dashboardBytes)} transferred`,
      `  /dashboard again (cached) after ${repeatMs} ms, ${kb(repeatBytes)} transferred`,
    ].join('\n'),
  );

  // What the numbers depend on: every script and stylesheet arrived compressed.
  const encodings = new Map([...login.transfer.encodings, ...dashboard.transfer.encodings]);
  expect([...encodings].filter(([, encoding]) => encoding !== 'br')).toEqual([]);
  expect(encodings.size).toBeGreaterThan(1);
  // And the repeat visit fetched no hashed file again.
  expect(repeatBytes).toBeLessThan(dashboardBytes / 5);
});
