import { DRAIN_TIMEOUT_MS } from '../../src/server';
import { startBuiltServer, type BuiltServer } from '../built-server';
import { createDatabase, dropDatabase, ownMariaDb, sharedUrl, type OwnMariaDb } from './mariadb';

/**
 * SIGTERM ends the built server with exit code 0 within the drain time, in production and
 * development mode (where Apollo would install signal handlers of its own), on SQLite and on
 * MariaDB, idle, under light load, and with its database frozen.
 */

jest.setTimeout(60_000);

function mysqlEnv(database: string, port?: number): Record<string, string> {
  const url = sharedUrl();
  return {
    DB_DRIVER: 'mysql',
    DB_HOST: url.hostname,
    DB_PORT: String(port ?? (url.port || 3306)),
    DB_USER: port ? 'root' : decodeURIComponent(url.username),
    DB_PASSWORD: port ? '' : decodeURIComponent(url.password),
    DB_NAME: database,
  };
}

/** Requests in a loop from a few clients at once, until the server stops answering. */
function lightLoad(server: BuiltServer): { requests: () => number; done: Promise<void> } {
  let requests = 0;
  const client = async (path: string, init?: RequestInit) => {
    for (;;) {
      try {
        const response = await fetch(`${server.url}${path}`, init);
        await response.arrayBuffer();
        requests++;
      } catch {
        return; // The server closed its doors: this client is done.
      }
      if (server.child.exitCode !== null) return;
    }
  };
  const graphql = {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  };
  const done = Promise.all([
    client('/readyz'),
    client('/readyz'),
    client('/graphql', graphql),
    client('/healthz'),
  ]).then(() => undefined);
  return { requests: () => requests, done };
}

const cases = ['production', 'development'].flatMap((mode) =>
  ['sqlite', 'mysql'].flatMap((driver) =>
    ['idle', 'under light load'].map((state) => ({ mode, driver, state })),
  ),
);

describe('SIGTERM to the built server', () => {
  test.each(cases)('$mode, $driver, $state: exits 0 within the drain time', async (c) => {
    const database = c.driver === 'mysql' ? await createDatabase() : undefined;
    try {
      const server = await startBuiltServer({
        NODE_ENV: c.mode,
        ...(database ? mysqlEnv(database) : {}),
      });
      try {
        // The pool holds open connections, as it does in service.
        expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
        const load = c.state === 'idle' ? undefined : lightLoad(server);
        if (load) {
          while (load.requests() < 20) await new Promise((resolve) => setTimeout(resolve, 10));
        }
        const { code, ms } = await server.terminate();
        await load?.done;
        expect({ code, ms, withinDrainTime: ms < DRAIN_TIMEOUT_MS }).toEqual({
          code: 0,
          ms: expect.any(Number),
          withinDrainTime: true,
        });
        expect(server.output()).toContain('SIGTERM received');
        expect(server.output()).not.toContain('Stopping');
      } finally {
        server.child.kill('SIGKILL');
      }
    } finally {
      if (database) await dropDatabase(database);
    }
  });

  describe('with the database frozen (SIGSTOP)', () => {
    let mariadb: OwnMariaDb;
    beforeAll(async () => {
      mariadb = await ownMariaDb();
    });
    afterAll(async () => {
      mariadb.thaw();
      await mariadb.remove();
    });

    test.each(['idle', 'with a request waiting on the database'])(
      'production, %s: exits 0 within the drain time',
      async (state) => {
        const database = await createDatabase(mariadb.port);
        const server = await startBuiltServer({
          NODE_ENV: 'production',
          ...mysqlEnv(database, mariadb.port),
        });
        try {
          expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
          mariadb.freeze();
          const waiting =
            state === 'idle'
              ? undefined
              : fetch(`${server.url}/graphql`, {
                  method: 'POST',
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({
                    query: 'mutation { login(username: "nobody", password: "wrong horse") { id } }',
                  }),
                }).catch((error: Error) => error);
          await new Promise((resolve) => setTimeout(resolve, 300));
          const { code, ms } = await server.terminate();
          await waiting;
          expect({ code, ms, withinDrainTime: ms < DRAIN_TIMEOUT_MS }).toEqual({
            code: 0,
            ms: expect.any(Number),
            withinDrainTime: true,
          });
        } finally {
          server.child.kill('SIGKILL');
          mariadb.thaw();
          await dropDatabase(database, mariadb.port);
        }
      },
    );
  });
});
