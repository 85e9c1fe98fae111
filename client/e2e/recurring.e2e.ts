import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../server/src/config';
import { createServices } from '../../server/src/services';
import {
  DESKTOP,
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

// The browser says it is in New York: the app must tell the server so on first use.
const ZONE = 'America/New_York';

let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

const graphql = (query: string, variables: Record<string, unknown> = {}) =>
  pageGraphql(page, query, variables);
const flash = () => page.getByTestId('flash');
const ruleRow = (name: string) =>
  page.locator('table.rule-table tbody tr', { has: page.getByText(name, { exact: true }) });
const billRow = (name: string) =>
  page.locator('table.bill-table tbody tr', { has: page.getByText(name, { exact: true }) });

/** Calendar days as the browser (in ZONE) counts them, so they agree with the server's. */
const browserDay = (offset: number): Promise<string> =>
  page.evaluate((days) => {
    const d = new Date();
    d.setDate(d.getDate() + days);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }, offset);

const us = (date: string) =>
  new Intl.DateTimeFormat('en-US', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));

async function looks(name: string) {
  expect(await seriousViolations(page)).toEqual([]);
  const { sideways } = await screenshots(page, `recurring-${name}`);
  expect({ name, sideways }).toEqual({ name, sideways: false });
}

async function createRule(input: Record<string, unknown>) {
  const made = await graphql(
    'mutation($input: RecurringRuleInput!) { createRecurringRule(input: $input) { id } }',
    { input },
  );
  expect(made.errors).toBeUndefined();
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  context = await browser.newContext({ viewport: DESKTOP, locale: 'en-US', timezoneId: ZONE });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
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

test('the first signed-in page sends the browser’s time zone, once', async () => {
  await page.goto(`${app.url}/recurring`);
  await page.getByRole('heading', { name: 'Recurring', level: 1 }).waitFor();
  const settings = await until(
    'the time zone to be sent',
    async () => (await graphql('{ userSettings { timeZone timeZoneChosen } }')).data?.userSettings,
    (s) => s?.timeZoneChosen === true,
  );
  expect(settings).toEqual({ timeZone: ZONE, timeZoneChosen: true });
  await textOf(page.locator('.state-empty'), 'No recurring rules yet');
  // The empty state keeps the cards' gap to the suggestions below it.
  const [empty, next] = await Promise.all([
    page.locator('.state-empty').first().boundingBox(),
    page.getByRole('region', { name: 'Found in your history' }).boundingBox(),
  ]);
  expect((next?.y ?? 0) - ((empty?.y ?? 0) + (empty?.height ?? 0))).toBeGreaterThanOrEqual(12);
  await looks('empty');
});

test('a monthly rule on the 31st: its next dates live, then created, edited, paused, deleted', async () => {
  const year = new Date().getFullYear() + 1;
  const leap = new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1;
  await page.getByRole('button', { name: 'Add rule' }).click();
  const form = page.getByRole('form', { name: 'New recurring rule' });
  await form.getByLabel('Name', { exact: true }).fill('Rent');
  await form.getByLabel('Amount (USD)').fill('900');
  await form.getByLabel('Category (optional)').fill('Housing');
  await form.getByLabel('Payee (optional)').fill('Landlord');
  await form.getByLabel('First date').fill(`${year}-01-31`);
  // The day of the month follows the first date until the schedule is touched.
  expect(await form.getByLabel('On day').inputValue()).toBe('31');
  const preview = form.getByRole('list', { name: 'Next dates' });
  const firstFive = [
    `${year}-01-31`,
    `${year}-02-${leap ? 29 : 28}`,
    `${year}-03-31`,
    `${year}-04-30`,
    `${year}-05-31`,
  ];
  await textOf(preview, firstFive.map(us).join('\n'));
  await looks('form');

  // A rule the server refuses is refused beside its field, live and on saving.
  await form.getByLabel('Unit').selectOption('CUSTOM');
  await form.getByLabel('Recurrence rule').fill('FREQ=MONTHLY;BYMONTHDAY=31;COUNT=0');
  await textOf(form.locator('.preview'), 'COUNT must be a whole number from 1 to 10000');
  await form.getByRole('button', { name: 'Add rule' }).click();
  await textOf(
    form.locator('.field-invalid .field-error'),
    'COUNT must be a whole number from 1 to 10000',
  );
  expect((await graphql('{ recurringRules { id } }')).data).toEqual({ recurringRules: [] });
  await form.getByLabel('Recurrence rule').fill('FREQ=MONTHLY;BYMONTHDAY=31');
  await textOf(preview, us(firstFive[1]));
  await form.getByRole('button', { name: 'Add rule' }).click();
  await textOf(flash(), 'Added “Rent”.');
  const row = ruleRow('Rent');
  await textOf(row, firstFive.slice(0, 3).map(us).join('\n'));
  await textOf(row, 'Every month on the 31st (or the last day)');
  await textOf(row, '$900.00');
  await textOf(row, 'Housing');

  // Edit: every 2 months, 950 — the 31st still falls on September's 30th.
  await page.getByRole('button', { name: 'Edit Rent' }).click();
  const edit = page.getByRole('form', { name: 'Edit Rent' });
  expect(await edit.getByLabel('Amount (USD)').inputValue()).toBe('900.00');
  await edit.getByLabel('Amount (USD)').fill('950');
  await edit.getByLabel('Every').fill('2');
  await textOf(
    edit.getByRole('list', { name: 'Next dates' }),
    [`${year}-01-31`, `${year}-03-31`, `${year}-05-31`, `${year}-07-31`, `${year}-09-30`]
      .map(us)
      .join('\n'),
  );
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await textOf(flash(), 'Saved “Rent”.');
  await textOf(row, 'Every 2 months on the 31st (or the last day)');
  await textOf(row, '$950.00');
  await textOf(row, [`${year}-01-31`, `${year}-03-31`, `${year}-05-31`].map(us).join('\n'));

  await page.getByRole('button', { name: 'Pause Rent' }).click();
  await textOf(flash(), 'Paused “Rent”');
  await textOf(row, 'Paused');
  const paused = await graphql('{ recurringRules { name paused } }');
  expect(paused.data).toEqual({ recurringRules: [{ name: 'Rent', paused: true }] });
  await page.getByRole('button', { name: 'Resume Rent' }).click();
  await textOf(flash(), 'Resumed “Rent”.');

  await page.getByRole('button', { name: 'Delete Rent' }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await textOf(flash(), 'Deleted “Rent”.');
  await textOf(page.locator('.state-empty'), 'No recurring rules yet');
  expect((await graphql('{ recurringRules { id } }')).data).toEqual({ recurringRules: [] });
});

test('upcoming bills: the list with overdue ones to confirm or skip, the calendar, the cost', async () => {
  const [threeDaysAgo, yesterday, today] = await Promise.all([
    browserDay(-3),
    browserDay(-1),
    browserDay(0),
  ]);
  await createRule({
    name: 'Phone',
    rrule: 'FREQ=MONTHLY',
    startDate: threeDaysAgo,
    mode: 'EXPECT',
    kind: 'EXPENSE',
    amount: '30',
  });
  await createRule({
    name: 'Water',
    rrule: 'FREQ=MONTHLY',
    startDate: yesterday,
    mode: 'EXPECT',
    kind: 'EXPENSE',
    amount: '12.50',
  });
  await createRule({
    name: 'Gym',
    rrule: 'FREQ=WEEKLY',
    startDate: today,
    mode: 'AUTO',
    kind: 'EXPENSE',
    amount: '10',
  });
  await page.reload();
  const phone = billRow('Phone');
  await textOf(phone, us(threeDaysAgo));
  await textOf(phone, 'Overdue');
  await textOf(phone, '$30.00');
  await textOf(billRow('Water'), 'Overdue');
  // Gym posts itself: listed, but with nothing to confirm.
  expect(await billRow('Gym').count()).toBeGreaterThanOrEqual(4);
  expect(await billRow('Gym').first().getByRole('button').count()).toBe(0);

  // The calendar: seven columns, this month, today's Gym on today's cell.
  const calendar = page.locator('.calendar-grid');
  expect(await calendar.locator('thead th').count()).toBe(7);
  const todayCell = calendar.locator('td[aria-current="date"]');
  await textOf(todayCell, String(Number(today.slice(8))));
  await textOf(todayCell, 'Gym');
  // Monthly cost: the next 365 days' dates (11 or 12 of each monthly bill, 52 or 53 weeks of
  // Gym) over 12 months, as the server works it out.
  const cost = (await graphql('{ recurringMonthlyCost }')).data.recurringMonthlyCost as string;
  expect(Number(cost)).toBeGreaterThanOrEqual((11 * 30 + 11 * 12.5 + 52 * 10) / 12 - 0.01);
  expect(Number(cost)).toBeLessThanOrEqual((12 * 30 + 12 * 12.5 + 53 * 10) / 12 + 0.01);
  await textOf(page.locator('.monthly-cost .stat-value'), `$${cost}`);
  // Side by side on a desktop, the list ends where the calendar begins, not under it.
  const [list, month] = await Promise.all([
    page.locator('table.bill-table').boundingBox(),
    page.locator('.bill-calendar').boundingBox(),
  ]);
  expect(list && month && list.x + list.width <= month.x + 0.5).toBe(true);
  await looks('bills');

  await page.getByRole('button', { name: `Confirm Phone on ${us(threeDaysAgo)}` }).click();
  await textOf(flash(), 'Recorded “Phone” as paid.');
  await until(
    'the confirmed Phone bill to be gone',
    () => page.getByRole('button', { name: `Confirm Phone on ${us(threeDaysAgo)}` }).count(),
    (n) => n === 0,
  );
  await page.getByRole('button', { name: `Skip Water on ${us(yesterday)}` }).click();
  await textOf(flash(), 'Skipped “Water” this time.');
  const after = await graphql(
    '{ transactions(filter: { search: "Phone" }) { nodes { date amount } } upcomingBills { rule { name } overdue } }',
  );
  expect(after.data.transactions.nodes).toEqual([{ date: threeDaysAgo, amount: '30.00' }]);
  expect(after.data.upcomingBills.filter((b: { overdue: boolean }) => b.overdue)).toEqual([]);

  // At phone width the calendar keeps its seven columns inside the screen.
  await page.setViewportSize(PHONE);
  await settle(page);
  const box = await calendar.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
  await textOf(todayCell, 'Gym');
  await page.setViewportSize(DESKTOP);
});

test('the bell shows what was posted, marks it read when opened, and closes with Escape', async () => {
  const yesterday = await browserDay(-1);
  await createRule({
    name: 'Salary',
    rrule: 'FREQ=MONTHLY',
    startDate: yesterday,
    mode: 'AUTO',
    kind: 'INCOME',
    amount: '2500',
  });
  // The job runner is not started in tests: one tick posts what is due, as an instance would.
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: app.dataDir, PORT: '0' });
  await createServices(app.server.dataSource, config).jobRunner.tick();
  const unread = (await graphql('{ unreadNotificationCount }')).data.unreadNotificationCount;
  expect(unread).toBeGreaterThanOrEqual(1);

  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    await page.goto(`${app.url}/dashboard`);
    const bell = page.getByRole('button', { name: /^Notifications/ });
    await until(
      'the badge',
      () => bell.getAttribute('aria-label'),
      (l) => /unread/.test(l ?? ''),
    );
    if (viewport === DESKTOP) {
      expect(await bell.getAttribute('aria-label')).toBe(`Notifications, ${unread} unread`);
      await textOf(page.locator('.bell-badge'), String(unread));
    }
    await bell.click();
    expect(await bell.getAttribute('aria-expanded')).toBe('true');
    const panel = page.getByRole('region', { name: 'Notifications' });
    await textOf(panel, 'Salary was entered');
    await textOf(panel, `$2,500.00 on ${yesterday}`);
    await until(
      'the notifications to be read',
      async () => (await graphql('{ unreadNotificationCount }')).data.unreadNotificationCount,
      (n) => n === 0,
    );
    await until(
      'the badge to go',
      () => page.locator('.bell-badge').count(),
      (n) => n === 0,
    );
    await looks(viewport === DESKTOP ? 'bell' : 'bell-phone');
    await page.keyboard.press('Escape');
    expect(await bell.getAttribute('aria-expanded')).toBe('false');
    expect(await panel.isVisible()).toBe(false);
    expect(await bell.evaluate((el) => el === document.activeElement)).toBe(true);
    // Marked read on the server; the next opening shows none as new.
    await graphql(
      'mutation($input: RecurringRuleInput!) { createRecurringRule(input: $input) { id } }',
      {
        input: {
          name: `Salary ${viewport.width}`,
          rrule: 'FREQ=MONTHLY',
          startDate: yesterday,
          mode: 'AUTO',
          kind: 'INCOME',
          amount: '1',
        },
      },
    );
    await createServices(app.server.dataSource, config).jobRunner.tick();
  }
  await page.setViewportSize(DESKTOP);
});

