import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  latestMail,
  launchBrowser,
  pathIs,
  screenshots,
  seriousViolations,
  settle,
  startApp,
  textOf,
  until,
  watchForeignRequests,
  type App,
} from './harness';

jest.setTimeout(90_000);

const XSS = '<img src=x onerror=alert(1)>';
const account = {
  firstname: 'Ada',
  lastname: 'Lovelace',
  email: 'ada@example.com',
  username: 'ada',
  password: 'analytical engine 1843',
};

let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let foreign: string[];
const dialogs: string[] = [];
const consoleErrors: string[] = [];

/** Loads `path` and waits for the app to have drawn its heading. */
async function visit(path: string) {
  await page.goto(`${app.url}${path}`);
  await page.locator('h1').first().waitFor();
  await settle(page);
}

/** axe on the page as it is, and screenshots at both widths with no sideways scrolling. */
async function checkPage(name: string) {
  expect(await seriousViolations(page)).toEqual([]);
  const { sideways } = await screenshots(page, name);
  expect({ page: name, sideways }).toEqual({ page: name, sideways: false });
}

const flash = () => page.getByTestId('flash');
const nav = () => page.getByRole('navigation', { name: 'Main' });
const stat = (label: string) =>
  page
    .locator('.stat', { has: page.getByRole('heading', { name: label, exact: true }) })
    .locator('.stat-value');
const rows = () => page.locator('table.expense-table tbody tr');
const chartCanvases = () => page.locator('[data-testid="dashboard-charts"] .apexcharts-canvas');

async function addExpense(
  description: string,
  amount: string,
  category: string,
  newCategory = false,
) {
  await nav().getByRole('link', { name: 'Add expense' }).click();
  await page.getByLabel('Description').fill(description);
  await page.getByLabel('Amount (USD)').fill(amount);
  await page.getByLabel('Category', { exact: true }).fill(category);
  await page.getByRole('button', { name: 'Add expense' }).click();
  // An unknown name is asked about before it becomes a category.
  if (newCategory) await page.getByRole('button', { name: 'Create category' }).click();
  await textOf(flash(), 'Expense added successfully!');
  await pathIs(page, '/dashboard');
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  foreign = watchForeignRequests(context, app.url);
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('register: every field labelled, client-side validation, then the flash on /login', async () => {
  await visit('/register');
  await checkPage('register');
  await page.getByRole('button', { name: 'Create account' }).click();
  await textOf(page.locator('.field-error').first(), 'Enter your first name');
  await page.getByLabel('First name').fill(account.firstname);
  await page.getByLabel('Last name').fill(account.lastname);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page
    .locator('.field-error', { hasText: 'Password must be at least 8 characters' })
    .waitFor();
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await pathIs(page, '/login');
  await textOf(flash(), 'Registration successful! Please log in.');
});

test('log in: a wrong password says so; the right one opens the empty dashboard', async () => {
  await checkPage('login');
  await page.getByLabel('Username or email').fill(account.username);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await textOf(flash(), 'Invalid username or password');
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await pathIs(page, '/dashboard');
  await textOf(page.locator('.state-empty h2'), 'Welcome!');
  await settle(page);
  await checkPage('dashboard-empty');
});

test('add expenses: amounts as typed, figures and charts on the dashboard', async () => {
  await visit('/add_expense');
  await checkPage('add-expense');
  await page.getByRole('button', { name: 'Add expense' }).click();
  await textOf(page.locator('.field-error').first(), 'Describe the expense');
  await page.getByLabel('Amount (USD)').fill('1.2345');
  await page.getByRole('button', { name: 'Add expense' }).click();
  await page.locator('.field-error', { hasText: 'Use at most 2 decimals' }).waitFor();

  await addExpense('Groceries', '150.50', 'Food');
  await addExpense('Coffee', '4.25', 'Food');
  // The third one by keyboard alone: Tab through the form, Enter to send.
  await nav().getByRole('link', { name: 'Add expense' }).click();
  await page.getByLabel('Description').waitFor();
  const focusTo = async (name: string) =>
    until(
      `focus on ${name}`,
      async () => {
        await page.keyboard.press('Tab');
        return page.evaluate(() => document.activeElement?.getAttribute('name') ?? '');
      },
      (focused) => focused === name,
    );
  await focusTo('description');
  await page.keyboard.type('Bus pass');
  await focusTo('amount');
  await page.keyboard.type('60');
  await focusTo('category');
  await page.keyboard.type('Transport');
  await page.keyboard.press('Enter');
  await textOf(flash(), 'Expense added successfully!');
  await pathIs(page, '/dashboard');
  await textOf(stat('Spent'), '$214.75');
  await textOf(stat('Budget'), 'Set a budget');
  await until(
    'four charts',
    () => chartCanvases().count(),
    (n) => n === 4,
  );
  const donut = page.locator('figure', {
    has: page.getByRole('heading', { name: 'Spending by category' }),
  });
  await textOf(donut.locator('.apexcharts-legend'), 'Food');
  await textOf(donut.locator('.apexcharts-legend'), 'Transport');
  await textOf(page.locator('table.expense-table'), 'Bus pass');
});

test('budget and category target: set on /budgets, the dashboard figures follow', async () => {
  await nav().getByRole('link', { name: 'Budgets' }).click();
  await page.getByRole('heading', { name: 'Monthly budget', exact: true }).waitFor();
  await settle(page);
  await page.getByLabel('Budget (USD)').fill('1000');
  await page.getByRole('button', { name: 'Set budget' }).click();
  await textOf(flash(), 'Budget set successfully!');
  await textOf(page.locator('.big-figure'), '$1,000.00');

  await page.getByLabel('Category', { exact: true }).fill('Food');
  await page.getByLabel('Target (USD)').fill('200');
  await page.getByRole('button', { name: 'Set target' }).click();
  await textOf(flash(), 'Budget category set successfully!');
  await textOf(page.locator('.target-list'), '$154.75 of $200.00');
  await checkPage('budgets');

  // Change the target: same category and month replaces it.
  await page.getByRole('button', { name: 'Edit the target for Food' }).click();
  await page.getByLabel('Target (USD)').fill('150');
  await page.getByRole('button', { name: 'Save target' }).click();
  await textOf(page.locator('.target-list'), '$154.75 of $150.00');
  await textOf(page.locator('.target-list'), '$4.75 over');

  await nav().getByRole('link', { name: 'Dashboard' }).click();
  await textOf(stat('Budget'), '$1,000.00');
  await textOf(stat('Savings'), '$785.25');
  await until(
    'five charts',
    () => chartCanvases().count(),
    (n) => n === 5,
  );
  const targets = page.locator('figure', {
    has: page.getByRole('heading', { name: 'Category targets' }),
  });
  await textOf(targets.locator('.apexcharts-canvas'), 'Food');
  await settle(page);
  await checkPage('dashboard');
  await page.emulateMedia({ colorScheme: 'dark' });
  await settle(page);
  await screenshots(page, 'dashboard-dark');
  expect(await seriousViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });
});

