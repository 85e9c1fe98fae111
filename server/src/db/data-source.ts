import fs from 'node:fs';
import path from 'node:path';
import { DataSource, type DataSourceOptions, type EntityManager, type Logger } from 'typeorm';
import { log } from '../log';
import type { Config, MysqlSettings } from '../config';
import { stagedInfile } from './bulk-load';
import { AuthTokenSource, rdsSigner, type SignerFactory } from './iam';
import { clearPasswordPlugin, hookedMysql2 } from './mysql-driver';
import { entities } from './entities';
import { migrations } from './migrations';

interface SqliteHandle {
  pragma(sql: string): unknown;
  function(
    name: string,
    options: { deterministic: boolean },
    fn: (value: unknown) => unknown,
  ): unknown;
}

/**
 * TypeORM's messages through our log, never with query parameters (they may be secrets).
 * Failed queries are not logged here: their callers decide (most answer DATABASE_UNAVAILABLE).
 */
const typeormLogger: Logger = {
  logQuery: () => undefined,
  logQueryError: () => undefined,
  logQuerySlow: (ms, query) => log('warn', 'Slow query', { ms, query: query.slice(0, 300) }),
  logSchemaBuild: () => undefined,
  logMigration: (message) => log('info', message),
  log: (level, message) => {
    if (level === 'warn') log('warn', String(message));
  },
};

export function dataSourceOptions(db: Config['db'], deps: DatabaseDeps = {}): DataSourceOptions {
  const common = {
    entities,
    migrations,
    migrationsTableName: 'migrations',
    logging: false,
    logger: typeormLogger,
  };
  if (db.driver === 'sqlite') {
    return {
      ...common,
      type: 'better-sqlite3',
      database: db.file,
      prepareDatabase: (sqlite: SqliteHandle) => {
        // WAL lets readers proceed during a write; foreign keys are off by default in SQLite.
        sqlite.pragma('journal_mode = WAL');
        sqlite.pragma('foreign_keys = ON');
        sqlite.pragma('busy_timeout = 5000');
        // SQLite's own lower() folds ASCII only; searches must ignore case in every script,
        // as MySQL's does.
        sqlite.function('lower', { deterministic: true }, (text: unknown) =>
          typeof text === 'string' ? text.toLowerCase() : text,
        );
      },
    };
  }
  return mysqlOptions(db, common, deps);
}

/** What a data source may be given besides its settings: tests stub the signer and the clock. */
export interface DatabaseDeps {
  signer?: SignerFactory;
  now?: () => number;
  onReplicaFallback?: (error: Error) => void;
  /** `migrate`: the primary only, two connections, no query timeout (a migration may be long). */
  purpose?: 'serve' | 'migrate';
}

/** Defaults for the timeouts of MysqlSettings. */
export const DB_TIMEOUTS = {
  connectTimeoutMs: 5_000,
  queryTimeoutMs: 15_000,
  acquireTimeoutMs: 10_000,
};

