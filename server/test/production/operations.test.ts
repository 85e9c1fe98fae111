import { spawn } from 'node:child_process';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { configureLogger, log, REDACTED, setLogLevel } from '../../src/log';
import { startServer, type RunningServer } from '../../src/server';
import { ApiClient } from '../api-client';
import { ADD_EXPENSE, PASSWORD, signUp } from '../factories';
import { admin, createDatabase, dropDatabase, freePort, mysqlConfig, sharedUrl } from './mariadb';

/**
 * Operations: structured logs with a request id and no secrets; SIGTERM (and close()) drain the
 * requests in flight, then close the pool.
 */

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Log lines written while `work` runs, parsed. */
async function captureLogs(work: () => Promise<void>): Promise<Record<string, any>[]> {
  const lines: string[] = [];
  configureLogger({ level: 'info', destination: { write: (line: string) => lines.push(line) } });
  try {
    await work();
  } finally {
    configureLogger({ level: 'error' });
  }
  return lines.map((line) => JSON.parse(line));
}

/** Holds the user's range of the transactions index, so that adding an expense waits. */
async function holdExpenses(database: string, userId: string) {
  const url = sharedUrl();
  const holder = await mysql.createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    database,
  });
  await holder.query('BEGIN');
  await holder.query(
    'SELECT id FROM transactions WHERE ledgerId = (SELECT id FROM ledgers WHERE personalUserId = ?) FOR UPDATE',
    [userId],
  );
  return {
    /** Resolves once a request of the server waits on the hold. */
    async waitedOn() {
      for (let i = 0; i < 300; i++) {
        // The server's INSERT waits on a row lock (InnoDB says so), or is still running.
        const rows = await admin<unknown[]>(
          `SELECT p.ID FROM information_schema.PROCESSLIST p
             LEFT JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID
            WHERE p.DB = '${database}'
              AND (t.trx_state = 'LOCK WAIT' OR p.INFO LIKE 'INSERT INTO %transactions%')`,
        );
        if (rows.length) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const trx = await admin('SELECT * FROM information_schema.INNODB_TRX');
      const processes = await admin(
        `SELECT ID, DB, COMMAND, STATE, INFO FROM information_schema.PROCESSLIST WHERE DB = '${database}'`,
      );
      throw new Error(`No request waited on the held rows: ${JSON.stringify({ trx, processes })}`);
    },
    release: () => holder.end().catch(() => undefined),
  };
}

const EXPENSE = { description: 'Late', amount: '3', category: 'Food', date: '2024-07-01' };

