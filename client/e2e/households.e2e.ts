import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  DESKTOP,
  latestMail,
  launchBrowser,
  pageGraphql,
  pathIs,
  screenshots,
  seriousViolations,
  settle,
  signUpInPage,
  startApp,
  textOf,
  until,
  watchForeignRequests,
  type App,
} from './harness';

jest.setTimeout(180_000);

const OWNER = {
  firstname: 'Olga',
  lastname: 'Owner',
  email: 'olga@example.com',
  username: 'olga',
  password: 'shared household 2024',
};
const MEMBER = {
  firstname: 'Max',
  lastname: 'Member',
  email: 'max@example.com',
  username: 'max',
  password: 'joining the household',
};

let app: App;
let browser: Browser;
let ownerContext: BrowserContext;
let memberContext: BrowserContext;
let owner: Page;
let member: Page;
let ledgerId: string;
const foreign: string[] = [];
const problems: string[] = [];

const flash = (page: Page) => page.getByTestId('flash');
const switcher = (page: Page) => page.getByRole('combobox', { name: 'Ledger' });
const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

async function visit(page: Page, path: string, heading: string) {
  await page.goto(`${app.url}${path}`);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  await settle(page);
}

async function looks(page: Page, name: string) {
  expect(await seriousViolations(page)).toEqual([]);
  const { sideways } = await screenshots(page, `households-${name}`);
  expect({ name, sideways }).toEqual({ name, sideways: false });
}

async function addExpense(page: Page, description: string, amount: string) {
  await nav(page).getByRole('link', { name: 'Add expense' }).click();
  await page.getByLabel('Description').fill(description);
  await page.getByLabel('Amount (USD)').fill(amount);
  await page.getByLabel('Category', { exact: true }).fill('Food');
  await page.getByRole('button', { name: 'Add expense' }).click();
  await textOf(flash(page), 'Expense added successfully!');
}

const expenseDescriptions = (page: Page) =>
  page.locator('table.expense-table tbody tr .description').allInnerTexts();

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 40[134]/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  return page;
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  ownerContext = await browser.newContext({ viewport: DESKTOP });
  memberContext = await browser.newContext({ viewport: DESKTOP });
  foreign.push(...watchForeignRequests(ownerContext, app.url));
  owner = await newPage(ownerContext);
  member = await newPage(memberContext);
  await signUpInPage(owner, app, OWNER);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('the owner creates a shared ledger, switches to it, adds to it and invites by email', async () => {
  await visit(owner, '/household', 'Household');
  await textOf(owner.locator('main'), 'Your personal ledger is yours alone');
  await looks(owner, 'personal');
  await owner.getByLabel('Name of the shared ledger').fill('Home');
  await owner.getByRole('button', { name: 'Create shared ledger' }).click();
  await textOf(flash(owner), 'Created “Home”');
  await until(
    'the switcher on Home',
    () => switcher(owner).inputValue(),
    (v) => v !== '',
  );
  const chosen = await switcher(owner).locator('option:checked').innerText();
  expect(chosen).toBe('Home · Owner');
  ledgerId = await switcher(owner).inputValue();
  await textOf(owner.locator('main'), 'Home is shared by 1 person; you are an owner.');

  await addExpense(owner, 'Shared groceries', '42.10');
  // The page's plain query (no ledgerId) reads the personal ledger: the expense went to Home.
  const personal = await pageGraphql(owner, '{ expenses { totalCount } }');
  expect(personal.data.expenses.totalCount).toBe(0);

  await visit(owner, '/household', 'Household');
  await owner.getByLabel('Email').fill(MEMBER.email);
  await owner.getByLabel('Role').selectOption('EDITOR');
  await owner.getByRole('button', { name: 'Send invitation' }).click();
  await textOf(flash(owner), `Invitation sent to ${MEMBER.email}.`);
  await textOf(owner.getByRole('list', { name: 'Pending invitations' }), MEMBER.email);
  await textOf(
    owner.getByRole('list', { name: 'Activity' }),
    'Olga Owner added “Shared groceries”',
  );
  await looks(owner, 'owner');
});