function mysqlOptions(
  db: MysqlSettings,
  common: Pick<
    DataSourceOptions,
    'entities' | 'migrations' | 'migrationsTableName' | 'logging' | 'logger'
  >,
  deps: DatabaseDeps,
): DataSourceOptions {
  const timeouts = { ...DB_TIMEOUTS, ...definedOnly(db) };
  const tokenSources = new Map<string, AuthTokenSource>();
  const iam = db.iam;
  const signer = deps.signer ?? rdsSigner;
  const driver = hookedMysql2({
    acquireTimeoutMs: timeouts.acquireTimeoutMs,
    onReplicaFallback: deps.onReplicaFallback,
    tokensFor: iam
      ? (host, port) => {
          const key = `${host}:${port}`;
          let source = tokenSources.get(key);
          if (!source) {
            const endpoint = { host, port, user: db.user, region: iam.region };
            source = new AuthTokenSource(endpoint, signer(endpoint), deps.now);
            tokenSources.set(key, source);
          }
          return source;
        }
      : undefined,
  });
  const credentials = {
    username: db.user,
    password: iam ? undefined : db.password,
    database: db.database,
  };
  const primary = { host: db.host, port: db.port, ...credentials };
  return {
    ...common,
    type: 'mysql',
    connectorPackage: 'mysql2',
    driver,
    ...(db.readHosts?.length && deps.purpose !== 'migrate'
      ? {
          replication: {
            master: primary,
            slaves: db.readHosts.map((replica) => ({ ...replica, ...credentials })),
            // Reads go to the primary unless a caller asks for a replica (readFromReplica):
            // a session or a counter read just after its write must see it.
            defaultMode: 'master',
            selector: 'RR',
            // A replica that fails 3 times in a row rests 5 s, then is tried again.
            canRetry: true,
            removeNodeErrorCount: 3,
            restoreNodeTimeout: 5_000,
          },
        }
      : primary),
    charset: 'utf8mb4_bin',
    timezone: 'Z',
    // DATE columns stay 'YYYY-MM-DD' strings (a calendar day has no time zone); DATETIME
    // columns become Date objects read as UTC.
    dateStrings: ['DATE'],
    supportBigNumbers: true,
    bigNumberStrings: true,
    poolSize: deps.purpose === 'migrate' ? 2 : db.poolSize,
    connectTimeout: timeouts.connectTimeoutMs,
    // mysql2 abandons a query after this long and closes its connection (a hung server must
    // not hold a request).
    enableQueryTimeout: deps.purpose !== 'migrate',
    maxQueryExecutionTime: timeouts.queryTimeoutMs,
    // TLS with the server certificate verified against the given CA, never plain text.
    ssl: db.sslCa ? { ca: fs.readFileSync(db.sslCa, 'utf8'), rejectUnauthorized: true } : undefined,
    extra: {
      // mysql2 queues without bound by default; a bounded queue fails fast under overload.
      queueLimit: 100,
      waitForConnections: true,
      // Connections idle for a minute are closed, so none outlives the server's wait_timeout
      // or a failover unnoticed (a dead idle connection would fail its next request).
      maxIdle: 0,
      idleTimeout: 60_000,
      enableKeepAlive: true,
      // Bulk writes send only what this process staged for them (db/bulk-load.ts).
      infileStreamFactory: stagedInfile,
      ...(iam ? { authPlugins: { mysql_clear_password: clearPasswordPlugin() } } : {}),
    },
  };
}

function definedOnly(db: MysqlSettings): Partial<typeof DB_TIMEOUTS> {
  const out: Partial<typeof DB_TIMEOUTS> = {};
  for (const key of Object.keys(DB_TIMEOUTS) as (keyof typeof DB_TIMEOUTS)[]) {
    if (db[key] !== undefined) out[key] = db[key];
  }
  return out;
}

const settingsOf = new WeakMap<DataSource, Config['db']>();

export function createDataSource(db: Config['db'], deps: DatabaseDeps = {}): DataSource {
  if (db.driver === 'sqlite') fs.mkdirSync(path.dirname(db.file), { recursive: true });
  const dataSource = new DataSource(dataSourceOptions(db, deps));
  settingsOf.set(dataSource, db);
  return dataSource;
}

/** The settings a data source was made from (for messages that name the database). */
export function databaseSettings(dataSource: DataSource): Config['db'] | undefined {
  return settingsOf.get(dataSource);
}

/**
 * Runs `work` with a manager whose reads go to a read replica when DB_READ_HOSTS is set (the
 * primary otherwise): for reads that tolerate a little lag, such as the dashboard and lists.
 * Never for a read that must see a write just made.
 */
export async function readFromReplica<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  if (!(dataSource.driver as { isReplicated?: boolean }).isReplicated)
    return work(dataSource.manager);
  const runner = dataSource.createQueryRunner('slave');
  try {
    return await work(runner.manager);
  } finally {
    await runner.release();
  }
}
