import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  DESKTOP,
  launchBrowser,
  pageGraphql,
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
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

const graphql = (query: string, variables: Record<string, unknown> = {}) =>
  pageGraphql(page, query, variables);
const flash = () => page.getByTestId('flash');
const goalCard = (name: string) =>
  page.locator('article.goal-card', { has: page.getByRole('heading', { name, exact: true }) });
const debtRow = (name: string) =>
  page.locator('table.debt-table tbody tr', { has: page.getByText(name, { exact: true }) });

/** The last day of the month `count` months from now, as the planner dates payoffs. */
function endOfMonthIn(count: number): string {
  const now = new Date();
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + count + 1, 0));
  return end.toISOString().slice(0, 10);
}
const us = (date: string) =>
  new Intl.DateTimeFormat('en-US', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));

async function looks(name: string, on: Page = page) {
  expect(await seriousViolations(on)).toEqual([]);
  const { sideways } = await screenshots(on, `goals-debts-${name}`);
  expect({ name, sideways }).toEqual({ name, sideways: false });
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  context = await browser.newContext({ viewport: DESKTOP, locale: 'en-US', timezoneId: 'UTC' });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  await signUpInPage(page, app, {
    firstname: 'Grace',
    lastname: 'Hopper',
    email: 'grace@example.com',
    username: 'grace',
    password: 'compiler cobol 1959',
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('a goal is added, funded, edited and deleted on the Goals page', async () => {
  const made = await graphql(
    'mutation($input: AccountInput!) { createAccount(input: $input) { id } }',
    { input: { name: 'Rainy day', type: 'SAVINGS', currency: 'USD', openingBalance: '200' } },
  );
  expect(made.errors).toBeUndefined();
  await page.goto(`${app.url}/goals`);
  await page.getByRole('heading', { name: 'Goals', level: 1 }).waitFor();
  await textOf(page.locator('.state-empty'), 'No goals yet');
  await looks('goals-empty');

  await page.getByRole('button', { name: 'Add your first goal' }).click();
  const form = page.getByRole('form', { name: 'New goal' });
  // Refused before sending: no amount, a day in the past.
  await form.getByLabel('Name').fill('Holiday');
  await form.getByLabel('Target date (optional)').fill('2020-01-01');
  await form.getByRole('button', { name: 'Add goal' }).click();
  await textOf(form.locator('.field-invalid .field-error').first(), 'Enter an amount');
  await textOf(form.locator('.field-invalid .field-error').nth(1), 'Choose a date from today on');
  expect((await graphql('{ goals { id } }')).data).toEqual({ goals: [] });

  await form.getByLabel('Target amount').fill('1000');
  await form.getByLabel('Target date (optional)').fill(endOfMonthIn(3));
  await form.getByLabel(/Rainy day/).check();
  await looks('goal-form');
  await form.getByRole('button', { name: 'Add goal' }).click();
  await textOf(flash(), 'Added “Holiday”.');
  const card = goalCard('Holiday');
  // 200.00 from the linked account; 800.00 over four months (this one counted).
  await textOf(card, /\$200\.00\s+of\s+\$1,000\.00/);
  await textOf(card.locator('.goal-facts'), 'Needed per month\n$200.00');
  await textOf(card.locator('.goal-facts'), 'No progress in the last three months');
  expect(await card.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('20');

  await card.getByRole('button', { name: 'Contribute' }).click();
  const contribute = card.getByRole('form', { name: 'Contribute to Holiday' });
  await contribute.getByLabel('Amount (USD)').fill('-5');
  await contribute.getByRole('button', { name: 'Add contribution' }).click();
  await textOf(contribute.locator('.field-error').first(), 'Enter an amount such as');
  await contribute.getByLabel('Amount (USD)').fill('300');
  await contribute.getByLabel('Note (optional)').fill('Bonus');
  await contribute.getByRole('button', { name: 'Add contribution' }).click();
  await textOf(flash(), 'Saved towards “Holiday”.');
  // 500.00 saved: half, announced in the bell; 500.00 more at 100.00 a month takes 5 months.
  await textOf(card, /\$500\.00\s+of\s+\$1,000\.00/);
  await textOf(card.locator('.goal-facts'), `At your recent pace\n${us(endOfMonthIn(5))}`);
  await textOf(card.locator('.goal-facts'), 'Needed per month\n$125.00');
  const bell = await until(
    'the milestone notification',
    async () => (await graphql('{ notifications { nodes { kind title } } }')).data?.notifications,
    (n) => n?.nodes.some((x: { title: string }) => x.title === 'Holiday: 50 % saved'),
  );
  expect(bell.nodes.filter((n: { kind: string }) => n.kind === 'GOAL')).toHaveLength(1);
  await card.locator('summary').click();
  await textOf(card.locator('.goal-contributions'), 'Bonus');
  await looks('goals');

  // Editing a contribution and the goal itself.
  await card.getByRole('button', { name: /^Edit contribution of/ }).click();
  const edit = card.getByRole('form', { name: 'Edit contribution to Holiday' });
  await edit.getByLabel('Amount (USD)').fill('400');
  await edit.getByRole('button', { name: 'Save contribution' }).click();
  await textOf(card, /\$600\.00\s+of\s+\$1,000\.00/);
  await card.getByRole('button', { name: 'Edit Holiday' }).click();
  const goalForm = page.getByRole('form', { name: 'Edit Holiday' });
  await goalForm.getByLabel('Name').fill('Summer holiday');
  await goalForm.getByRole('button', { name: 'Save changes' }).click();
  await textOf(flash(), 'Saved “Summer holiday”.');
  const renamed = goalCard('Summer holiday');
  await textOf(renamed, /\$600\.00\s+of\s+\$1,000\.00/);

  await renamed.getByRole('button', { name: 'Delete Summer holiday' }).click();
  await renamed.getByRole('button', { name: 'Yes, delete' }).click();
  await textOf(flash(), 'Deleted “Summer holiday”.');
  await textOf(page.locator('.state-empty'), 'No goals yet');
});

test('debts are added and planned by both strategies on the Debts page', async () => {
  await page.goto(`${app.url}/debts`);
  await page.getByRole('heading', { name: 'Debts', level: 1 }).waitFor();
  await textOf(page.locator('.state-empty'), 'No debts yet');

  await page.getByRole('button', { name: 'Add your first debt' }).click();
  const form = page.getByRole('form', { name: 'New debt' });
  await form.getByLabel('Name', { exact: true }).fill('Store card');
  await form.getByLabel('Balance owed').fill('500');
  await form.getByLabel('Annual rate (%)').fill('150');
  await form.getByLabel('Minimum payment a month').fill('0');
  await form.getByRole('button', { name: 'Add debt' }).click();
  await textOf(form.locator('.field-invalid .field-error').first(), 'from 0 to 100');
  await textOf(form.locator('.field-invalid .field-error').nth(1), 'greater than 0');
  expect((await graphql('{ debts { id } }')).data).toEqual({ debts: [] });
  await form.getByLabel('Annual rate (%)').fill('0');
  await form.getByLabel('Minimum payment a month').fill('50');
  await form.getByRole('button', { name: 'Add debt' }).click();
  await textOf(flash(), 'Added “Store card”.');

  await page.getByRole('button', { name: 'Add debt' }).click();
  const second = page.getByRole('form', { name: 'New debt' });
  await second.getByLabel('Name', { exact: true }).fill('Car loan');
  await second.getByLabel('Balance owed').fill('1000');
  await second.getByLabel('Annual rate (%)').fill('12');
  await second.getByLabel('Minimum payment a month').fill('100');
  await second.getByRole('button', { name: 'Add debt' }).click();
  await textOf(flash(), 'Added “Car loan”.');
  await textOf(debtRow('Car loan'), '12 %');
  await textOf(debtRow('Car loan'), '$10.00');

  // The pair worked by hand in server/src/modules/debts/payoff.test.ts, with 100.00 extra.
  const planner = page.locator('.payoff-planner');
  await planner.getByLabel('Extra per month (USD)').fill('100');
  await planner.getByRole('button', { name: 'Plan' }).click();
  const snowball = planner.locator('.plan-card', {
    has: page.getByRole('heading', { name: 'Snowball' }),
  });
  const avalanche = planner.locator('.plan-card', {
    has: page.getByRole('heading', { name: 'Avalanche' }),
  });
  await textOf(snowball, 'Total interest\n$43.24');
  await textOf(avalanche, 'Total interest\n$31.12');
  await textOf(avalanche, `Debt-free\n${us(endOfMonthIn(7))}`);
  await textOf(avalanche.getByRole('list'), `Car loan paid off ${us(endOfMonthIn(6))}`);
  await textOf(planner.locator('.plan-verdict'), 'Avalanche saves $12.12 of interest');
  // One chart per strategy, each debt a band, in the order the strategy pays them.
  const avalancheChart = planner.locator('figure', { hasText: 'Avalanche: owed over time' });
  await textOf(avalancheChart.locator('.apexcharts-legend'), /Car loan\s*Store card/);
  const snowballChart = planner.locator('figure', { hasText: 'Snowball: owed over time' });
  await textOf(snowballChart.locator('.apexcharts-legend'), /Store card\s*Car loan/);
  await looks('debts');

  // Editing the card's minimum below its interest: the plan says it never ends.
  await debtRow('Car loan').getByRole('button', { name: 'Edit Car loan' }).click();
  const edit = page.getByRole('form', { name: 'Edit Car loan' });
  expect(await edit.getByLabel('Annual rate (%)').inputValue()).toBe('12');
  await edit.getByLabel('Annual rate (%)').fill('100');
  await edit.getByLabel('Minimum payment a month').fill('5');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await textOf(flash(), 'Saved “Car loan”.');
  await textOf(debtRow('Car loan'), 'Minimum does not cover the interest');
  await planner.getByLabel('Extra per month (USD)').fill('0');
  await planner.getByRole('button', { name: 'Plan' }).click();
  await textOf(snowball.locator('.plan-never'), 'Never paid off at this payment');
  await textOf(snowball.getByRole('list'), 'Car loan never paid off');

  await debtRow('Store card').getByRole('button', { name: 'Delete Store card' }).click();
  await debtRow('Store card').getByRole('button', { name: 'Yes, delete' }).click();
  await textOf(flash(), 'Deleted “Store card”.');
  expect((await graphql('{ debts { name } }')).data).toEqual({ debts: [{ name: 'Car loan' }] });
});

test('both pages in dark mode', async () => {
  const dark = await browser.newContext({
    viewport: DESKTOP,
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: 'dark',
    storageState: await context.storageState(),
  });
  const darkPage = await dark.newPage();
  try {
    await graphql(`
      mutation {
        createGoal(input: { name: "Emergency fund", targetAmount: "3000" }) {
          id
        }
      }
    `);
    await darkPage.goto(`${app.url}/goals`);
    await textOf(darkPage.locator('article.goal-card'), 'Emergency fund');
    expect(await darkPage.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(
      'rgb(255, 255, 255)',
    );
    await looks('goals-dark', darkPage);
    await darkPage.goto(`${app.url}/debts`);
    await darkPage.locator('.payoff-planner .apexcharts-svg').first().waitFor();
    await looks('debts-dark', darkPage);
  } finally {
    await dark.close();
  }
  expect(problems).toEqual([]);
});