test('expenses: filters, edit, delete with undo', async () => {
  await nav().getByRole('link', { name: 'Expenses' }).click();
  await until(
    'three rows',
    () => rows().count(),
    (n) => n === 3,
  );
  await checkPage('expenses');

  await page.getByLabel('Description contains').fill('BUS');
  await page.getByRole('button', { name: 'Filter' }).click();
  await until(
    'one row',
    () => rows().count(),
    (n) => n === 1,
  );
  await pathIs(page, '/expenses?search=BUS');
  await page.getByRole('link', { name: 'Clear' }).click();
  await until(
    'three rows',
    () => rows().count(),
    (n) => n === 3,
  );
  await page.getByLabel('Category', { exact: true }).selectOption('Food');
  await page.getByRole('button', { name: 'Filter' }).click();
  await until(
    'two rows',
    () => rows().count(),
    (n) => n === 2,
  );
  await page.getByRole('link', { name: 'Clear' }).click();

  await page.getByRole('link', { name: 'Edit Coffee' }).click();
  await page.getByRole('heading', { name: 'Edit expense' }).waitFor();
  await until(
    'the loaded amount',
    () => page.getByLabel('Amount (USD)').inputValue(),
    (v) => v === '4.25',
  );
  await checkPage('edit-expense');
  await page.getByLabel('Amount (USD)').fill('5.75');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await textOf(flash(), 'Expense updated.');
  await textOf(page.locator('table.expense-table'), '$5.75');

  await page.getByRole('button', { name: 'Delete Bus pass' }).click();
  await textOf(flash(), 'Deleted “Bus pass”.');
  await until(
    'two rows',
    () => rows().count(),
    (n) => n === 2,
  );
  await flash().getByRole('button', { name: 'Undo' }).click();
  await textOf(flash(), 'Restored “Bus pass”.');
  await until(
    'three rows again',
    () => rows().count(),
    (n) => n === 3,
  );

  // Deleting from the edit page asks first.
  await page.getByRole('link', { name: 'Edit Bus pass' }).click();
  await page.getByRole('button', { name: 'Delete expense' }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await pathIs(page, '/expenses');
  await until(
    'two rows',
    () => rows().count(),
    (n) => n === 2,
  );

  await nav().getByRole('link', { name: 'Dashboard' }).click();
  await textOf(stat('Spent'), '$156.25');
});

test('user text is shown as text in tables, chart legends, labels and tooltips', async () => {
  await addExpense(XSS, '1', XSS, true);
  await nav().getByRole('link', { name: 'Budgets' }).click();
  await page.getByLabel('Category', { exact: true }).fill(XSS);
  await page.getByLabel('Target (USD)').fill('10');
  await page.getByRole('button', { name: 'Set target' }).click();
  await textOf(flash(), 'Budget category set successfully!');
  await textOf(page.locator('.target-list'), XSS);

  await nav().getByRole('link', { name: 'Dashboard' }).click();
  await textOf(page.locator('table.expense-table'), XSS);
  await until(
    'five charts',
    () => chartCanvases().count(),
    (n) => n === 5,
  );
  const donut = page.locator('figure', {
    has: page.getByRole('heading', { name: 'Spending by category' }),
  });
  await textOf(donut.locator('.apexcharts-legend'), XSS);
  const targets = page.locator('figure', {
    has: page.getByRole('heading', { name: 'Category targets' }),
  });
  // The axis shortens long names ("<img src=x onerro..."), as text all the same.
  await textOf(targets.locator('.apexcharts-yaxis'), '<img src=x onerro');

  // Hover every donut slice and target bar so their tooltips are drawn.
  for (const slice of await donut.locator('path.apexcharts-pie-area').all()) {
    await slice.hover({ force: true });
  }
  await textOf(donut.locator('.apexcharts-tooltip'), /\$/);
  for (const bar of await targets.locator('path.apexcharts-bar-area').all()) {
    await bar.hover({ force: true });
  }
  await settle(page);
  await screenshots(page, 'dashboard-xss');

  await nav().getByRole('link', { name: 'Expenses' }).click();
  await textOf(page.locator('table.expense-table'), XSS);
  const injected = await page.evaluate(() => document.querySelectorAll('img[src="x"]').length);
  expect(injected).toBe(0);
  expect(dialogs).toEqual([]);
});

test('an expired session sends the user to log in, and back afterwards', async () => {
  await visit('/budgets?month=2024-03');
  await context.clearCookies();
  await page.getByRole('button', { name: /Next month/ }).click();
  await pathIs(page, '/login?next=%2Fbudgets%3Fmonth%3D2024-04');
  await textOf(flash(), 'Your session has ended. Please log in again.');
  await page.getByLabel('Username or email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await pathIs(page, '/budgets?month=2024-04');
  await page.getByRole('heading', { name: 'Monthly budget', exact: true }).waitFor();
});

test('a dropped connection shows a message, and retrying clears it', async () => {
  await visit('/dashboard');
  await context.setOffline(true);
  await page.getByRole('button', { name: /Previous month/ }).click();
  await textOf(page.locator('.connection-banner'), 'The connection to the server was lost');
  await screenshots(page, 'offline');
  await context.setOffline(false);
  await until(
    'the banner to go',
    () => page.locator('.connection-banner').count(),
    (n) => n === 0,
  );
});

test('settings: currency, password change, and the profile', async () => {
  await nav().getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Profile' }).waitFor();
  await settle(page);
  await checkPage('settings');

  // The history is re-expressed in the new currency from stored rates: none yet, so refused,
  // naming the pair.
  await page.getByLabel('Currency').selectOption('EUR');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText(/Exchange rates are missing to re-express your history: USD->EUR/).waitFor();
  const rate = await page.evaluate(async () => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation { setExchangeRate(input: { from: "USD", to: "EUR", date: "2000-01-01", rate: "2" }) { rate } }',
      }),
    });
    return (await response.json()) as { data: { setExchangeRate: { rate: string } } };
  });
  expect(rate.data.setExchangeRate.rate).toBe('2');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await textOf(flash(), 'Your profile has been updated.');
  await nav().getByRole('link', { name: 'Dashboard' }).click();
  await textOf(stat('Spent'), '€314.50');
  await nav().getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Currency').selectOption('USD');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await textOf(flash(), 'Your profile has been updated.');

  await page.getByLabel('Current password').fill('wrong password here');
  await page.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
  await page.getByLabel('Repeat the new password').fill('a brand new passphrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.locator('.field-error', { hasText: 'Current password is incorrect' }).waitFor();
  await page.getByLabel('Current password').fill(account.password);
  await page.getByRole('button', { name: 'Change password' }).click();
  await textOf(flash(), 'Your password has been updated!');
  account.password = 'a brand new passphrase';
});

