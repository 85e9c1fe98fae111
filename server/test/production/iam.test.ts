import mysql from 'mysql2/promise';
import type { DataSource, QueryRunner } from 'typeorm';
import type { MysqlSettings } from '../../src/config';
import { DatabaseStartError } from '../../src/db/connect';
import { createDataSource } from '../../src/db/data-source';
import {
  AuthTokenError,
  AuthTokenSource,
  rdsSigner,
  TOKEN_MAX_AGE_MS,
  type TokenEndpoint,
} from '../../src/db/iam';
import { clearPasswordPlugin } from '../../src/db/mysql-driver';
import { startServer } from '../../src/server';
import { ApiClient } from '../api-client';
import { signUp } from '../factories';
import { admin, createDatabase, dropDatabase, mysqlConfig, sharedUrl, unique } from './mariadb';

/**
 * RDS IAM authentication. AWS is outside the machine, so the signer is a stand-in whose tokens
 * are MariaDB passwords the test rotates with ALTER USER: a connection that signs in after a
 * rotation can only have used the new token.
 */

const REGION = 'eu-west-1';
const MINUTE = 60_000;

/** A signer stand-in: hands out `token`, records each call and what it was made for. */
function stubSigner() {
  const stub = {
    token: 'token-0',
    failure: undefined as Error | undefined,
    calls: 0,
    endpoints: [] as TokenEndpoint[],
    factory: (endpoint: TokenEndpoint) => {
      stub.endpoints.push(endpoint);
      return {
        getAuthToken: async () => {
          stub.calls++;
          if (stub.failure) throw stub.failure;
          return stub.token;
        },
      };
    },
  };
  return stub;
}

describe('AuthTokenSource', () => {
  const endpoint = { host: 'db.example', port: 3306, user: 'app', region: REGION };

  test('signs once for concurrent callers, reuses a token under 10 minutes, re-signs at 10', async () => {
    let now = 0;
    const stub = stubSigner();
    const tokens = new AuthTokenSource(endpoint, stub.factory(endpoint), () => now);
    expect(await Promise.all([tokens.get(), tokens.get(), tokens.get()])).toEqual([
      'token-0',
      'token-0',
      'token-0',
    ]);
    expect(stub.calls).toBe(1);
    stub.token = 'token-1';
    now = TOKEN_MAX_AGE_MS - 1;
    expect(await tokens.get()).toBe('token-0');
    now = TOKEN_MAX_AGE_MS;
    expect(await tokens.get()).toBe('token-1');
    expect(stub.calls).toBe(2);
    tokens.invalidate();
    expect(await tokens.get()).toBe('token-1');
    expect(stub.calls).toBe(3);
    expect(TOKEN_MAX_AGE_MS).toBe(10 * MINUTE);
  });

  test('a signer failure is "Could not generate auth token" on one line with where, never a token', async () => {
    const stub = stubSigner();
    stub.failure = new Error('Could not load credentials from any providers\n  at chain');
    const tokens = new AuthTokenSource(endpoint, stub.factory(endpoint));
    const error = await tokens.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthTokenError);
    expect((error as Error).message).toBe(
      'Could not generate auth token (app@db.example:3306, region eu-west-1): Could not load credentials from any providers at chain',
    );
  });

  test('the real Signer is called with host, port, user and region, credentials from the default chain', async () => {
    // The SDK's default chain reads these (our code reads none); signing is local, no network.
    const saved = { ...process.env };
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
    try {
      const token = await rdsSigner({
        ...endpoint,
        host: 'mydb.abc.eu-west-1.rds.amazonaws.com',
      }).getAuthToken();
      expect(token).toMatch(
        /^mydb\.abc\.eu-west-1\.rds\.amazonaws\.com:3306\/\?Action=connect&DBUser=app&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F\d{8}%2Feu-west-1%2Frds-db%2Faws4_request&/,
      );
      expect(token).toContain('X-Amz-Expires=900');
    } finally {
      process.env = saved;
    }
  });

  test("the mysql_clear_password plugin (what RDS asks for) sends this connection's token, over TLS only", () => {
    const plugin = clearPasswordPlugin();
    const overTls = plugin({
      connection: { config: { host: 'h', port: 1, password: 'tok', ssl: {} } },
    });
    expect(overTls()).toEqual(Buffer.from('tok\0'));
    const plain = plugin({ connection: { config: { host: 'h', port: 1, password: 'tok' } } });
    expect(() => plain()).toThrow('Refusing to send an auth token without TLS: set DB_SSL_CA');
  });
});

