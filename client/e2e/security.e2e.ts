import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { totpCode, totpStep } from '../../server/src/lib/totp';
import {
  launchBrowser,
  pathIs,
  screenshots,
  seriousViolations,
  settle,
  startApp,
  textOf,
  until,
  type App,
} from './harness';

jest.setTimeout(120_000);

const XSS = '<img src=x onerror=alert(1)>';
const account = {
  firstname: 'Grace',
  lastname: 'Hopper',
  email: 'grace@example.com',
  username: 'grace',
  password: 'compilers all the way down',
};

let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const dialogs: string[] = [];
const consoleErrors: string[] = [];

/** A GraphQL request from the test itself (not the page), optionally with a bearer token. */
async function graphql(
  query: string,
  { token, variables }: { token?: string; variables?: Record<string, unknown> } = {},
): Promise<{
  data?: Record<string, unknown> | null;
  errors?: { extensions?: { code?: string } }[];
}> {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return response.json() as Promise<{
    data?: Record<string, unknown> | null;
    errors?: { extensions?: { code?: string } }[];
  }>;
}

async function visit(path: string) {
  await page.goto(`${app.url}${path}`);
  await page.locator('h1').first().waitFor();
  await settle(page);
}

/** axe at once, then screenshots at both widths with no sideways scrolling, light and dark. */
async function checkPage(name: string, { dark = false } = {}) {
  expect(await seriousViolations(page)).toEqual([]);
  const { sideways } = await screenshots(page, name);
  expect({ page: name, sideways }).toEqual({ page: name, sideways: false });
  if (dark) {
    await page.emulateMedia({ colorScheme: 'dark' });
    await settle(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, `${name}-dark`);
    await page.emulateMedia({ colorScheme: 'light' });
  }
}

const flash = () => page.getByTestId('flash');
const tokenRows = () => page.locator('table.token-table tbody tr');
const eventRows = () => page.locator('table.event-table tbody tr');