test('playground: GraphiQL bundled, answering with the session', async () => {
  await nav().getByRole('link', { name: 'Playground' }).click();
  await page.locator('.graphiql-container').waitFor({ timeout: 20_000 });
  await page.locator('.graphiql-editor').first().waitFor();
  await settle(page);
  await page.getByRole('button', { name: /Execute query/ }).click();
  // Monaco lays text out with non-breaking spaces, which \s matches.
  await textOf(page.locator('.graphiql-response'), /"username":\s+"ada"/, 20_000);
  await checkPage('playground');
});

test('the expenses list pages through a long month with its cursor', async () => {
  // Thirty expenses in one month, straight through the API with the page's own session.
  const added = await page.evaluate(async () => {
    const query = 'mutation($input: ExpenseInput!) { addExpense(input: $input) { id } }';
    let ok = 0;
    for (let day = 1; day <= 30; day += 1) {
      const input = {
        description: `Lunch ${day}`,
        amount: '12.00',
        category: 'Food',
        date: `2024-01-${String(day).padStart(2, '0')}`,
      };
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables: { input } }),
      });
      if ((await response.json()).data?.addExpense?.id) ok += 1;
    }
    return ok;
  });
  expect(added).toBe(30);
  await visit('/expenses?month=2024-01');
  await until(
    'the first page',
    () => rows().count(),
    (n) => n === 25,
  );
  await textOf(page.locator('p.muted'), 'Showing 25 of 30 expenses in January 2024.');
  await textOf(rows().first(), 'Lunch 30');
  await page.getByRole('button', { name: 'Load more' }).click();
  await until(
    'all thirty',
    () => rows().count(),
    (n) => n === 30,
  );
  await textOf(rows().last(), 'Lunch 1');
  expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
});

