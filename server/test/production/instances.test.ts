import { spawn } from 'node:child_process';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig, type Config, type MysqlSettings } from '../../src/config';
import { connectDatabase, migrateDatabase } from '../../src/db/connect';
import { createDataSource, readFromReplica } from '../../src/db/data-source';
import { migrations } from '../../src/db/migrations';
import { inTransaction } from '../../src/db/transaction';
import { BudgetService } from '../../src/modules/budgets/budget.service';
import { CategoryService } from '../../src/modules/categories/category.service';
import { DashboardService } from '../../src/modules/dashboard/dashboard.service';
import { LedgerTotalsService } from '../../src/modules/ledger/ledger-totals.service';
import { TransactionQueryService } from '../../src/modules/ledger/transaction-query.service';
import { TransactionKind } from '../../src/modules/ledger/transaction.entity';
import { startServer, type RunningServer } from '../../src/server';
import { ApiClient } from '../api-client';
import { addExpense, PASSWORD, signUp } from '../factories';
import {
  admin,
  createDatabase,
  dropDatabase,
  mysqlConfig,
  ownMariaDb,
  sharedUrl,
  type OwnMariaDb,
} from './mariadb';

/**
 * Many instances on one MySQL database: they share sessions and rate limits (the database is
 * the only state), migrations run once however many start together, and DB_READ_HOSTS sends the
 * reads that ask for it to a replica while everything else stays on the primary.
 */

const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }';

describe('two instances on one database [mysql]', () => {
  let database: string;
  let config: Config;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    database = await createDatabase();
    config = mysqlConfig({ database });
    // Both start at the same moment on an empty database.
    [a, b] = await Promise.all([startServer(config), startServer(config)]);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await dropDatabase(database);
  });

  test('migrations ran once although both instances started together', async () => {
    const rows: { name: string }[] = await a.dataSource.query(
      'SELECT name FROM migrations ORDER BY id',
    );
    expect(rows.map((r) => r.name)).toEqual(migrations.map((m) => m.name));
  });

  test('a session made through one instance works on the other, and logout ends it on both', async () => {
    const onA = new ApiClient(a.url);
    const user = await signUp(onA);
    await addExpense(onA, { amount: '12.5', date: '2024-06-01' });
    const onB = new ApiClient(b.url);
    onB.cookies.set('sid', onA.cookies.get('sid') as string);
    expect(await onB.data('{ me { id } expenses { totalCount } }')).toEqual({
      me: { id: user.id },
      expenses: { totalCount: 1 },
    });
    await onB.data('mutation { logout }');
    expect((await onA.gql('{ me { id } }')).data).toEqual({ me: null });
  });

  test('failed logins count across instances', async () => {
    const client = new ApiClient(a.url);
    const user = await signUp(client);
    const instances = [new ApiClient(a.url), new ApiClient(b.url)];
    for (let i = 0; i < 10; i++) {
      const result = await instances[i % 2].gql(LOGIN, { u: user.username, p: 'wrong password' });
      expect(result.errors?.[0].extensions?.code).not.toBe('TOO_MANY_REQUESTS');
    }
    for (const other of instances) {
      const result = await other.gql(LOGIN, { u: user.username, p: PASSWORD });
      expect(result.errors?.[0].extensions?.code).toBe('TOO_MANY_REQUESTS');
    }
  });
});

describe('migrations under a lock [mysql]', () => {
  test('four instances migrating one empty database at once apply each migration once', async () => {
    const database = await createDatabase();
    try {
      const db = mysqlConfig({ database }).db as MysqlSettings;
      const results = await Promise.all([1, 2, 3, 4].map(() => migrateDatabase(db)));
      const applied = results.flat().map((m) => m.name);
      expect(applied.sort()).toEqual(migrations.map((m) => m.name).sort());
      const rows = await admin<{ name: string }[]>(`SELECT name FROM \`${database}\`.migrations`);
      expect(rows).toHaveLength(migrations.length);
      // And a later start finds nothing to do.
      const again = await connectDatabase({ db, migrateOnStart: true });
      await again.destroy();
      expect(await admin(`SELECT COUNT(*) AS n FROM \`${database}\`.migrations`)).toEqual([
        { n: migrations.length },
      ]);
    } finally {
      await dropDatabase(database);
    }
  });
});

