import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../server/src/config';
import { startServer, type RunningServer } from '../../server/src/server';
import { CHROMIUM, clientDir, screenshotDir } from './paths';

export interface App {
  url: string;
  dataDir: string;
  server: RunningServer;
  stop(): Promise<void>;
}

/** The real server, in this process, on a random port and a fresh SQLite database. */
export async function startApp(): Promise<App> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-e2e-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    PORT: '0',
    CLIENT_DIR: path.join(clientDir, 'dist'),
  });
  // Cheaper password hashing for the tests only; the format carries its own parameters.
  const server = await startServer({ ...config, scryptLogN: 12 });
  return {
    url: server.url,
    dataDir,
    server,
    async stop() {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}

export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 375, height: 760 };

/**
 * Every request the page makes must stay on the app's own origin (no CDN for fonts, icons,
 * charts or GraphiQL). Returns the list of offending URLs, filled as the page runs.
 */
export function watchForeignRequests(context: BrowserContext, origin: string): string[] {
  const foreign: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) foreign.push(url);
  });
  return foreign;
}

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // evaluate() is not subject to the page's Content-Security-Policy, unlike a <script> tag.
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run()).violations;
  })) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}

/** Whether the page scrolls sideways (its content is wider than the window). */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
  );
}

/**
 * Saves the page at desktop width and at 375 px into screenshots/, and checks on the way that the
 * narrow one does not scroll sideways. Leaves the page at desktop width.
 */
export async function screenshots(page: Page, name: string): Promise<{ sideways: boolean }> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.setViewportSize(DESKTOP);
  await settle(page);
  await page.screenshot({ path: path.join(screenshotDir, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await settle(page);
  const sideways = await scrollsSideways(page);
  await page.screenshot({ path: path.join(screenshotDir, `${name}-375.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
  await settle(page);
  return { sideways };
}

/** Screenshots without running anything in the page, for pages whose scripts are off. */
export async function plainScreenshots(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['375', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({
      path: path.join(screenshotDir, `${name}-${size}.png`),
      fullPage: true,
    });
  }
  await page.setViewportSize(DESKTOP);
}

/** Lets layout, fonts and the charts' resize handling finish. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 250))),
  );
}

/** The most recent mail in the server's outbox (DATA_DIR/mail/*.eml), as text. */
export function latestMail(dataDir: string): string {
  const dir = path.join(dataDir, 'mail');
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => path.join(dir, f))
    .sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
  if (files.length === 0) throw new Error(`No mail in ${dir}`);
  return fs.readFileSync(files[files.length - 1], 'utf8');
}

/**
 * Waits until `read()` passes `check` (playwright-core has no web-first assertions of its own);
 * on timeout, fails naming what was awaited and the last value seen.
 */
export async function until<T>(
  what: string,
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeout = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  let failure: unknown;
  while (Date.now() < deadline) {
    try {
      last = await read();
      failure = undefined;
      if (check(last)) return last;
    } catch (error) {
      failure = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `Timed out waiting for ${what}; last seen: ${failure ? String(failure) : JSON.stringify(last)}`,
  );
}

/** Waits for the element's text to contain `expected` (or match it). */
export function textOf(
  locator: import('playwright-core').Locator,
  expected: string | RegExp,
  timeout?: number,
): Promise<string> {
  return until(
    `text ${String(expected)}`,
    // innerText for HTML (what is rendered), textContent for SVG (which has no innerText).
    () =>
      locator
        .first()
        .evaluate(
          (el) => (el instanceof HTMLElement ? el.innerText : (el.textContent ?? '')),
          null,
          {
            timeout: 1000,
          },
        ),
    (text) => (typeof expected === 'string' ? text.includes(expected) : expected.test(text)),
    timeout,
  );
}

/** Waits for the page's path (and query) to be `expected`. */
export function pathIs(page: Page, expected: string | RegExp): Promise<string> {
  return until(
    `the address ${String(expected)}`,
    async () => {
      const url = new URL(page.url());
      return `${url.pathname}${url.search}`;
    },
    (value) => (typeof expected === 'string' ? value === expected : expected.test(value)),
  );
}

export interface GraphqlAnswer {
  data?: any; // each test reads its own shape
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** A GraphQL request sent from inside the page, with its session cookie, as the app sends one. */
export function pageGraphql(
  page: Page,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphqlAnswer> {
  return page.evaluate(
    async ({ query, variables }) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphqlAnswer;
    },
    { query, variables },
  );
}

/** Opens the app's login page, registers `account` and signs the page in, through the API. */
export async function signUpInPage(
  page: Page,
  app: App,
  account: {
    firstname: string;
    lastname: string;
    email: string;
    username: string;
    password: string;
  },
): Promise<void> {
  await page.goto(`${app.url}/login`);
  const registered = await pageGraphql(
    page,
    'mutation($input: RegisterInput!) { register(input: $input) { id } }',
    { input: account },
  );
  expect(registered.errors).toBeUndefined();
  const login = await pageGraphql(
    page,
    'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }',
    { u: account.username, p: account.password },
  );
  expect(login.errors).toBeUndefined();
}