test('the member follows the mailed link, signs in first, accepts, and sees and adds shared data', async () => {
  const mail = await until(
    'the invitation mail',
    async () => latestMail(app.dataDir).replace(/=\r?\n/g, ''),
    (text) => /\/invitations\//.test(text),
  );
  expect(mail).toContain(`To: ${MEMBER.email}`);
  const token = /\/invitations\/([A-Za-z0-9_-]{43})/.exec(mail)?.[1] as string;
  expect(token).toBeTruthy();

  // Registered, but not signed in: the link goes through the login page and back.
  await member.goto(`${app.url}/login`);
  const registered = await pageGraphql(
    member,
    'mutation($input: RegisterInput!) { register(input: $input) { id } }',
    { input: MEMBER },
  );
  expect(registered.errors).toBeUndefined();
  await member.goto(`${app.url}/invitations/${token}`);
  await pathIs(member, `/login?next=${encodeURIComponent(`/invitations/${token}`)}`);
  await member.getByLabel('Username or email').fill(MEMBER.email);
  await member.getByLabel('Password').fill(MEMBER.password);
  await member.getByRole('button', { name: 'Log in' }).click();
  await pathIs(member, `/invitations/${token}`);
  await textOf(
    member.locator('main'),
    'Olga Owner invites you to share the ledger “Home” as editor',
  );
  await looks(member, 'invitation');
  await member.getByRole('button', { name: 'Accept' }).click();
  await pathIs(member, '/household');
  await textOf(flash(member), 'You joined “Home”.');
  expect(await switcher(member).locator('option:checked').innerText()).toBe('Home · Editor');
  const members = member.getByRole('list', { name: 'Members' });
  await textOf(members, 'Olga Owner');
  // A member sees the owner's name, never the owner's address.
  expect(await members.innerText()).not.toContain(OWNER.email);

  await visit(member, '/expenses', 'Expenses');
  expect(await expenseDescriptions(member)).toEqual(['Shared groceries']);
  await addExpense(member, 'Milk from Max', '3.50');

  // Switching back to the personal ledger shows the member's own (empty) books.
  await switcher(member).selectOption({ label: 'Personal · Owner' });
  await visit(member, '/expenses', 'Expenses');
  await textOf(member.locator('.state-empty'), 'No expenses yet');
  await switcher(member).selectOption({ label: 'Home · Editor' });
  await visit(member, '/expenses', 'Expenses');
  expect((await expenseDescriptions(member)).sort()).toEqual(['Milk from Max', 'Shared groceries']);
  // Remembered across reloads.
  await member.reload();
  await member.getByRole('heading', { name: 'Expenses', level: 1 }).waitFor();
  expect(await switcher(member).locator('option:checked').innerText()).toBe('Home · Editor');
  await looks(member, 'member-expenses');
});

test('the owner sees who added what, and makes the member a viewer, who cannot write', async () => {
  await visit(owner, '/household', 'Household');
  const activity = owner.getByRole('list', { name: 'Activity' });
  await textOf(activity, 'Max Member added “Milk from Max”');
  await textOf(activity, 'Max Member joined as editor');
  await owner.getByLabel('Role of Max Member').selectOption('VIEWER');
  await textOf(flash(owner), 'Max Member is now viewer.');

  await visit(member, '/expenses', 'Expenses');
  await textOf(member.getByRole('note'), 'You are a viewer of “Home”');
  expect(await switcher(member).locator('option:checked').innerText()).toBe('Home · Viewer');
  expect(await member.getByRole('link', { name: 'Add expense' }).count()).toBe(0);
  expect(await member.getByRole('button', { name: /^Delete/ }).count()).toBe(0);
  expect((await expenseDescriptions(member)).sort()).toEqual(['Milk from Max', 'Shared groceries']);
  await looks(member, 'viewer');
  // Hidden buttons are a courtesy; the server refuses the write itself.
  const write = await pageGraphql(
    member,
    `mutation($l: ID) { addExpense(ledgerId: $l, input: {description: "sneaky", amount: "1",
      category: "Food", date: "2024-01-01"}) { id } }`,
    { l: ledgerId },
  );
  expect(write.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  await visit(member, '/add_expense', 'Add expense');
  await textOf(member.locator('main'), 'Viewers cannot add expenses to this ledger.');
});

test('a removed member loses the ledger at once and is back on their personal ledger', async () => {
  await visit(owner, '/household', 'Household');
  await owner.getByRole('button', { name: 'Remove Max Member' }).click();
  await owner.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
  await textOf(flash(owner), 'Max Member no longer has access to “Home”.');
  expect(await owner.getByRole('list', { name: 'Members' }).innerText()).not.toContain('Max');

  // The member's open session, still pointed at Home.
  const read = await pageGraphql(
    member,
    'query($l: ID) { expenses(ledgerId: $l) { totalCount } }',
    {
      l: ledgerId,
    },
  );
  expect(read.errors?.[0]).toMatchObject({ message: 'Ledger not found' });
  await member.goto(`${app.url}/expenses`);
  await textOf(flash(member), 'You no longer have access to that ledger');
  await textOf(member.locator('.state-empty'), 'No expenses yet');
  expect(await switcher(member).count()).toBe(0);
  await looks(member, 'removed');
});

test('nothing was loaded from another host, and no page logged an error', () => {
  expect(foreign).toEqual([]);
  expect(problems).toEqual([]);
});
