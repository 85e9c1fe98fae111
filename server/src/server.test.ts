import fs from 'node:fs';
import path from 'node:path';
import { ApiClient } from '../test/api-client';
import { ConfigError } from './config';
import { migrations } from './db/migrations';
import { startServer } from './server';
import { testDrivers } from '../test/databases';
import { addExpense, signUp } from '../test/factories';
import {
  createTestDatabase,
  describeEachDatabase,
  startTestServer,
  type TestDatabase,
  type TestServer,
} from '../test/test-server';

describeEachDatabase('server', (server) => {
  test('/healthz answers 200 while the process serves', async () => {
    const response = await fetch(`${server().url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  test('/readyz answers 200 while the database answers', async () => {
    const response = await fetch(`${server().url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  test('malformed JSON to /graphql answers 400, not 500', async () => {
    const response = await fetch(`${server().url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ me { id } }"',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { error: string };
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error).toMatch(/JSON/);
    expect(body.error).not.toMatch(/\n\s+at /);
  });

  test('an unknown page without a built client answers 404 text, not 500', async () => {
    const response = await fetch(`${server().url}/no/such/page`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe(
      'The web client is not built. The API is at /graphql; `npm run build` builds the client.',
    );
  });

  test('a text/plain POST to /graphql is refused with 400 (CSRF prevention)', async () => {
    const client = server().client();
    await signUp(client);
    const before = await client.data('{ expenses { totalCount } }');
    const response = await fetch(`${server().url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie: `sid=${client.cookies.get('sid')}` },
      body: JSON.stringify({
        query:
          'mutation { addExpense(input: {description: "csrf", amount: "1", category: "Food", date: "2024-01-01"}) { id } }',
      }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string }[] };
    expect(body.errors[0].message).toMatch(
      /^This operation has been blocked as a potential Cross-Site Request Forgery \(CSRF\)/,
    );
    expect(await client.data('{ expenses { totalCount } }')).toEqual(before);
  });
});

describe.each(testDrivers())('server lifecycle [%s]', (driver) => {
  let database: TestDatabase;
  let running: TestServer | undefined;

  beforeEach(async () => {
    database = await createTestDatabase(driver);
    running = await startTestServer(database);
  });

  afterEach(async () => {
    await running?.stop();
    running = undefined;
    await database.drop();
  });

  test('/readyz answers 503 once the database is gone; /healthz still 200', async () => {
    const server = running as TestServer;
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    await server.dataSource.destroy();
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      status: 'unavailable',
      reason: 'Unable to connect to database',
      detail: expect.stringMatching(/^Unable to connect to database \((sqlite|mysql) .+\): /),
    });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  test('a port already in use is refused as PORT configuration', async () => {
    const taken = (running as TestServer).port;
    await expect(startServer({ ...database.config, port: taken })).rejects.toThrow(
      new ConfigError(`PORT ${taken} is already in use by another process`),
    );
    // The server that holds the port is untouched.
    expect((await fetch(`${(running as TestServer).url}/readyz`)).status).toBe(200);
  });

  test('a restart on the same database keeps users, data and sessions; migrations run once', async () => {
    const first = running as TestServer;
    const client = first.client();
    const user = await signUp(client);
    const expense = await addExpense(client, {
      description: 'Rent share',
      amount: '1234.5',
      category: 'Rent',
      date: '2024-03-05',
    });
    await client.data('mutation { setMonthlyBudget(month: "2024-03", amount: "2500") { id } }');
    await client.data(
      'mutation { setBudgetCategory(input: {category: "Rent", targetAmount: "1300", targetMonth: "2024-03"}) { id } }',
    );
    const sid = client.cookies.get('sid');
    expect(sid).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await first.stop();
    running = undefined;
    running = await startTestServer(database);
    const second = running;
    if (database.config.db.driver === 'sqlite') {
      // The same DATA_DIR means the same file.
      expect(database.config.db.file).toBe(path.join(database.config.dataDir, 'finance.db'));
      expect(fs.existsSync(database.config.db.file)).toBe(true);
    }

    // The old cookie, presented to the new process: sessions live in the database.
    const again = new ApiClient(second.url);
    again.cookies.set('sid', sid as string);
    const read = await again.data(`{
      me { id username }
      expenses { totalCount nodes { id description amount date category { name } } }
      budgets { month amount }
      budgetCategories(month: "2024-03") { category { name } targetAmount spent remaining }
    }`);
    expect(read).toEqual({
      me: { id: user.id, username: user.username },
      expenses: {
        totalCount: 1,
        nodes: [
          {
            id: expense.id,
            description: 'Rent share',
            amount: '1234.50',
            date: '2024-03-05',
            category: { name: 'Rent' },
          },
        ],
      },
      budgets: [{ month: '2024-03', amount: '2500.00' }],
      budgetCategories: [
        {
          category: { name: 'Rent' },
          targetAmount: '1300.00',
          spent: '1234.50',
          remaining: '65.50',
        },
      ],
    });

    const rows: { name: string }[] = await second.dataSource.query('SELECT name FROM migrations');
    expect(rows).toEqual(migrations.map((migration) => ({ name: migration.name })));
  });
});