describe('IAM tokens reach each new connection [mysql]', () => {
  const user = unique('iam');
  let database: string;
  let stub: ReturnType<typeof stubSigner>;
  let now: number;
  let dataSource: DataSource;

  const rotate = async (token: string) => {
    await admin(`ALTER USER '${user}'@'%' IDENTIFIED BY '${token}'`);
    stub.token = token;
  };
  const connectionIds = async (runners: QueryRunner[]) =>
    Promise.all(
      runners.map(async (r) => Number((await r.query('SELECT CONNECTION_ID() AS id'))[0].id)),
    );
  const signsInWith = async (password: string) => {
    const url = sharedUrl();
    const c = await mysql
      .createConnection({ host: url.hostname, port: Number(url.port || 3306), user, password })
      .catch((e: { code: string }) => e.code);
    if (typeof c === 'string') return c;
    await c.end();
    return 'OK';
  };

  beforeAll(async () => {
    database = await createDatabase();
    stub = stubSigner();
    await admin(
      `CREATE USER '${user}'@'%' IDENTIFIED BY 'token-0'; GRANT ALL ON \`${database}\`.* TO '${user}'@'%'`,
    );
  });
  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await admin(`DROP USER IF EXISTS '${user}'@'%'`);
    await dropDatabase(database);
  });

  test('connections opened after each rotation use the new token; open ones keep working', async () => {
    now = 0;
    const url = sharedUrl();
    const settings: MysqlSettings = {
      ...(mysqlConfig({ database }).db as MysqlSettings),
      user,
      password: '',
      poolSize: 3,
      iam: { region: REGION },
    };
    dataSource = await createDataSource(settings, {
      signer: stub.factory,
      now: () => now,
    }).initialize();
    expect(stub.endpoints[0]).toEqual({
      host: url.hostname,
      port: Number(url.port || 3306),
      user,
      region: REGION,
    });

    // Three connections at once: one token, signed once.
    let runners = [1, 2, 3].map(() => dataSource.createQueryRunner());
    let open = await connectionIds(runners);
    expect(new Set(open).size).toBe(3);
    expect(stub.calls).toBe(1);

    for (let round = 1; round <= 3; round++) {
      await rotate(`token-${round}`);
      expect(await signsInWith(`token-${round - 1}`)).toBe('ER_ACCESS_DENIED_ERROR');
      expect(await signsInWith(`token-${round}`)).toBe('OK');
      now += TOKEN_MAX_AGE_MS;
      // Connections signed in with the old token are not asked again.
      expect(await connectionIds(runners)).toEqual(open);
      await Promise.all(runners.map((r) => r.release()));
      // One of them dies: the pool opens a new one for the next caller, with the new token
      // (the only one the database now takes).
      // Already gone is as good (a loaded CI machine has been seen to drop it first).
      await admin(`KILL ${open[0]}`).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
      runners = [1, 2, 3].map(() => dataSource.createQueryRunner());
      const ids = await connectionIds(runners);
      expect(ids.filter((id) => !open.includes(id))).toHaveLength(1);
      expect(stub.calls).toBe(1 + round);
      const [row] = await runners[0].query('SELECT CURRENT_USER() AS who');
      expect(row.who).toBe(`${user}@%`);
      open = ids;
    }
    await Promise.all(runners.map((r) => r.release()));
    // Through all of it, ordinary work on the pool never failed.
    expect(await dataSource.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });

  test('a cached token the database refuses is replaced once, without failing the caller', async () => {
    // A pooled connection signed in before the rotation, whatever the test before left open.
    expect(await dataSource.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    await rotate('token-early');
    const calls = stub.calls;
    // Every pooled connection dies, so the next query must sign in.
    const rows = await admin<{ ID: number }[]>(
      `SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '${user}'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { ID } of rows) await admin(`KILL ${ID}`).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The clock has not moved: the cached token is refused, a fresh one is signed, and works.
    expect(await dataSource.query('SELECT 2 AS ok')).toEqual([{ ok: 2 }]);
    expect(stub.calls).toBe(calls + 1);
  });

  test('start-up and /readyz say "Could not generate auth token" with where, never a token', async () => {
    const failing = stubSigner();
    failing.failure = new Error('Could not load credentials from any providers');
    const config = mysqlConfig({
      database,
      user,
      password: '',
      iam: { region: REGION },
      startAttempts: 2,
    });
    const where = `${user}@${config.db.driver === 'mysql' && config.db.host}:${sharedUrl().port || 3306}, region ${REGION}`;
    const start = startServer(config, { signer: failing.factory, sleep: async () => undefined });
    await expect(start).rejects.toThrow(DatabaseStartError);
    await expect(start).rejects.toThrow(
      `Could not generate auth token (${where}): Could not load credentials from any providers (gave up after 2 attempts)`,
    );

    const working = stubSigner();
    working.token = stub.token;
    let clock = 0;
    const server = await startServer(config, { signer: working.factory, now: () => clock });
    try {
      await signUp(new ApiClient(server.url));
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      // The credentials go away, the token ages out, and the pool must open a new connection.
      working.failure = new Error('Could not load credentials from any providers');
      clock += TOKEN_MAX_AGE_MS;
      // Open connections need no token: still ready.
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      const rows = await admin<{ ID: number }[]>(
        `SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '${user}'`,
      );
      for (const { ID } of rows) await admin(`KILL ${ID}`).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      const body = await ready.text();
      expect(JSON.parse(body)).toEqual({
        status: 'unavailable',
        reason: 'Could not generate auth token',
        detail: `Could not generate auth token (${where}): Could not load credentials from any providers`,
      });
      expect(body).not.toContain(stub.token);
      // The credentials come back: ready again, by itself.
      working.failure = undefined;
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
