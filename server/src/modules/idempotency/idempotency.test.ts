import type { ApiClient } from '../../../test/api-client';
import { ADD_EXPENSE, signUp } from '../../../test/factories';
import { createToken } from '../../../test/security/helpers';
import { describeEachDatabase, type TestServer } from '../../../test/test-server';
import { IdempotencyKey } from './idempotency-key.entity';
import { hashRequest, IdempotencyService, KEY_LIFETIME_MS } from './idempotency.service';

interface Answer {
  status: number;
  replayed: boolean;
  body: {
    data?: Record<string, any> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

/** A POST to /graphql as `client` (its cookie) or with a bearer token, with an optional key. */
async function send(
  server: TestServer,
  as: ApiClient | { token: string },
  body: { query: string; variables?: Record<string, unknown> } | string,
  key?: string,
): Promise<Answer> {
  const auth: Record<string, string> =
    'token' in as
      ? { authorization: `Bearer ${as.token}` }
      : { cookie: [...as.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...auth,
      ...(key === undefined ? {} : { 'idempotency-key': key }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    replayed: response.headers.get('idempotent-replayed') === 'true',
    body: (await response.json()) as Answer['body'],
  };
}

const lunch = (description = 'Lunch') => ({
  query: ADD_EXPENSE,
  variables: {
    input: { description, amount: '12.50', category: 'Food', date: '2024-03-05' },
  },
});

async function expenseCount(client: ApiClient): Promise<number> {
  const { expenses } = await client.data('{ expenses(first: 200) { totalCount } }');
  return expenses.totalCount as number;
}

const keyRefusal = (message: RegExp) => ({
  message: expect.stringMatching(message),
  extensions: { code: 'BAD_USER_INPUT', field: 'Idempotency-Key' },
});

describeEachDatabase('Idempotency-Key on mutations', (server) => {
  test('a repeat with the same key and request gets the first answer and writes nothing', async () => {
    const client = server().client();
    await signUp(client);
    const first = await send(server(), client, lunch(), 'retry-1');
    expect(first.status).toBe(200);
    expect(first.replayed).toBe(false);
    expect(first.body.data?.addExpense).toMatchObject({ description: 'Lunch', amount: '12.50' });

    // The same request with its variables' keys in another order is the same request.
    const reordered = JSON.stringify({
      variables: {
        input: { date: '2024-03-05', category: 'Food', amount: '12.50', description: 'Lunch' },
      },
      query: ADD_EXPENSE,
    });
    for (const body of [lunch(), reordered]) {
      const repeat = await send(server(), client, body, 'retry-1');
      expect(repeat.status).toBe(200);
      expect(repeat.replayed).toBe(true);
      expect(repeat.body).toEqual(first.body);
    }
    expect(await expenseCount(client)).toBe(1);

    // Without a key, or with another one, the same request writes again.
    await send(server(), client, lunch());
    expect((await send(server(), client, lunch(), 'retry-2')).replayed).toBe(false);
    expect(await expenseCount(client)).toBe(3);
  });

  test('the same key with a different request is refused and writes nothing', async () => {
    const client = server().client();
    await signUp(client);
    await send(server(), client, lunch(), 'k');
    const other = await send(server(), client, lunch('Dinner'), 'k');
    expect(other.status).toBe(400);
    expect(other.body.errors).toEqual([keyRefusal(/already used for a different request/)]);
    expect(other.body.data).toBeUndefined();
    expect(await expenseCount(client)).toBe(1);
  });

  test('concurrent requests with one key write once; the others get its answer or CONFLICT', async () => {
    const client = server().client();
    await signUp(client);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => send(server(), client, lunch(), 'race')),
    );
    expect(await expenseCount(client)).toBe(1);
    const ran = answers.filter((a) => a.status === 200 && !a.replayed);
    expect(ran).toHaveLength(1);
    const id = ran[0].body.data?.addExpense.id;
    for (const answer of answers) {
      if (answer.status === 200) {
        expect(answer.body.data?.addExpense.id).toBe(id);
      } else {
        expect(answer.status).toBe(409);
        expect(answer.body.errors).toEqual([
          {
            message: expect.stringContaining('still running'),
            extensions: { code: 'CONFLICT', field: 'Idempotency-Key' },
          },
        ]);
      }
    }
    // Once the first has answered, a retry gets its answer.
    const later = await send(server(), client, lunch(), 'race');
    expect(later.replayed).toBe(true);
    expect(later.body.data?.addExpense.id).toBe(id);
  });

  test('a failed mutation keeps nothing: its retry with the same key runs', async () => {
    const client = server().client();
    await signUp(client);
    const refused = await send(
      server(),
      client,
      { ...lunch(), variables: { input: { ...lunch().variables.input, amount: '-1' } } },
      'fix-and-retry',
    );
    expect(refused.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // Corrected and sent again with the same key: not "a different request", since nothing was kept.
    const corrected = await send(server(), client, lunch(), 'fix-and-retry');
    expect(corrected.body.errors).toBeUndefined();
    expect(corrected.replayed).toBe(false);

    // A database failure mid-mutation, then the identical request once the database is back.
    const db = server().dataSource;
    await db.query('ALTER TABLE transactions RENAME TO transactions_away');
    let failed: Answer;
    try {
      failed = await send(server(), client, lunch('Retried'), 'after-outage');
    } finally {
      await db.query('ALTER TABLE transactions_away RENAME TO transactions');
    }
    expect(failed.body.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const retried = await send(server(), client, lunch('Retried'), 'after-outage');
    expect(retried.replayed).toBe(false);
    expect(retried.body.data?.addExpense.description).toBe('Retried');
    expect(await expenseCount(client)).toBe(2);
  });

  test('keys are kept per user, for session and token alike', async () => {
    const ada = server().client();
    await signUp(ada);
    const bob = server().client();
    await signUp(bob);
    const adas = await send(server(), ada, lunch(), 'shared-name');
    const bobs = await send(server(), bob, lunch(), 'shared-name');
    expect(bobs.replayed).toBe(false);
    expect(bobs.body.data?.addExpense.id).not.toBe(adas.body.data?.addExpense.id);
    expect(await expenseCount(bob)).toBe(1);

    // Ada's script, with her WRITE token, is Ada: the key she used from the browser is hers.
    const write = await createToken(ada, 'WRITE');
    const script = await send(server(), { token: write.token }, lunch(), 'shared-name');
    expect(script.replayed).toBe(true);
    expect(script.body).toEqual(adas.body);

    // A READ token is refused before the key is looked at, and takes no key.
    const read = await createToken(ada, 'READ');
    const refused = await send(server(), { token: read.token }, lunch(), 'read-token');
    expect(refused.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const rows = await server()
      .dataSource.getRepository(IdempotencyKey)
      .countBy({ key: 'read-token' });
    expect(rows).toBe(0);
  });

  test('keys are 1 to 255 visible ASCII characters; queries ignore the header', async () => {
    const client = server().client();
    await signUp(client);
    for (const key of ['', 'has space', 'x'.repeat(256), 'caf\u00e9']) {
      const answer = await send(server(), client, lunch(), key);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([keyRefusal(/1 to 255 visible ASCII/)]);
    }
    expect(await expenseCount(client)).toBe(0);
    expect((await send(server(), client, lunch(), 'x'.repeat(255))).body.errors).toBeUndefined();

    const query = await send(server(), client, { query: '{ me { username } }' }, 'has space');
    expect(query.status).toBe(200);
    expect(query.body.data?.me.username).toMatch(/^user_/);
    const again = await send(server(), client, { query: '{ me { username } }' }, 'y');
    expect(again.replayed).toBe(false);
  });

  test('refused without a user, and for answers that carry secrets', async () => {
    const anonymous = server().client();
    const login = await send(
      server(),
      anonymous,
      { query: 'mutation { login(username: "nobody", password: "wrong password") { id } }' },
      'anon',
    );
    expect(login.body.errors).toEqual([keyRefusal(/per user: sign in/)]);

    const client = server().client();
    await signUp(client);
    const token = await send(
      server(),
      client,
      { query: 'mutation { createApiToken(name: "x", scope: READ) { token } }' },
      'token-1',
    );
    expect(token.body.errors).toEqual([keyRefusal(/cannot be used with createApiToken/)]);
    const { apiTokens } = await client.data('{ apiTokens { id } }');
    expect(apiTokens).toEqual([]);
  });

  test('expired keys run again and are swept; an abandoned claim is taken over', async () => {
    const client = server().client();
    const user = await signUp(client);
    const userId = Number(user.id);
    const repository = server().dataSource.getRepository(IdempotencyKey);
    await send(server(), client, lunch(), 'old');
    await repository.update({ userId, key: 'old' }, { expiresAt: new Date(Date.now() - 1000) });
    const rerun = await send(server(), client, lunch(), 'old');
    expect(rerun.replayed).toBe(false);
    expect(await expenseCount(client)).toBe(2);

    // A claim left by a process that died mid-mutation, five minutes ago and more.
    const request = lunch('Abandoned');
    const longAgo = new Date(Date.now() - 6 * 60 * 1000);
    await repository.insert({
      userId,
      key: 'orphan',
      requestHash: hashRequest(request),
      response: null,
      createdAt: longAgo,
      expiresAt: new Date(longAgo.getTime() + KEY_LIFETIME_MS),
    });
    const takenOver = await send(server(), client, request, 'orphan');
    expect(takenOver.body.data?.addExpense.description).toBe('Abandoned');

    // The sweep removes every expired key, whoever's, on a later claim (a day on).
    const service = new IdempotencyService(
      server().dataSource,
      () => Date.now() + KEY_LIFETIME_MS + 1000,
    );
    const before = await repository.countBy({ userId });
    expect(before).toBeGreaterThanOrEqual(2);
    await service.claim(userId, 'next-day', lunch('Tomorrow'));
    expect((await repository.findBy({ userId })).map((row) => row.key)).toEqual(['next-day']);
  });
});