test('settings: time zone, reminders and the calendar feed shown once', async () => {
  await page.goto(`${app.url}/settings`);
  const zone = page.getByRole('combobox', { name: 'Time zone' });
  await until(
    'the zone',
    () => zone.inputValue(),
    (v) => v === ZONE,
  );
  await zone.selectOption('Europe/Berlin');
  await page.getByRole('button', { name: 'Save time zone' }).click();
  await textOf(flash(), 'Your time zone is now Europe/Berlin.');

  await page.getByLabel('Email me before a bill is due').check();
  await page.getByLabel('Days before').fill('31');
  await page.getByRole('button', { name: 'Save reminders' }).click();
  await textOf(page.getByRole('form', { name: 'Bill reminders' }), 'from 0 to 30');
  await page.getByLabel('Days before').fill('2');
  await page.getByRole('button', { name: 'Save reminders' }).click();
  await textOf(flash(), 'Reminders on: 2 days before each bill.');
  const saved = await graphql(
    '{ userSettings { timeZone timeZoneChosen remindersEnabled reminderDaysBefore calendarFeedActive } }',
  );
  expect(saved.data.userSettings).toEqual({
    timeZone: 'Europe/Berlin',
    timeZoneChosen: true,
    remindersEnabled: true,
    reminderDaysBefore: 2,
    calendarFeedActive: false,
  });

  await page.getByRole('button', { name: 'Create feed address' }).click();
  const shown = page.getByTestId('feed-url');
  await textOf(shown, 'it is shown only once');
  const url = await shown.getByLabel('Calendar address').inputValue();
  expect(url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{20,}\.ics$/);
  // From outside the browser, as a calendar app would fetch it: no session cookie.
  const feed = async () => {
    const response = await fetch(`${app.url}${new URL(url).pathname}`);
    return { status: response.status, text: await response.text() };
  };
  const fetched = await feed();
  expect(fetched.status).toBe(200);
  expect(fetched.text).toContain('BEGIN:VCALENDAR');
  expect(fetched.text).toContain('SUMMARY:Gym: 10.00 USD');
  await looks('settings-feed');
  await shown.getByRole('button', { name: 'Done' }).click();
  expect(await shown.count()).toBe(0);

  await page.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('button', { name: 'Yes, revoke' }).click();
  await textOf(flash(), 'The calendar address no longer works.');
  expect((await feed()).status).toBe(404);
  await textOf(page.getByRole('button', { name: 'Create feed address' }), 'Create feed address');
  await looks('settings');
});

test('nothing went wrong in the page', () => {
  expect(problems).toEqual([]);
});