async function logIn(password: string, code?: string) {
  await visit('/login');
  await page.getByLabel('Username or email').fill(account.username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  if (code !== undefined) {
    await page.getByLabel('Authenticator code').fill(code);
    await page.getByRole('button', { name: 'Log in' }).click();
  }
  await pathIs(page, '/dashboard');
}

async function logOut() {
  await page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
  await pathIs(page, '/login');
}

// The TOTP secret shown at set-up, and the last time step the server accepted from it (a step
// is accepted once: the next code must come from a later one).
let secret = '';
let lastStep = 0;
let recoveryCodes: string[] = [];

/** A code the server will take now: one step past the last used, waiting for the clock if need be. */
async function nextCode(): Promise<string> {
  const step = lastStep + 1;
  // The server accepts the current step and one either side.
  while (step > totpStep(Date.now()) + 1) await new Promise((r) => setTimeout(r, 500));
  lastStep = Math.max(step, totpStep(Date.now()) - 1);
  return totpCode(secret, lastStep);
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  context = await browser.newContext({
    viewport: { width: 1280, height: 860 },
    acceptDownloads: true,
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const registered = await graphql(
    'mutation($input: RegisterInput!) { register(input: $input) { id } }',
    { variables: { input: account } },
  );
  expect(registered.errors).toBeUndefined();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('API tokens: create one, its secret works as a bearer token once shown, revoke it', async () => {
  await logIn(account.password);
  await visit('/settings');
  await page.getByRole('link', { name: 'Manage API tokens' }).click();
  await pathIs(page, '/settings/tokens');
  await page.getByRole('heading', { name: 'No API tokens yet' }).waitFor();
  await checkPage('tokens-empty');

  // Client-side validation first.
  await page.getByRole('button', { name: 'Create token' }).click();
  await page.locator('.field-error', { hasText: 'Name the token' }).waitFor();
  expect(await page.getByLabel('Name').evaluate((el) => el === document.activeElement)).toBe(true);

  await page.getByLabel('Name').fill('Monthly export');
  await page.getByLabel(/Read only/).check();
  await page.getByLabel('Expires on (optional)').fill('2099-12-31');
  await page.getByRole('button', { name: 'Create token' }).click();
  await textOf(flash(), 'Token “Monthly export” created.');
  const secretField = page.getByLabel('Token “Monthly export”');
  const token = await secretField.inputValue();
  expect(token).toMatch(/^pft_[A-Za-z0-9_-]{43}$/);
  await textOf(page.getByTestId('token-secret'), 'you will not see it again');
  await page.getByRole('button', { name: 'Copy token' }).click();
  await textOf(page.getByTestId('token-secret'), 'Copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await until(
    'the new row',
    () => tokenRows().count(),
    (n) => n === 1,
  );
  await textOf(tokenRows().first(), 'Never'); // not used yet
  await checkPage('token-created', { dark: true });

  // The secret works from outside the browser: it reads, but a READ token may not write.
  const read = await graphql('{ me { username } }', { token });
  expect(read).toEqual({ data: { me: { username: account.username } } });
  const write = await graphql('mutation { createCategory(name: "From a script") { id } }', {
    token,
  });
  expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

  // Once done, the secret is gone from the page for good; the list shows the use.
  await page.getByRole('button', { name: 'Done, I have saved it' }).click();
  expect(await page.getByTestId('token-secret').count()).toBe(0);
  expect(await page.content()).not.toContain(token);
  await visit('/settings/tokens');
  await until(
    'one row',
    () => tokenRows().count(),
    (n) => n === 1,
  );
  const row = tokenRows().first();
  await textOf(row, 'Monthly export');
  await textOf(row, 'Read only');
  expect(await row.locator('td[data-label="Last used"] time').count()).toBe(1);
  expect(await row.locator('td[data-label="Expires"] time').getAttribute('datetime')).toBe(
    '2100-01-01T00:00:00.000Z',
  );
  await checkPage('tokens-list');

  // Revoke, after a confirmation that can be declined.
  await page.getByRole('button', { name: 'Revoke Monthly export' }).click();
  await page.getByRole('button', { name: 'Keep it' }).click();
  expect(await tokenRows().count()).toBe(1);
  await page.getByRole('button', { name: 'Revoke Monthly export' }).click();
  await textOf(row, 'Scripts using it stop working at once.');
  await page.getByRole('button', { name: 'Yes, revoke' }).click();
  await textOf(flash(), 'Token “Monthly export” revoked.');
  await page.getByRole('heading', { name: 'No API tokens yet' }).waitFor();
  const after = await graphql('{ me { username } }', { token });
  expect(after.data ?? null).toBeNull();
  expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

test('a WRITE token by keyboard alone, and a token named with markup shown as text', async () => {
  await visit('/settings/tokens');
  await page.getByLabel('Name').focus();
  await page.keyboard.type(XSS);
  await page.keyboard.press('Tab'); // to the scope radio group (Read only is checked)
  await page.keyboard.press('ArrowDown'); // Read and write
  expect(await page.getByLabel(/Read and write/).isChecked()).toBe(true);
  await page.getByLabel('Name').press('Enter');
  await textOf(flash(), `Token “${XSS}” created.`);
  const token = await page.getByLabel(`Token “${XSS}”`).inputValue();
  const wrote = await graphql('mutation { createCategory(name: "From a script") { name } }', {
    token,
  });
  expect(wrote).toEqual({ data: { createCategory: { name: 'From a script' } } });
  await page.getByRole('button', { name: 'Done, I have saved it' }).click();
  await textOf(tokenRows().first(), XSS);
  await textOf(tokenRows().first(), 'Read and write');
  await page.getByRole('button', { name: `Revoke ${XSS}` }).click();
  await page.getByRole('button', { name: 'Yes, revoke' }).click();
  await textOf(flash(), `Token “${XSS}” revoked.`);
  expect(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
  expect(dialogs).toEqual([]);
});

test('two-factor sign-in: turn on with a QR code and a computed code; recovery codes once', async () => {
  await visit('/settings');
  const card = page.getByRole('region', { name: 'Two-factor sign-in' });
  await textOf(card, 'Signing in asks only for your password');
  await card.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  const qr = card.getByRole('img', { name: 'QR code holding your two-factor secret' });
  await qr.waitFor();
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
  // The image really drew (the Content-Security-Policy allows data: images).
  await until(
    'the QR code to load',
    () => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    (ok) => ok,
  );
  secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await checkPage('two-factor-setup', { dark: true });

  // A wrong code is refused beside the field.
  const now = totpStep(Date.now());
  const wrong = totpCode(secret, now - 5) === '000000' ? '111111' : '000000';
  await card.getByLabel('Code from the app').fill(wrong);
  await card.getByRole('button', { name: 'Turn on' }).click();
  await card.locator('.field-error', { hasText: 'That code is not right' }).waitFor();

  lastStep = now - 1;
  await card.getByLabel('Code from the app').fill(await nextCode());
  await card.getByRole('button', { name: 'Turn on' }).click();
  await textOf(flash(), 'Two-factor sign-in is on.');
  const list = page.getByRole('list', { name: 'Recovery codes' });
  await until(
    'ten codes',
    () => list.locator('li').count(),
    (n) => n === 10,
  );
  recoveryCodes = (await list.locator('li').allInnerTexts()).map((c) => c.trim());
  expect(recoveryCodes.every((c) => /^[0-9a-f]{5}-[0-9a-f]{5}$/.test(c))).toBe(true);
  await textOf(page.getByTestId('recovery-codes'), 'you will not see them again');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download as text' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('finance-recovery-codes.txt');
  const saved = fs.readFileSync(await download.path(), 'utf8');
  for (const code of recoveryCodes) expect(saved).toContain(code);
  await page.getByRole('button', { name: 'Copy codes' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(recoveryCodes.join('\n'));
  await checkPage('two-factor-recovery-codes');

  await page.getByRole('button', { name: 'Done, I have saved them' }).click();
  await textOf(card, 'Signing in asks for your password and a code');
  expect(await list.count()).toBe(0);
});

test('log in with the password and then a code, and with a recovery code', async () => {
  await logOut();
  await page.getByLabel('Username or email').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  const code = page.getByLabel('Authenticator code');
  await code.waitFor();
  await until(
    'focus on the code',
    () => code.evaluate((el) => el === document.activeElement),
    (focused) => focused,
  );
  await checkPage('login-two-factor');
  // A wrong code: refused, still on the log-in page.
  await code.fill('000000' === totpCode(secret, totpStep(Date.now())) ? '111111' : '000000');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('.field-error', { hasText: 'That code is not right' }).waitFor();
  await code.fill(await nextCode());
  await page.getByRole('button', { name: 'Log in' }).click();
  await pathIs(page, '/dashboard');

  await logOut();
  await logIn(account.password, recoveryCodes[0].toUpperCase());
  await logOut();
  // A recovery code works once only.
  await page.getByLabel('Username or email').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByLabel('Authenticator code').fill(recoveryCodes[0]);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('.field-error', { hasText: 'That code is not right' }).waitFor();
  await page.getByLabel('Authenticator code').fill(recoveryCodes[1]);
  await page.getByRole('button', { name: 'Log in' }).click();
  await pathIs(page, '/dashboard');
});

test('recent security events on the settings page: in words, local time, address, as text', async () => {
  await visit('/settings');
  await until(
    'the events',
    () => eventRows().count(),
    (n) => n >= 10,
  );
  const table = page.locator('table.event-table');
  for (const words of [
    'Logged in',
    'Recovery code used',
    'Failed log-in: wrong authenticator code',
    'Two-factor sign-in turned on',
    'API token created: Monthly export',
    'API token revoked: Monthly export',
    `API token created: ${XSS}`,
  ]) {
    await textOf(table, words);
  }
  // The newest first: the last log-in, with a recovery code just before it.
  await textOf(eventRows().first(), 'Logged in');
  await textOf(eventRows().nth(1), 'Recovery code used');
  const first = eventRows().first();
  await textOf(first.locator('td[data-label="Address"]'), /127\.0\.0\.1|::1/);
  await textOf(first.locator('td[data-label="Device"]'), 'on Linux');
  // The time is the browser's own rendering of the server's timestamp.
  const when = first.locator('time');
  const iso = (await when.getAttribute('datetime')) as string;
  const expected = await page.evaluate(
    (value) =>
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(value),
      ),
    iso,
  );
  expect(await when.innerText()).toBe(expected);
  expect(Math.abs(Date.parse(iso) - Date.now())).toBeLessThan(120_000);
  expect(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
  expect(dialogs).toEqual([]);
  await checkPage('settings-security', { dark: true });
});

test('turn two-factor sign-in off with the password and a recovery code', async () => {
  const card = page.getByRole('region', { name: 'Two-factor sign-in' });
  await card.getByRole('button', { name: 'Turn off…' }).click();
  await card.getByLabel('Password').fill('not my password');
  await card.getByLabel('Authenticator or recovery code').fill(recoveryCodes[2]);
  await card.getByRole('button', { name: 'Turn off two-factor sign-in' }).click();
  await card.locator('.field-error', { hasText: 'Password is incorrect' }).waitFor();
  await checkPage('two-factor-turn-off');
  await card.getByLabel('Password').fill(account.password);
  await card.getByLabel('Authenticator or recovery code').fill(recoveryCodes[2]);
  await card.getByRole('button', { name: 'Turn off two-factor sign-in' }).click();
  await textOf(flash(), 'Two-factor sign-in is off.');
  await textOf(card, 'Signing in asks only for your password');
  await textOf(eventRows().first(), 'Two-factor sign-in turned off');
  // Signing in needs the password alone again.
  await logOut();
  await logIn(account.password);
});

test('too many failed log-ins: the form says how long to wait and holds the button', async () => {
  await logOut();
  const username = 'someone-else';
  for (let i = 1; i <= 10; i += 1) {
    await page.getByLabel('Username or email').fill(username);
    await page.getByLabel('Password').fill(`guess number ${i}`);
    await page.getByRole('button', { name: 'Log in' }).click();
    await textOf(flash(), 'Invalid username or password');
    await page.getByRole('button', { name: 'Dismiss message' }).click();
  }
  await page.getByLabel('Password').fill('guess number 11');
  await page.getByRole('button', { name: 'Log in' }).click();
  const notice = page.getByTestId('rate-limit');
  await textOf(notice, /try again in 15 minutes \(at .+\)/);
  expect(await page.getByRole('button', { name: 'Log in' }).isDisabled()).toBe(true);
  await checkPage('login-rate-limited');
});

test('too many reset requests: the forgot-password form says how long to wait', async () => {
  for (let i = 0; i < 5; i += 1) {
    const sent = await graphql(
      'mutation($email: String!) { requestPasswordReset(email: $email) }',
      {
        variables: { email: `nobody${i}@example.com` },
      },
    );
    expect(sent.errors).toBeUndefined();
  }
  await visit('/forgot_password');
  await page.getByLabel('Email').fill(account.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await textOf(
    page.getByTestId('rate-limit'),
    /sending reset links is paused: try again in \d+ minutes/,
  );
  expect(await page.getByRole('button', { name: 'Send reset link' }).isDisabled()).toBe(true);
  await checkPage('forgot-password-rate-limited');
});

test('no script errors and no dialogs along the way', () => {
  const faults = consoleErrors.filter((text) => !text.startsWith('Failed to load resource:'));
  expect(faults).toEqual([]);
  expect(dialogs).toEqual([]);
});
