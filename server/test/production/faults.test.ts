import mysql from 'mysql2/promise';
import type { Config } from '../../src/config';
import { connectDatabase, DatabaseStartError } from '../../src/db/connect';
import { startServer, type RunningServer } from '../../src/server';
import { ApiClient } from '../api-client';
import { addExpense, ADD_EXPENSE, signUp } from '../factories';
import { admin, createDatabase, mysqlConfig, ownMariaDb, type OwnMariaDb } from './mariadb';

/**
 * The database's faults, against a MariaDB of this suite's own that the test stops, freezes,
 * kills and restarts: start-up waits with bounded retries; while serving, requests fail fast
 * with DATABASE_UNAVAILABLE / 503, none hangs past the timeouts, no write is half-done, and
 * service resumes by itself.
 */
const TIMEOUTS = { connectTimeoutMs: 1_000, queryTimeoutMs: 2_000, acquireTimeoutMs: 2_500 };
/** The longest any request may take while the database is away: the timeouts, plus slack. */
const LONGEST_MS = TIMEOUTS.queryTimeoutMs + TIMEOUTS.acquireTimeoutMs + 1_000;

const UNAVAILABLE = [
  expect.objectContaining({
    message: 'The database cannot be reached right now; try again shortly',
    extensions: { code: 'DATABASE_UNAVAILABLE' },
  }),
];

async function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work;
  return { result, ms: performance.now() - started };
}

async function readyWithin(url: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if ((await fetch(`${url}/readyz`).catch(() => undefined))?.status === 200) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe('database faults [mysql]', () => {
  let mariadb: OwnMariaDb;
  let config: Config;
  let server: RunningServer | undefined;
  let client: ApiClient;
  let userId: string;

  beforeAll(async () => {
    mariadb = await ownMariaDb();
    const database = await createDatabase(mariadb.port);
    config = mysqlConfig({
      database,
      host: '127.0.0.1',
      port: mariadb.port,
      user: 'root',
      password: '',
      ...TIMEOUTS,
    });
  }, 60_000);

  afterAll(async () => {
    mariadb?.thaw();
    await server?.close();
    await mariadb?.remove();
  });

  test('start-up gives up after DB_START_ATTEMPTS with backoff, on one line', async () => {
    await mariadb.stop();
    const delays: number[] = [];
    const sleep = async (ms: number) => void delays.push(ms);
    const db = { ...config.db, startAttempts: 4 } as Config['db'];
    const error = await connectDatabase({ db, migrateOnStart: true }, { sleep }).catch(
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(DatabaseStartError);
    expect((error as Error).message).toBe(
      `Unable to connect to database (mysql root@127.0.0.1:${mariadb.port}/${
        config.db.driver === 'mysql' && config.db.database
      }): connect ECONNREFUSED 127.0.0.1:${mariadb.port} (gave up after 4 attempts)`,
    );
    expect(delays).toEqual([500, 1000, 2000]);
  });

  test('start-up waits for a database that comes up a moment later', async () => {
    const starting = timed(startServer(config));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await mariadb.start();
    const { result, ms } = await starting;
    server = result;
    expect(ms).toBeGreaterThan(1_000);
    client = new ApiClient(server.url);
    userId = (await signUp(client)).id;
    await addExpense(client, { amount: '10', date: '2024-05-01' });
  }, 30_000);

  test('a stopped database: fast DATABASE_UNAVAILABLE and 503, then service resumes by itself', async () => {
    const running = server as RunningServer;
    await mariadb.stop();
    const { result, ms } = await timed(client.gql('{ expenses { totalCount } }'));
    expect(result.errors).toEqual(UNAVAILABLE);
    expect(ms).toBeLessThan(1_000);
    const ready = await fetch(`${running.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      status: 'unavailable',
      reason: 'Unable to connect to database',
      detail: expect.stringMatching(
        new RegExp(
          `^Unable to connect to database \\(mysql root@127\\.0\\.0\\.1:${mariadb.port}/\\w+\\): .*ECONNREFUSED`,
        ),
      ),
    });
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);

    await mariadb.start();
    expect(await readyWithin(running.url, 5_000)).toBe(true);
    // The same session, through the same process, with nothing restarted.
    expect(await client.data('{ expenses { totalCount } }')).toEqual({
      expenses: { totalCount: 1 },
    });
  }, 30_000);

  test('a frozen database: no request hangs past the timeouts, and service resumes', async () => {
    const running = server as RunningServer;
    mariadb.freeze();
    try {
      // More requests than the pool has connections: some wait for one.
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => timed(client.gql('{ expenses { totalCount } }'))),
      );
      for (const { result, ms } of answers) {
        expect(result.errors).toEqual(UNAVAILABLE);
        expect(ms).toBeLessThan(LONGEST_MS);
      }
      const ready = await timed(fetch(`${running.url}/readyz`));
      expect(ready.result.status).toBe(503);
      expect(ready.ms).toBeLessThan(4_000);
    } finally {
      mariadb.thaw();
    }
    expect(await readyWithin(running.url, 5_000)).toBe(true);
    expect(await client.data('{ expenses { totalCount } }')).toEqual({
      expenses: { totalCount: 1 },
    });
  }, 30_000);

  test('a crash in the middle of a mutation leaves nothing of it', async () => {
    const running = server as RunningServer;
    const database = config.db.driver === 'mysql' ? config.db.database : '';
    // Hold the ledger's range of the transactions index (next-key locks): the mutation creates its new
    // category, then waits to insert the expense.
    const holder = await mysql.createConnection({
      host: '127.0.0.1',
      port: mariadb.port,
      user: 'root',
      database,
    });
    await holder.query('BEGIN');
    await holder.query(
      'SELECT id FROM transactions WHERE ledgerId = (SELECT id FROM ledgers WHERE personalUserId = ?) FOR UPDATE',
      [userId],
    );
    const pending = client.gql(ADD_EXPENSE, {
      input: { description: 'Half', amount: '5', category: 'HalfDone', date: '2024-05-02' },
    });
    let modified = 0;
    for (let i = 0; i < 50 && modified === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const rows = await admin<{ n: number }[]>(
        "SELECT trx_rows_modified AS n FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'",
        mariadb.port,
      );
      modified = Number(rows[0]?.n ?? 0);
    }
    // The waiting transaction has already written its category.
    expect(modified).toBeGreaterThanOrEqual(1);

    await mariadb.crash();
    holder.destroy();
    expect((await pending).errors).toEqual(UNAVAILABLE);
    await mariadb.start();
    expect(await readyWithin(running.url, 5_000)).toBe(true);
    const after = await client.data('{ expenses { totalCount } categories { name } }');
    expect(after.expenses.totalCount).toBe(1);
    expect(after.categories.map((c: { name: string }) => c.name)).not.toContain('HalfDone');
    // The same mutation, run again, lands whole.
    await addExpense(client, { amount: '5', category: 'HalfDone', date: '2024-05-02' });
    const whole = await client.data('{ expenses { totalCount } categories { name } }');
    expect(whole.expenses.totalCount).toBe(2);
    expect(whole.categories.map((c: { name: string }) => c.name)).toContain('HalfDone');
  }, 30_000);
});
