import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  DESKTOP,
  launchBrowser,
  pageGraphql,
  PHONE,
  screenshots,
  settle,
  signUpInPage,
  startApp,
  type App,
} from './harness';

jest.setTimeout(120_000);

/**
 * How the dashboard looks with awkward data (issue 18, "Looks and feel"): an empty year, a
 * category in several months, huge amounts, a phone's width, and the keyboard.
 */
let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const graphql = (query: string) => pageGraphql(page, query);

async function dashboard(month: string) {
  await page.goto(`${app.url}/dashboard?month=${month}`);
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  await page.getByTestId('dashboard-charts').waitFor();
  await settle(page);
}

/** The colour of each category in the donut's legend, by name. */
async function legendColours(): Promise<Record<string, string>> {
  const donut = page.locator('figure', {
    has: page.getByRole('heading', { name: 'Spending by category' }),
  });
  await donut.locator('.apexcharts-legend-series').first().waitFor();
  return donut.locator('.apexcharts-legend-series').evaluateAll((items) =>
    Object.fromEntries(
      items.map((item) => [
        item.querySelector('.apexcharts-legend-text')?.textContent ?? '',
        // The marker is an SVG shape inside the entry, filled with the series' colour.
        item.querySelector('.apexcharts-legend-marker svg [fill]')?.getAttribute('fill') ?? '',
      ]),
    ),
  );
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  page = await context.newPage();
  await signUpInPage(page, app, {
    firstname: 'Ada',
    lastname: 'Lovelace',
    email: 'ada@example.com',
    username: 'ada',
    password: 'analytical engine 1843',
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('an empty year shows empty states, not a $0 axis', async () => {
  await dashboard('2023-06');
  await page.getByText('No budgets or spending in these twelve months yet.').waitFor();
  await page.getByText('No spending in June 2023 yet.').waitFor();
  await page.getByText('Nothing in your accounts yet.').waitFor();
  expect(await page.locator('.apexcharts-canvas').count()).toBe(0);
});

test('a category keeps its colour from month to month, whatever the order', async () => {
  const add = (description: string, amount: string, category: string, date: string) =>
    graphql(
      `mutation { addExpense(input: { description: "${description}", amount: "${amount}", category: "${category}", date: "${date}" }) { id } }`,
    );
  for (const [amount, category, date] of [
    ['50', 'Food', '2024-01-05'],
    ['20', 'Rent', '2024-01-06'],
    ['5', 'Books', '2024-01-07'],
    ['1', 'Food', '2024-02-05'],
    ['70', 'Books', '2024-02-06'],
    ['30', 'Travel', '2024-02-07'],
  ] as const) {
    expect((await add(category, amount, category, date)).errors).toBeUndefined();
  }
  await dashboard('2024-01');
  const january = await legendColours();
  await dashboard('2024-02');
  const february = await legendColours();
  expect(Object.keys(january).sort()).toEqual(['Books', 'Food', 'Rent']);
  expect(Object.keys(february).sort()).toEqual(['Books', 'Food', 'Travel']);
  expect(february.Food).toBe(january.Food);
  expect(february.Books).toBe(january.Books);
  expect(new Set(Object.values(february)).size).toBe(3);
});

test('each legend is one tab stop; the arrow keys move within it', async () => {
  await dashboard('2024-02');
  const legend = page
    .locator('figure', { has: page.getByRole('heading', { name: 'Spending by category' }) })
    .locator('.apexcharts-legend-series');
  await legend.first().waitFor();
  const tabIndexes = await legend.evaluateAll((items) =>
    items.map((i) => (i as HTMLElement).tabIndex),
  );
  expect(tabIndexes).toEqual([0, -1, -1]);
  await legend.first().focus();
  await page.keyboard.press('ArrowRight');
  expect(
    await legend.evaluateAll((items) => items.map((i) => i === document.activeElement)),
  ).toEqual([false, true, false]);
  expect(
    await legend.evaluateAll((items) => items.map((i) => (i as HTMLElement).tabIndex)),
  ).toEqual([-1, 0, -1]);
});

test('at 375 px the twelve month labels do not overlap, and huge amounts stay in their cards', async () => {
  expect(
    (
      await graphql(
        'mutation { addIncome(input: { description: "Lottery", amount: "9999999999.99", date: "2024-02-10" }) { id } }',
      )
    ).errors,
  ).toBeUndefined();
  await page.setViewportSize(PHONE);
  await dashboard('2024-02');
  for (const title of ['Budget and spending, last 12 months', 'Net worth, last 12 months']) {
    const chart = page.locator('figure', { has: page.getByRole('heading', { name: title }) });
    // (Every other label is blank on a phone, and a blank one counts as hidden.)
    await chart.locator('.apexcharts-xaxis-label').last().waitFor({ state: 'attached' });
    const boxes = await chart.locator('.apexcharts-xaxis-label').evaluateAll((labels) =>
      labels
        .filter((label) => (label.textContent ?? '').trim() !== '')
        .map((label) => {
          const box = label.getBoundingClientRect();
          return { left: box.left, right: box.right };
        }),
    );
    expect(boxes.length).toBeGreaterThanOrEqual(6);
    for (let i = 1; i < boxes.length; i++) {
      expect({ title, i, overlaps: boxes[i].left < boxes[i - 1].right }).toEqual({
        title,
        i,
        overlaps: false,
      });
    }
  }
  const overflowing = await page
    .locator('.stat-value')
    .evaluateAll((values) =>
      values.filter((v) => v.scrollWidth > v.clientWidth + 1).map((v) => v.textContent),
    );
  expect(overflowing).toEqual([]);
  const { sideways } = await screenshots(page, 'dashboard-looks');
  expect(sideways).toBe(false);
});

test('on a phone every other month is labelled, the newest included; widened, every month with its year', async () => {
  await page.setViewportSize(PHONE);
  await dashboard('2024-02');
  const chart = page.locator('figure', {
    has: page.getByRole('heading', { name: 'Budget and spending, last 12 months' }),
  });
  const labels = () =>
    chart
      .locator('.apexcharts-xaxis-label')
      .evaluateAll((all) => all.map((label) => (label.textContent ?? '').trim()));
  await chart.locator('.apexcharts-xaxis-label').last().waitFor({ state: 'attached' });
  expect(await labels()).toEqual([
    '',
    'Apr',
    '',
    'Jun',
    '',
    'Aug',
    '',
    'Oct',
    '',
    'Dec',
    '',
    'Feb',
  ]);
  const netWorth = page.locator('figure', {
    has: page.getByRole('heading', { name: 'Net worth, last 12 months' }),
  });
  // A line chart's labels, left to right, under the months they name.
  const lineLabels = await netWorth.locator('.apexcharts-xaxis-label').evaluateAll((all) =>
    all
      .map((label) => ({
        text: (label.textContent ?? '').trim(),
        x: label.getBoundingClientRect().left,
      }))
      .filter((label) => label.text !== '')
      .sort((a, b) => a.x - b.x)
      .map((label) => label.text),
  );
  // The net worth chart shows the twelve months to this one, whatever month is chosen.
  const now = new Date();
  const monthName = (back: number) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toLocaleString('en-US', {
      month: 'short',
      timeZone: 'UTC',
    });
  expect(lineLabels).toEqual([10, 8, 6, 4, 2, 0].map(monthName));

  await page.setViewportSize(DESKTOP);
  // ApexCharts redraws a moment after the window's resize event.
  let desktop = await labels();
  for (let i = 0; i < 50 && desktop.includes(''); i++) {
    await page.waitForTimeout(100);
    desktop = await labels();
  }
  expect(desktop).toEqual([
    'Mar 23',
    'Apr 23',
    'May 23',
    'Jun 23',
    'Jul 23',
    'Aug 23',
    'Sep 23',
    'Oct 23',
    'Nov 23',
    'Dec 23',
    'Jan 24',
    'Feb 24',
  ]);
});