test('not found, log out, and signed-in pages refused afterwards', async () => {
  await visit('/no-such-page');
  await checkPage('not-found');
  await page.getByRole('button', { name: 'Log out' }).click();
  await pathIs(page, '/login');
  await textOf(flash(), 'You have been logged out.');
  await visit('/expenses');
  await pathIs(page, '/login?next=%2Fexpenses');
});

test('forgot and reset password through the mailed link', async () => {
  await visit('/forgot_password');
  await checkPage('forgot-password');
  await page.getByLabel('Email').fill(account.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await textOf(page.getByRole('status').last(), 'a link to choose a new password is on its way');
  const mail = await until(
    'the reset mail',
    async () => latestMail(app.dataDir),
    (text) => /reset_password\//.test(text),
  );
  const token = /\/reset_password\/([A-Za-z0-9_-]+)/.exec(mail.replace(/=\r?\n/g, ''))?.[1];
  expect(token).toBeTruthy();

  await visit(`/reset_password/${token}`);
  await checkPage('reset-password');
  await page.getByLabel('New password', { exact: true }).fill('reset by the mailed link');
  await page.getByLabel('Repeat the new password').fill('reset by the mailed link');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await pathIs(page, '/login');
  await textOf(flash(), 'Your password has been updated!');
  await page.getByLabel('Username or email').fill(account.username);
  await page.getByLabel('Password').fill('reset by the mailed link');
  await page.getByRole('button', { name: 'Log in' }).click();
  await pathIs(page, '/dashboard');
});

test('nothing was loaded from another host', () => {
  expect(foreign).toEqual([]);
});

test('no script errors along the way, Content-Security-Policy refusals included', () => {
  // Chromium logs every refused request (the offline test, GraphQL's 400 for bad input); those
  // are answers, not faults. Anything else (an exception, a CSP refusal) is.
  const faults = consoleErrors.filter((text) => !text.startsWith('Failed to load resource:'));
  expect(faults).toEqual([]);
  expect(consoleErrors.length).toBeGreaterThan(0); // the collector works: the offline test logs
});
