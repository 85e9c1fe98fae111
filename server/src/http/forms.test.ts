import { randomBytes } from 'node:crypto';
import { ApiClient } from '../../test/api-client';
import { ADD_EXPENSE, PASSWORD, signUp } from '../../test/factories';
import { describeEachDatabase } from '../../test/test-server';

const INVALID_LOGIN = 'Invalid username or password';
const redirect = (location: string, kind?: 'success' | 'error', message?: string) => ({
  status: 302,
  location,
  flash: kind ? { kind, message } : null,
});
const PLEASE_LOG_IN = redirect('/login', 'error', 'Please log in to continue.');
const LOGGED_OUT = redirect('/login', 'success', 'You have been logged out.');
const COFFEE = { description: 'Coffee', amount: '3.2', category: 'Food', date: '2024-03-10' };

const pick = (o: Record<string, string>, ...keys: string[]) =>
  Object.fromEntries(keys.map((k) => [k, o[k]]));

function newAccount() {
  const suffix = randomBytes(4).toString('hex');
  return {
    firstname: 'Form',
    lastname: `Tester ${suffix}`,
    email: `form-${suffix}@example.com`,
    username: `form_${suffix}`,
    password: PASSWORD,
  };
}

/** GraphQL refuses the same input with exactly `message` and `code`, as its one error. */
async function expectGraphqlRefusal(
  client: ApiClient,
  query: string,
  variables: Record<string, unknown>,
  message: string,
  code = 'BAD_USER_INPUT',
) {
  const { errors } = await client.gql(query, variables);
  expect(errors?.map((e) => ({ message: e.message, code: e.extensions?.code }))).toEqual([
    { message, code },
  ]);
}

const REGISTER = 'mutation($input: RegisterInput!) { register(input: $input) { id } }';
const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }';
const SET_BUDGET =
  'mutation($month: Month!, $amount: Decimal!) { setMonthlyBudget(month: $month, amount: $amount) { id } }';
const SET_TARGET =
  'mutation($input: BudgetCategoryInput!) { setBudgetCategory(input: $input) { id } }';