describe('read replicas (DB_READ_HOSTS) [mysql]', () => {
  // The "replica" is a second MariaDB with the same schema and a marker row of its own, so that
  // every answer tells which server gave it (and @@port says so too).
  let replica: OwnMariaDb;
  let database: string;
  let dataSource: DataSource;
  const fallbacks: Error[] = [];
  const primaryPort = Number(sharedUrl().port || 3306);

  const marker = (manager: { query(sql: string): Promise<{ name: string }[]> }) =>
    manager
      .query("SELECT name FROM migrations WHERE name = 'REPLICA-MARKER'")
      .then((rows) => (rows.length ? 'replica' : 'primary'));
  const portOf = async (manager: { query(sql: string): Promise<{ port: number }[]> }) =>
    Number((await manager.query('SELECT @@port AS port'))[0].port);

  beforeAll(async () => {
    replica = await ownMariaDb();
    database = await createDatabase();
    await admin(
      `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`,
      replica.port,
    );
    const db = mysqlConfig({ database }).db as MysqlSettings;
    await migrateDatabase(db);
    await migrateDatabase({
      ...db,
      host: '127.0.0.1',
      port: replica.port,
      user: 'root',
      password: '',
    });
    await admin(
      `INSERT INTO \`${database}\`.migrations (timestamp, name) VALUES (1, 'REPLICA-MARKER')`,
      replica.port,
    );
    // The replica is reached as root without a password, like the shared server in CI.
    dataSource = await createDataSource(
      { ...db, readHosts: [{ host: '127.0.0.1', port: replica.port }] },
      { onReplicaFallback: (error) => fallbacks.push(error) },
    ).initialize();
  }, 60_000);

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await dropDatabase(database);
    await replica?.remove();
  });

  test('reads that ask for a replica go to it; everything else stays on the primary', async () => {
    // Asked for: a replica.
    expect(await readFromReplica(dataSource, marker)).toBe('replica');
    expect(await readFromReplica(dataSource, portOf)).toBe(replica.port);
    const viaBuilder = await readFromReplica(dataSource, (manager) =>
      manager.createQueryBuilder().select('m.name', 'name').from('migrations', 'm').getRawMany(),
    );
    expect(viaBuilder.map((r: { name: string }) => r.name)).toContain('REPLICA-MARKER');
    // Not asked for: the primary, for plain queries, query builders and repositories...
    expect(await marker(dataSource)).toBe('primary');
    expect(await portOf(dataSource)).toBe(primaryPort);
    const built = await dataSource
      .createQueryBuilder()
      .select('m.name', 'name')
      .from('migrations', 'm')
      .getRawMany();
    expect(built.map((r: { name: string }) => r.name)).not.toContain('REPLICA-MARKER');
    // ...and everything inside a transaction, reads included.
    expect(await inTransaction(dataSource, (manager) => portOf(manager))).toBe(primaryPort);
    expect(await inTransaction(dataSource, (manager) => marker(manager))).toBe('primary');
    expect(fallbacks).toEqual([]);
  });

  test('the dashboard and the expense list are read from the replica', async () => {
    // A user whose spending exists on the replica only: whatever shows it was read there.
    const on = (sql: string) => admin(sql.replace(/DB\./g, `\`${database}\`.`), replica.port);
    await on(
      "INSERT INTO DB.users (id, firstname, lastname, email, emailKey, username, usernameKey, passwordHash, currency, createdAt, updatedAt) VALUES (4242, 'R', 'R', 'r@example.com', 'r@example.com', 'replica', 'replica', 'x', 'USD', NOW(), NOW())",
    );
    await on(
      "INSERT INTO DB.ledgers (id, name, personalUserId, createdAt) VALUES (4242, 'Personal', 4242, NOW())",
    );
    await on(
      "INSERT INTO DB.accounts (id, ledgerId, name, nameKey, type, currency, openingBalanceMinor, archived, createdAt, updatedAt) VALUES (4242, 4242, 'Main', 'main', 'CHECKING', 'USD', 0, 0, NOW(), NOW())",
    );
    await on(
      "INSERT INTO DB.categories (id, ledgerId, userId, name, nameKey, createdAt) VALUES (4242, 4242, 4242, 'Food', 'food', NOW())",
    );
    await on(
      "INSERT INTO DB.transactions (ledgerId, kind, date, description, accountId, currency, amountMinor, accountAmountMinor, categoryId, reportingAmountMinor, rate, rateDate, rateSource, createdAt, updatedAt) VALUES (4242, 'EXPENSE', '2024-05-06', 'on the replica', 4242, 'USD', 1234, 1234, 4242, 1234, '1', '2024-05-06', 'SAME', NOW(), NOW())",
    );
    await on(
      "INSERT INTO DB.ledger_month_totals (ledgerId, month, accountId, categoryId, flow, amountMinor, reportingMinor, transactionCount) VALUES (4242, '2024-05', 4242, 4242, 'EXPENSE', 1234, 1234, 1)",
    );
    const totals = new LedgerTotalsService(dataSource);
    const dashboard = new DashboardService(
      totals,
      new BudgetService(dataSource, new CategoryService(dataSource, totals), totals),
    );
    const expenses = new TransactionQueryService(dataSource);
    expect(await dashboard.spendingByCategory(4242, '2024-05')).toEqual([
      { category: expect.objectContaining({ id: 4242, name: 'Food' }), spentMinor: 1234n },
    ]);
    expect((await dashboard.monthlySummaries(4242, '2024-05')).at(-1)?.spentMinor).toBe(1234n);
    const page = await expenses.list(4242, { month: '2024-05', kind: 'EXPENSE' });
    expect(page.totalCount).toBe(1);
    expect(page.nodes.map((e) => e.description)).toEqual(['on the replica']);
    expect(
      (await expenses.recent(4242, TransactionKind.EXPENSE, 5)).map((e) => e.description),
    ).toEqual(['on the replica']);
  });

  test('with the replica down, reads that asked for it are served by the primary', async () => {
    await replica.stop();
    try {
      expect(await readFromReplica(dataSource, portOf)).toBe(primaryPort);
      expect(fallbacks.length).toBeGreaterThan(0);
    } finally {
      await replica.start();
    }
  });
});

