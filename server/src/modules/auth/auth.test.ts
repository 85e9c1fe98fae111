import { User } from '../users/user.entity';
import { Session } from './session.entity';
import type { ApiClient } from '../../../test/api-client';
import { PASSWORD, signUp } from '../../../test/factories';
import { describeEachDatabase } from '../../../test/test-server';

const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }';
const REGISTER =
  'mutation($input: RegisterInput!) { register(input: $input) { id username email currency } }';
const CHANGE_PASSWORD =
  'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';

let counter = 0;
function registration(overrides: Record<string, unknown> = {}) {
  counter += 1;
  const tag = `${process.pid}x${counter}`;
  return {
    firstname: 'Ada',
    lastname: 'Lovelace',
    email: `ada${tag}@example.com`,
    username: `ada${tag}`,
    password: PASSWORD,
    ...overrides,
  };
}

function firstError(result: {
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}) {
  expect(result.errors).toHaveLength(1);
  return result.errors![0];
}

describeEachDatabase('auth and accounts', (server) => {
  const sid = (client: ApiClient) => client.cookies.get('sid');

  test('register, log in by username and by email (any case), me, logout', async () => {
    const client = server().client();
    const user = await signUp(client);
    expect((await client.data('{ me { id username currency } }')).me).toEqual({
      id: user.id,
      username: user.username,
      currency: 'USD',
    });
    await client.data('mutation { logout }');
    expect((await client.data('{ me { id } }')).me).toBeNull();
    const byEmail = await client.data(LOGIN, { u: user.email.toUpperCase(), p: PASSWORD });
    expect(byEmail.login.id).toBe(user.id);
    const byUsername = await client.data(LOGIN, { u: user.username.toUpperCase(), p: PASSWORD });
    expect(byUsername.login.id).toBe(user.id);
  });

  test('registration stores an OWASP-shaped scrypt hash, never the password', async () => {
    const client = server().client();
    const user = await signUp(client);
    const stored = await server()
      .dataSource.getRepository(User)
      .findOneByOrFail({ id: Number(user.id) });
    // Tests run with N=2^12 for speed; production uses 2^17 (see lib/password.test.ts).
    expect(stored.passwordHash).toMatch(
      /^scrypt\$ln=12,r=8,p=1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/=]{44}$/,
    );
    expect(stored.passwordHash).not.toContain(PASSWORD);
  });

  test.each([
    ['firstname', { firstname: '' }, 'First name is required'],
    ['firstname', { firstname: 'x'.repeat(101) }, 'First name must be at most 100 characters'],
    ['lastname', { lastname: '   ' }, 'Last name is required'],
    ['email', { email: 'not-an-email' }, 'Email must be an address such as name@example.com'],
    [
      'username',
      { username: 'ab' },
      'Username must be 3 to 50 letters, digits, dots, dashes or underscores',
    ],
    [
      'username',
      { username: 'a b c' },
      'Username must be 3 to 50 letters, digits, dots, dashes or underscores',
    ],
    [
      'username',
      { username: 'me@example' },
      'Username must be 3 to 50 letters, digits, dots, dashes or underscores',
    ],
    ['password', { password: 'short12' }, 'Password must be at least 8 characters'],
    ['password', { password: 'x'.repeat(129) }, 'Password must be at most 128 characters'],
    ['password', { password: 'x'.repeat(10_240) }, 'Password must be at most 128 characters'],
    ['currency', { currency: 'XXX' }, 'Currency must be an ISO 4217 code such as USD'],
    ['firstname', { firstname: 'Ada\u0000' }, 'First name must not contain control characters'],
  ])('register refuses a bad %s: %j', async (field, overrides, message) => {
    const result = await server()
      .client()
      .gql(REGISTER, { input: registration(overrides) });
    const error = firstError(result);
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(error.message).toBe(message);
    expect(result.data).toBeNull();
  });

  test('passwords of exactly 8 and 128 characters are accepted; currency is upper-cased', async () => {
    const client = server().client();
    for (const password of ['zq8#Lm2!', 'p'.repeat(128)]) {
      const input = registration({ password, currency: 'jpy' });
      const { register } = await client.data(REGISTER, { input });
      expect(register.currency).toBe('JPY');
      expect((await client.data(LOGIN, { u: input.username, p: password })).login.id).toBe(
        register.id,
      );
    }
  });

  test('username and email are unique ignoring case', async () => {
    const client = server().client();
    const first = registration();
    await client.data(REGISTER, { input: first });
    const sameUsername = await client.gql(REGISTER, {
      input: registration({ username: first.username.toUpperCase() }),
    });
    expect(firstError(sameUsername).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'username',
    });
    expect(firstError(sameUsername).message).toBe('This username is already taken');
    const sameEmail = await client.gql(REGISTER, {
      input: registration({ email: first.email.toUpperCase() }),
    });
    expect(firstError(sameEmail).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'email' });
  });

  test('unknown user and wrong password fail alike', async () => {
    const client = server().client();
    const user = await signUp(client);
    const unknown = firstError(await client.gql(LOGIN, { u: 'nobody-at-all', p: PASSWORD }));
    const wrong = firstError(await client.gql(LOGIN, { u: user.username, p: 'wrong password' }));
    expect(unknown).toEqual(wrong);
    expect(unknown.message).toBe('Invalid username or password');
    expect(unknown.extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  test('the session cookie is HttpOnly, SameSite=Lax, and new at every login', async () => {
    const client = server().client();
    const input = registration();
    await client.data(REGISTER, { input });
    const response = await fetch(`${server().url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { u: input.username, p: PASSWORD } }),
    });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('sid='));
    expect(cookie).toMatch(
      /^sid=[A-Za-z0-9_-]{43}; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Lax$/,
    );

    await client.data(LOGIN, { u: input.username, p: PASSWORD });
    const before = sid(client);
    await client.data(LOGIN, { u: input.username, p: PASSWORD });
    expect(sid(client)).not.toBe(before);
    // The session replaced by the second login is gone server-side.
    const stale = server().client();
    stale.cookies.set('sid', before!);
    expect((await stale.data('{ me { id } }')).me).toBeNull();
  });

  test('sessions are stored hashed, and logout deletes them server-side', async () => {
    const client = server().client();
    const user = await signUp(client);
    const token = sid(client)!;
    const sessions = await server()
      .dataSource.getRepository(Session)
      .findBy({ userId: Number(user.id) });
    expect(sessions).toHaveLength(1);
    expect(sessions[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(sessions[0].tokenHash).not.toContain(token);

    await client.data('mutation { logout }');
    const replay = server().client();
    replay.cookies.set('sid', token);
    expect((await replay.data('{ me { id } }')).me).toBeNull();
    expect(
      await server()
        .dataSource.getRepository(Session)
        .countBy({ userId: Number(user.id) }),
    ).toBe(0);
  });

  test('changePassword checks the current one, keeps this session and ends the others', async () => {
    const phone = server().client();
    const laptop = server().client();
    const user = await signUp(laptop);
    await phone.data(LOGIN, { u: user.username, p: PASSWORD });

    const wrong = firstError(
      await laptop.gql(CHANGE_PASSWORD, { c: 'not it at all', n: 'new password 1' }),
    );
    expect(wrong.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    const tooShort = firstError(await laptop.gql(CHANGE_PASSWORD, { c: PASSWORD, n: 'short' }));
    expect(tooShort.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'newPassword' });

    expect(
      (await laptop.data(CHANGE_PASSWORD, { c: PASSWORD, n: 'new password 1' })).changePassword,
    ).toBe(true);
    expect((await laptop.data('{ me { id } }')).me).toEqual({ id: user.id });
    expect((await phone.data('{ me { id } }')).me).toBeNull();
    const old = firstError(await server().client().gql(LOGIN, { u: user.username, p: PASSWORD }));
    expect(old.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    const fresh = await server().client().data(LOGIN, { u: user.username, p: 'new password 1' });
    expect(fresh.login.id).toBe(user.id);
  });

  test('updateProfile changes names, email and currency, with its rules', async () => {
    const client = server().client();
    await signUp(client);
    const other = await signUp(server().client());
    const UPDATE =
      'mutation($input: ProfileInput!) { updateProfile(input: $input) { firstname lastname email currency } }';
    const { updateProfile } = await client.data(UPDATE, {
      input: {
        firstname: 'Grace',
        lastname: 'Hopper',
        email: 'grace@example.com',
        currency: 'EUR',
      },
    });
    expect(updateProfile).toEqual({
      firstname: 'Grace',
      lastname: 'Hopper',
      email: 'grace@example.com',
      currency: 'EUR',
    });

    const taken = firstError(
      await client.gql(UPDATE, { input: { email: other.email.toUpperCase() } }),
    );
    expect(taken.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'email' });

    // Nothing was recorded yet: the empty main account followed the currency to EUR.
    const added = await client.data(
      'mutation { addExpense(input: { description: "Tea", amount: "12.34", category: "Food", date: "2024-01-15" }) { currency account { currency } } }',
    );
    expect(added.addExpense).toEqual({ currency: 'EUR', account: { currency: 'EUR' } });
    // History is re-expressed in the new currency from stored rates: without one, refused,
    // naming the pair and the day.
    const noRate = firstError(await client.gql(UPDATE, { input: { currency: 'GBP' } }));
    expect(noRate.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'currency' });
    expect(noRate.message).toContain('EUR->GBP on 2024-01-15');
    await client.data('mutation { setMonthlyBudget(month: "2024-01", amount: "100") { id } }');
    // EUR -> JPY would turn a budget of 100.00 into 10000: refused while budgets are set.
    const digits = firstError(await client.gql(UPDATE, { input: { currency: 'JPY' } }));
    expect(digits.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'currency' });
    expect((await client.data('{ me { currency } }')).me.currency).toBe('EUR');
  });

  test.each([
    ['{ dashboard { spent } }'],
    ['{ expenses { totalCount } }'],
    ['{ categories { id } }'],
    ['{ budgets { id } }'],
    ['{ budgetCategories { id } }'],
    ['mutation { changePassword(currentPassword: "a", newPassword: "bbbbbbbbbb") }'],
    ['mutation { updateProfile(input: { firstname: "x" }) { id } }'],
  ])('%s without a session answers UNAUTHENTICATED', async (query) => {
    const error = firstError(await server().client().gql(query));
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(error.message).toBe('You must be logged in');
  });
});