describeEachDatabase('form routes', (server) => {
  async function countRows(table: string): Promise<number> {
    const [row] = await server().dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
    return Number(row.n);
  }

  test('POST /register: 302 /login with the success flash, and the account can log in', async () => {
    const client = server().client();
    const account = newAccount();
    expect(await client.form('/register', account)).toEqual(
      redirect('/login', 'success', 'Registration successful! Please log in.'),
    );
    expect(client.cookies.has('sid')).toBe(false);

    expect(await client.form('/login', { username: account.username, password: PASSWORD })).toEqual(
      redirect('/dashboard'),
    );
    const { me } = await client.data('{ me { username email lastname currency } }');
    expect(me).toEqual({ ...pick(account, 'username', 'email', 'lastname'), currency: 'USD' });
  });

  test('POST /register refusals: 302 /register with the reason GraphQL gives', async () => {
    const client = server().client();
    const taken = newAccount();
    await client.data(REGISTER, { input: taken });
    const cases: [Record<string, string>, string][] = [
      [{ password: 'short' }, 'Password must be at least 8 characters'],
      [{ email: 'not-an-email' }, 'Email must be an address such as name@example.com'],
      [
        { username: 'a b' },
        'Username must be 3 to 50 letters, digits, dots, dashes or underscores',
      ],
      [{ username: taken.username.toUpperCase() }, 'This username is already taken'],
      [{ email: taken.email }, 'An account with this email already exists'],
      [{ firstname: '' }, 'First name is required'],
    ];
    for (const [change, message] of cases) {
      const input = { ...newAccount(), ...change };
      expect(await client.form('/register', input)).toEqual(
        redirect('/register', 'error', message),
      );
      await expectGraphqlRefusal(client, REGISTER, { input }, message);
    }
    const { password: _omitted, ...noPassword } = newAccount();
    expect(await client.form('/register', noPassword)).toEqual(
      redirect('/register', 'error', 'Password is required'),
    );
    const refused = { ...newAccount(), password: 'short' };
    await client.form('/register', refused);
    expect((await client.gql(LOGIN, { u: refused.username, p: 'short' })).errors?.[0].message).toBe(
      INVALID_LOGIN,
    );
  });

  test('POST /login sets an HttpOnly SameSite=Lax sid cookie that /graphql accepts', async () => {
    const account = newAccount();
    await server().client().data(REGISTER, { input: account });
    const response = await fetch(`${server().url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: account.username, password: PASSWORD }).toString(),
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/dashboard');
    const cookies = response.headers.getSetCookie().filter((line) => line.startsWith('sid='));
    expect(cookies).toHaveLength(1);
    const [pair, ...attributes] = cookies[0].split(';').map((part) => part.trim());
    const sid = pair.slice('sid='.length);
    expect(sid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // No Secure over plain HTTP; 30 days is the absolute session lifetime.
    expect(attributes.map((a) => a.toLowerCase()).sort()).toEqual(
      ['httponly', 'max-age=2592000', 'path=/', 'samesite=lax'].sort(),
    );

    const browser = new ApiClient(server().url);
    browser.cookies.set('sid', sid);
    expect(await browser.data('{ me { username } }')).toEqual({
      me: { username: account.username },
    });

    // The email works as the login name too, ignoring case.
    const byEmail = server().client();
    expect(
      await byEmail.form('/login', { username: account.email.toUpperCase(), password: PASSWORD }),
    ).toEqual(redirect('/dashboard'));
    expect((await byEmail.data('{ me { username } }')).me.username).toBe(account.username);
  });

  test('POST /login failures: one message for an unknown user and a wrong password', async () => {
    const account = newAccount();
    const client = server().client();
    await client.data(REGISTER, { input: account });
    const attempts = [
      { username: 'nobody_by_that_name', password: PASSWORD },
      { username: account.username, password: 'wrong password!' },
      { username: account.email, password: 'wrong password!' },
      { username: '', password: '' },
    ];
    for (const attempt of attempts) {
      expect(await client.form('/login', attempt)).toEqual(
        redirect('/login', 'error', INVALID_LOGIN),
      );
      expect(client.cookies.has('sid')).toBe(false);
      await expectGraphqlRefusal(
        client,
        LOGIN,
        { u: attempt.username, p: attempt.password },
        INVALID_LOGIN,
        'UNAUTHENTICATED',
      );
    }
    expect(await client.data('{ me { id } }')).toEqual({ me: null });
  });

  test('a new login replaces the session; GET /logout kills it server-side', async () => {
    const client = server().client();
    const user = await signUp(client);
    const first = client.cookies.get('sid') as string;
    const login = { username: user.username, password: PASSWORD };
    expect(await client.form('/login', login)).toEqual(redirect('/dashboard'));
    const sid = client.cookies.get('sid') as string;
    expect(sid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sid).not.toBe(first);
    const stale = new ApiClient(server().url);
    stale.cookies.set('sid', first);
    expect(await stale.data('{ me { id } }')).toEqual({ me: null });
    expect((await client.data('{ me { id } }')).me.id).toBe(user.id);

    expect(await client.get('/logout')).toEqual(LOGGED_OUT);
    expect(client.cookies.has('sid')).toBe(false);
    stale.cookies.set('sid', sid);
    expect(await stale.data('{ me { id } }')).toEqual({ me: null });
    const expensesBefore = await countRows('transactions');
    expect(await stale.form('/add_expense', COFFEE)).toEqual(PLEASE_LOG_IN);
    expect(await countRows('transactions')).toBe(expensesBefore);

    // Logging out without a session is harmless.
    expect(await server().client().get('/logout')).toEqual(LOGGED_OUT);
  });

  test('protected form routes without a session redirect to /login and write nothing', async () => {
    const posts: [string, Record<string, string>][] = [
      ['/add_expense', COFFEE],
      ['/Setbudget', { amount: '100', month: '2024-03' }],
      ['/budget_categories', { category: 'Food', target_amount: '10', target_date: '2024-03' }],
    ];
    const tables = ['transactions', 'budgets', 'budget_categories', 'categories'];
    const before = await Promise.all(tables.map(countRows));
    const forged = new ApiClient(server().url);
    forged.cookies.set('sid', randomBytes(32).toString('base64url'));
    for (const client of [server().client(), forged]) {
      for (const [path, fields] of posts) {
        expect(await client.form(path, fields)).toEqual(PLEASE_LOG_IN);
      }
    }
    expect(await Promise.all(tables.map(countRows))).toEqual(before);
  });

  test('POST /add_expense: 302 /dashboard, and GraphQL shows the exact amount', async () => {
    const client = server().client();
    await signUp(client);
    const posts = [
      { description: 'Weekly groceries', amount: '12.5', category: 'food', date: '2024-03-10' },
      { description: 'Cat litter', amount: '0.30', category: 'Pet supplies', date: '2024-03-11' },
    ];
    for (const fields of posts) {
      expect(await client.form('/add_expense', fields)).toEqual(
        redirect('/dashboard', 'success', 'Expense added successfully!'),
      );
    }
    const { expenses } = await client.data(
      '{ expenses { totalCount nodes { description amount date category { name } } } }',
    );
    expect(expenses).toEqual({
      totalCount: 2,
      nodes: [
        {
          description: 'Cat litter',
          amount: '0.30',
          date: '2024-03-11',
          category: { name: 'Pet supplies' },
        },
        {
          description: 'Weekly groceries',
          amount: '12.50',
          date: '2024-03-10',
          category: { name: 'Food' },
        },
      ],
    });
  });

  test('POST /add_expense refusals: 302 /add_expense with the message GraphQL gives', async () => {
    const client = server().client();
    await signUp(client);
    const valid = { description: 'Lunch', amount: '9.99', category: 'Food', date: '2024-03-10' };
    const cases: [Record<string, string>, string][] = [
      [{ amount: '12.345' }, 'Amount must have at most 2 decimal places'],
      [{ amount: 'abc' }, 'Amount must be a decimal number such as 150.50'],
      [{ amount: '1e3' }, 'Amount must be a decimal number such as 150.50'],
      [{ amount: 'NaN' }, 'Amount must be a decimal number such as 150.50'],
      [{ amount: '0' }, 'Amount must be greater than 0'],
      [{ amount: '-5' }, 'Amount must be greater than 0'],
      [{ amount: '10000000000000' }, 'Amount must be less than 10000000000000'],
      [{ amount: '' }, 'Amount is required'],
      [{ date: '2024-02-30' }, 'Date must be a real calendar day as YYYY-MM-DD'],
      [{ description: '   ' }, 'Description is required'],
      [{ description: 'x'.repeat(201) }, 'Description must be at most 200 characters'],
      [{ category: '' }, 'Category is required'],
    ];
    for (const [change, message] of cases) {
      const input = { ...valid, ...change };
      expect(await client.form('/add_expense', input)).toEqual(
        redirect('/add_expense', 'error', message),
      );
      await expectGraphqlRefusal(client, ADD_EXPENSE, { input }, message);
    }
    const { amount: _omitted, ...noAmount } = valid;
    expect(await client.form('/add_expense', noAmount)).toEqual(
      redirect('/add_expense', 'error', 'Amount is required'),
    );
    expect(await client.data('{ expenses { totalCount } }')).toEqual({
      expenses: { totalCount: 0 },
    });
  });

  test('POST /Setbudget: 302 /dashboard; a second post replaces; refusals say why', async () => {
    const client = server().client();
    await signUp(client);
    const ok = redirect('/dashboard', 'success', 'Budget set successfully!');
    expect(await client.form('/Setbudget', { amount: '1500', month: '2024-03' })).toEqual(ok);
    expect(await client.form('/Setbudget', { amount: '1750.5', month: '2024-03' })).toEqual(ok);
    expect(await client.form('/Setbudget', { amount: '0', month: '2024-04' })).toEqual(ok);
    const expected = {
      budgets: [
        { month: '2024-04', amount: '0.00' },
        { month: '2024-03', amount: '1750.50' },
      ],
    };
    expect(await client.data('{ budgets { month amount } }')).toEqual(expected);

    const cases: [Record<string, string>, string][] = [
      [{ amount: '-1' }, 'Budget must not be negative'],
      [{ amount: '1.234' }, 'Budget must have at most 2 decimal places'],
      [{ amount: 'lots' }, 'Budget must be a decimal number such as 150.50'],
      [{ month: '2024-13' }, 'Month must be a month as YYYY-MM'],
      [{ month: '2024-3' }, 'Month must be a month as YYYY-MM'],
    ];
    for (const [change, message] of cases) {
      const fields = { amount: '99', month: '2024-03', ...change };
      expect(await client.form('/Setbudget', fields)).toEqual(
        redirect('/dashboard', 'error', message),
      );
      await expectGraphqlRefusal(client, SET_BUDGET, fields, message);
    }
    expect(await client.form('/Setbudget', { amount: '99' })).toEqual(
      redirect('/dashboard', 'error', 'Month must be a month as YYYY-MM'),
    );
    expect(await client.data('{ budgets { month amount } }')).toEqual(expected);
  });

  test('POST /budget_categories: 302 /dashboard; GraphQL shows the target; refusals say why', async () => {
    const client = server().client();
    await signUp(client);
    await client.form('/add_expense', { ...COFFEE, amount: '12.5' });
    expect(
      await client.form('/budget_categories', {
        category: 'FOOD',
        target_amount: '200.5',
        target_date: '2024-03',
      }),
    ).toEqual(redirect('/dashboard', 'success', 'Budget category set successfully!'));
    const query =
      '{ budgetCategories { category { name } targetMonth targetAmount spent remaining } }';
    const expected = {
      budgetCategories: [
        {
          category: { name: 'Food' },
          targetMonth: '2024-03',
          targetAmount: '200.50',
          spent: '12.50',
          remaining: '188.00',
        },
      ],
    };
    expect(await client.data(query)).toEqual(expected);

    const cases: [Record<string, string>, string][] = [
      [{ target_amount: '0' }, 'Target amount must be greater than 0'],
      [{ target_amount: '5.555' }, 'Target amount must have at most 2 decimal places'],
      [{ target_date: '2024-00' }, 'Target month must be a month as YYYY-MM'],
      [{ target_date: '2024-03-01' }, 'Target month must be a month as YYYY-MM'],
      [{ category: '' }, 'Category is required'],
    ];
    for (const [change, message] of cases) {
      const fields = { category: 'Food', target_amount: '1', target_date: '2024-03', ...change };
      expect(await client.form('/budget_categories', fields)).toEqual(
        redirect('/dashboard', 'error', message),
      );
      const input = {
        category: fields.category,
        targetAmount: fields.target_amount,
        targetMonth: fields.target_date,
      };
      await expectGraphqlRefusal(client, SET_TARGET, { input }, message);
    }
    expect(await client.data(query)).toEqual(expected);
  });

  test('cross-origin posts are refused with 403 and write nothing; same-origin posts work', async () => {
    const client = server().client();
    const user = await signUp(client);
    const foreign: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { referer: 'http://evil.example/attack.html' },
      { origin: 'null' },
      { origin: `https://evil.example`, referer: `${server().url}/add_expense` },
    ];
    const refused = { status: 403, location: null, flash: null };
    const tables = [
      'users',
      'sessions',
      'transactions',
      'budgets',
      'budget_categories',
      'categories',
    ];
    const before = await Promise.all(tables.map(countRows));
    for (const headers of foreign) {
      expect(await client.form('/add_expense', COFFEE, headers)).toEqual(refused);
      expect(await client.form('/Setbudget', { amount: '10', month: '2024-03' }, headers)).toEqual(
        refused,
      );
      const target = { category: 'Evil', target_amount: '1', target_date: '2024-03' };
      expect(await client.form('/budget_categories', target, headers)).toEqual(refused);
      const stranger = server().client();
      const login = { username: user.username, password: PASSWORD };
      expect(await stranger.form('/login', login, headers)).toEqual(refused);
      expect(stranger.cookies.has('sid')).toBe(false);
      expect(await stranger.form('/register', newAccount(), headers)).toEqual(refused);
    }
    expect(await Promise.all(tables.map(countRows))).toEqual(before);
    expect(await client.data('{ me { id } expenses { totalCount } budgets { id } }')).toEqual({
      me: { id: user.id },
      expenses: { totalCount: 0 },
      budgets: [],
    });

    const added = redirect('/dashboard', 'success', 'Expense added successfully!');
    const url = server().url;
    expect(await client.form('/add_expense', COFFEE, { origin: url })).toEqual(added);
    expect(await client.form('/add_expense', COFFEE, { referer: `${url}/add_expense` })).toEqual(
      added,
    );
    expect(await client.data('{ expenses { totalCount nodes { amount } } }')).toEqual({
      expenses: { totalCount: 2, nodes: [{ amount: '3.20' }, { amount: '3.20' }] },
    });
  });
});