describe('configuration of the production database', () => {
  const MYSQL = { DB_DRIVER: 'mysql', DB_HOST: 'db.internal', DB_USER: 'app', DB_NAME: 'finance' };

  test('DB_READ_HOSTS and the timeouts are read, and refused when malformed, naming them', () => {
    expect(
      loadConfig({
        ...MYSQL,
        DB_PORT: '3307',
        DB_READ_HOSTS: 'replica-1.internal, replica-2.internal:3310',
        DB_CONNECT_TIMEOUT_MS: '2000',
        DB_QUERY_TIMEOUT_MS: '30000',
        DB_ACQUIRE_TIMEOUT_MS: '5000',
        DB_START_ATTEMPTS: '10',
      }).db,
    ).toMatchObject({
      readHosts: [
        { host: 'replica-1.internal', port: 3307 },
        { host: 'replica-2.internal', port: 3310 },
      ],
      connectTimeoutMs: 2000,
      queryTimeoutMs: 30000,
      acquireTimeoutMs: 5000,
      startAttempts: 10,
    });
    const refused = (env: Record<string, string>) => {
      try {
        loadConfig({ ...MYSQL, ...env });
        return 'accepted';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(refused({ DB_READ_HOSTS: 'a.internal,,b' })).toBe(
      'DB_READ_HOSTS must be host or host:port, comma-separated (got "")',
    );
    expect(refused({ DB_READ_HOSTS: 'a.internal:99999' })).toBe(
      'DB_READ_HOSTS must be host or host:port, comma-separated (got "a.internal:99999")',
    );
    expect(refused({ DB_QUERY_TIMEOUT_MS: '5s' })).toBe(
      'DB_QUERY_TIMEOUT_MS must be a whole number from 100 to 600000 (got "5s")',
    );
    expect(refused({ DB_START_ATTEMPTS: '0' })).toBe(
      'DB_START_ATTEMPTS must be a whole number from 1 to 100 (got "0")',
    );
  });
});

describe('npm run db:migrate [mysql]', () => {
  test('applies the migrations once, then finds nothing to do; one line each time', async () => {
    const database = await createDatabase();
    const url = sharedUrl();
    const run = () =>
      new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          ['-r', 'ts-node/register', 'server/src/db/migrate-cli.ts'],
          {
            cwd: path.resolve(__dirname, '..', '..', '..'),
            env: {
              PATH: process.env.PATH ?? '',
              TS_NODE_PROJECT: 'server/tsconfig.json',
              NODE_ENV: 'production',
              DB_DRIVER: 'mysql',
              DB_HOST: url.hostname,
              DB_PORT: url.port || '3306',
              DB_USER: decodeURIComponent(url.username),
              DB_PASSWORD: decodeURIComponent(url.password),
              DB_NAME: database,
            },
          },
        );
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.on('close', (code) => resolve({ code, stdout }));
      });
    try {
      const where = `mysql ${decodeURIComponent(url.username)}@${url.hostname}:${url.port || 3306}/${database}`;
      expect(await run()).toEqual({
        code: 0,
        stdout: `${where}: applied ${migrations.map((m) => m.name).join(', ')}\n`,
      });
      expect(await run()).toEqual({ code: 0, stdout: `${where}: already up to date\n` });
    } finally {
      await dropDatabase(database);
    }
  }, 60_000);
});
