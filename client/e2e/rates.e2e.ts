import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  launchBrowser,
  screenshots,
  seriousViolations,
  settle,
  startApp,
  textOf,
  watchForeignRequests,
  type App,
} from './harness';

jest.setTimeout(90_000);

let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let foreign: string[];
const consoleErrors: string[] = [];

/** An ECB daily file as the bank publishes it, generated here rather than copied. */
function ecbDaily(date: string, rates: Record<string, string>): string {
  const cubes = Object.entries(rates)
    .map(([currency, rate]) => `\t\t\t<Cube currency='${currency}' rate='${rate}'/>\n`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" ' +
    'xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">\n' +
    '\t<gesmes:subject>Reference rates</gesmes:subject>\n' +
    `\t<Cube>\n\t\t<Cube time='${date}'>\n${cubes}\t\t</Cube>\n\t</Cube>\n</gesmes:Envelope>\n`
  );
}

async function signUpInPage() {
  await page.goto(`${app.url}/login`);
  await page.locator('h1').first().waitFor();
  const errors = await page.evaluate(async () => {
    const call = async (query: string, variables: Record<string, unknown>) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ query, variables }),
      });
      return ((await response.json()) as { errors?: unknown[] }).errors ?? [];
    };
    const input = {
      firstname: 'Rate',
      lastname: 'Keeper',
      email: 'rates@example.com',
      username: 'rates',
      password: 'exchange rates 2024',
    };
    return [
      ...(await call('mutation($input: RegisterInput!) { register(input: $input) { id } }', {
        input,
      })),
      ...(await call(
        'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }',
        {
          u: input.username,
          p: input.password,
        },
      )),
    ];
  });
  expect(errors).toEqual([]);
}

const rows = () => page.locator('table.rate-table tbody tr');

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  foreign = watchForeignRequests(context, app.url);
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await signUpInPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('the rates page starts empty, linked from the navigation', async () => {
  await page.goto(`${app.url}/dashboard`);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rates' }).click();
  await textOf(page.locator('h1'), 'Exchange rates');
  await textOf(page.locator('.state-empty h2'), 'No exchange rates yet');
  expect(await seriousViolations(page)).toEqual([]);
  expect((await screenshots(page, 'rates-empty')).sideways).toBe(false);
});

test('a rate with mistakes shows each beside its field; a good one is listed', async () => {
  await page.getByLabel('From', { exact: true }).first().fill('US');
  await page.getByLabel('To', { exact: true }).first().fill('EUR');
  await page.getByLabel('Rate', { exact: true }).fill('-1');
  await page.getByRole('button', { name: 'Save rate' }).click();
  await textOf(page.locator('.field-error').first(), 'Enter a currency code such as USD');
  await page
    .locator('.field-error', { hasText: 'Enter a positive number such as 1.0825' })
    .waitFor();
  // A code of the right shape that ISO 4217 does not know: the server's message, on its field.
  await page.getByLabel('From', { exact: true }).first().fill('XYZ');
  await page.getByLabel('Rate', { exact: true }).fill('0.9150');
  await page.getByRole('button', { name: 'Save rate' }).click();
  await page
    .locator('.field-error', { hasText: 'Currency must be an ISO 4217 code such as EUR or USD' })
    .waitFor();
  await page.getByLabel('From', { exact: true }).first().fill('usd');
  await page.getByLabel('Day').fill('2024-01-12');
  await page.getByRole('button', { name: 'Save rate' }).click();
  await textOf(page.getByTestId('flash'), 'Rate USD->EUR saved.');
  await rows().first().waitFor();
  expect(await rows().allInnerTexts()).toEqual([
    expect.stringMatching(/USD → EUR\s+0\.915\s+Entered/),
  ]);
});

test('imports an ECB daily XML file and lists its rates, newest first', async () => {
  const xml = ecbDaily('2024-01-15', { USD: '1.0945', JPY: '160.79', GBP: '0.86', CHF: '0.9377' });
  await page.locator('input[type="file"]').setInputFiles({
    name: 'eurofxref-daily.xml',
    mimeType: 'text/xml',
    buffer: Buffer.from(xml),
  });
  await page.getByRole('button', { name: 'Import a file' }).click();
  await textOf(page.getByTestId('flash'), '4 rates imported from eurofxref-daily.xml.');
  await page.waitForFunction(
    () => document.querySelectorAll('table.rate-table tbody tr').length === 5,
  );
  const texts = await rows().allInnerTexts();
  expect(texts.slice(0, 4).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
    expect.stringMatching(/EUR → CHF 0\.9377 ECB file$/),
    expect.stringMatching(/EUR → GBP 0\.86 ECB file$/),
    expect.stringMatching(/EUR → JPY 160\.79 ECB file$/),
    expect.stringMatching(/EUR → USD 1\.0945 ECB file$/),
  ]);
  expect(texts[4]).toMatch(/USD → EUR/);

  // The same file again: nothing new.
  await page.locator('input[type="file"]').setInputFiles({
    name: 'eurofxref-daily.xml',
    mimeType: 'text/xml',
    buffer: Buffer.from(xml),
  });
  await page.getByRole('button', { name: 'Import a file' }).click();
  await textOf(
    page.getByTestId('flash'),
    'Nothing new in eurofxref-daily.xml: its rates were already stored.',
  );

  // Filtering by pair.
  await page.locator('#rate-filter-to').fill('jpy');
  await page.waitForFunction(
    () => document.querySelectorAll('table.rate-table tbody tr').length === 1,
  );
  await page.locator('#rate-filter-to').fill('');
  await page.waitForFunction(
    () => document.querySelectorAll('table.rate-table tbody tr').length === 5,
  );
  await settle(page);
  expect(await seriousViolations(page)).toEqual([]);
  expect((await screenshots(page, 'rates')).sideways).toBe(false);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect((await screenshots(page, 'rates-dark')).sideways).toBe(false);
  await page.emulateMedia({ colorScheme: 'light' });
});

test('a file that is not a rates file is refused with a clear message', async () => {
  await page.locator('input[type="file"]').setInputFiles({
    name: 'eurofxref-daily.xml',
    mimeType: 'text/xml',
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  });
  await page.getByRole('button', { name: 'Import a file' }).click();
  await textOf(
    page.locator('[role="alert"].field-error'),
    'HTML and SVG files are not accepted: they can carry scripts',
  );
  expect(await rows().count()).toBe(5);
});

test('no request left the app, and nothing failed in the page', () => {
  expect(foreign).toEqual([]);
  // The refused upload above is a 415 the page handles: the browser logs it as a failed request.
  expect(consoleErrors.filter((e) => !/status of 415/.test(e))).toEqual([]);
});