describe('logs', () => {
  test('secrets are never written, at any depth we log', async () => {
    const error = Object.assign(new Error('boom'), {
      parameters: ['param-secret'],
      driverError: { sql: "SELECT 'sql-secret'" },
    });
    const lines = await captureLogs(async () =>
      log('info', 'Something', {
        password: 'pw-secret',
        user: { name: 'ada', password: 'nested-secret', token: 'token-secret' },
        headers: { cookie: 'sid=cookie-secret', authorization: 'Bearer bearer-secret' },
        error,
      }),
    );
    const text = JSON.stringify(lines);
    for (const secret of ['pw-', 'nested-', 'token-', 'cookie-', 'bearer-', 'param-', 'sql-']) {
      expect(text).not.toContain(`${secret}secret`);
    }
    expect(lines[0]).toMatchObject({
      level: 'info',
      message: 'Something',
      password: REDACTED,
      user: { name: 'ada', password: REDACTED },
      headers: { cookie: REDACTED, authorization: REDACTED },
      error: { message: 'boom', parameters: REDACTED },
    });
    expect(lines[0].time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});

describe('request ids and draining [mysql]', () => {
  let database: string;
  let server: RunningServer;

  beforeAll(async () => {
    database = await createDatabase();
  });
  afterAll(async () => {
    await server?.close();
    await dropDatabase(database);
  });

  test('X-Request-Id is echoed (or made) and tags every line of its request', async () => {
    let ids: string[] = [];
    const lines = await captureLogs(async () => {
      server = await startServer(mysqlConfig({ database }));
      setLogLevel('info');
      const given = await fetch(`${server.url}/healthz`, {
        headers: { 'x-request-id': 'trace-1' },
      });
      const made = await fetch(`${server.url}/healthz`);
      const junk = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'a b\tc' } });
      ids = [given, made, junk].map((r) => r.headers.get('x-request-id') as string);
      const client = new ApiClient(server.url);
      const user = await signUp(client);
      await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-request-id': 'trace-login',
          cookie: 'sid=cookie-secret',
        },
        body: JSON.stringify({
          query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }',
          variables: { u: user.username, p: 'hunter2-secret' },
        }),
      });
      await server.close();
      // Deep inside a request, after awaits: /readyz logs why it is not ready.
      server = await startServer(mysqlConfig({ database }));
      setLogLevel('info');
      await server.dataSource.destroy();
      await fetch(`${server.url}/readyz`, { headers: { 'x-request-id': 'trace-ready' } });
      await server.close();
    });
    expect(ids[0]).toBe('trace-1');
    expect(ids[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[2]).toMatch(/^[0-9a-f-]{36}$/);
    const served = lines.filter((l) => l.message === 'Request served');
    expect(served).toContainEqual(
      expect.objectContaining({
        requestId: 'trace-1',
        method: 'GET',
        path: '/healthz',
        status: 200,
      }),
    );
    expect(served).toContainEqual(
      expect.objectContaining({ requestId: 'trace-login', path: '/graphql', status: 200 }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ requestId: 'trace-ready', level: 'warn', message: 'Not ready' }),
    );
    const text = JSON.stringify(lines);
    expect(text).not.toContain('hunter2-secret');
    expect(text).not.toContain('cookie-secret');
    expect(text).not.toContain(PASSWORD);
  });

  test('close() lets a request in flight finish, refuses new ones, then closes the pool', async () => {
    server = await startServer(mysqlConfig({ database }));
    const client = new ApiClient(server.url);
    const user = await signUp(client);
    const hold = await holdExpenses(database, user.id);
    let answer;
    let closing;
    try {
      const inFlight = client.gql(ADD_EXPENSE, { input: EXPENSE });
      await hold.waitedOn();
      closing = server.close();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
      await hold.release();
      answer = await inFlight;
    } finally {
      await hold.release();
    }
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.addExpense).toMatchObject({ description: 'Late', amount: '3.00' });
    await closing;
    expect(server.dataSource.isInitialized).toBe(false);
    const left = await admin<unknown[]>(
      `SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '${database}'`,
    );
    expect(left).toEqual([]);
  });

  test('SIGTERM to the process: the request in flight is answered, the process exits 0', async () => {
    const url = sharedUrl();
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', 'ts-node/register', 'server/src/main.ts'], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        TS_NODE_PROJECT: 'server/tsconfig.json',
        NODE_ENV: 'production',
        PORT: String(port),
        DB_DRIVER: 'mysql',
        DB_HOST: url.hostname,
        DB_PORT: url.port || '3306',
        DB_USER: decodeURIComponent(url.username),
        DB_PASSWORD: decodeURIComponent(url.password),
        DB_NAME: database,
        CLIENT_DIR: path.join(repoRoot, 'no-client'),
      },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      for (let i = 0; i < 300 && !stderr.includes('Serving on'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(stderr).toContain('Serving on');
      const client = new ApiClient(`http://127.0.0.1:${port}`);
      const user = await signUp(client);
      const hold = await holdExpenses(database, user.id);
      let answer;
      try {
        const inFlight = client.gql(ADD_EXPENSE, { input: EXPENSE });
        await hold.waitedOn().catch(async (error: Error) => {
          const early = await Promise.race([inFlight, new Promise((r) => setTimeout(r, 10))]);
          throw new Error(`${error.message}; answer: ${JSON.stringify(early)}; log: ${stderr}`);
        });
        child.kill('SIGTERM');
        await new Promise((resolve) => setTimeout(resolve, 200));
        await hold.release();
        answer = await inFlight;
      } finally {
        await hold.release();
      }
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.addExpense).toMatchObject({ description: 'Late' });
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
    const lines = stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        message: expect.stringMatching(/^SIGTERM received/),
      }),
    );
    expect(lines.filter((l) => l.message === 'Request served').length).toBeGreaterThan(2);
    expect(stderr).not.toContain(PASSWORD);
  }, 60_000);
});
