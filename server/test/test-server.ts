import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { loadConfig, type Config } from '../src/config';
import { DEFAULT_LIMITS, type Limits } from '../src/modules/rate-limits/limits';
import { startServer, type RunningServer } from '../src/server';
import { mysqlUrl, testDrivers, type Driver } from './databases';
import { ApiClient } from './api-client';

export interface TestServer extends RunningServer {
  driver: Driver;
  config: Config;
  /** A client with its own cookie jar, as a separate browser would have. */
  client(): ApiClient;
  /** Stops the server and removes its database. */
  stop(): Promise<void>;
}

export interface TestDatabase {
  driver: Driver;
  config: Config;
  drop(): Promise<void>;
}

/**
 * Suites register many accounts from 127.0.0.1; the per-address limits of registrations and
 * reset requests would refuse them. Only the suites that test those limits keep them.
 */
const GENEROUS_LIMITS: Limits = {
  ...DEFAULT_LIMITS,
  registrationsPerAddress: { ...DEFAULT_LIMITS.registrationsPerAddress, max: 1_000_000 },
  resetRequestsPerAddress: { ...DEFAULT_LIMITS.resetRequestsPerAddress, max: 1_000_000 },
};

/** A fresh, empty database of its own for one suite: a temporary folder or a new MySQL schema. */
export async function createTestDatabase(
  driver: Driver,
  options: { realRateLimits?: boolean } = {},
): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-test-'));
  const base = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, PORT: '0' });
  // Cheaper scrypt in tests only; the parameters travel inside each hash, so nothing else changes.
  const config: Config = {
    ...base,
    clientDir: path.join(dataDir, 'no-client'),
    scryptLogN: 12,
    rateLimits: options.realRateLimits ? DEFAULT_LIMITS : GENEROUS_LIMITS,
  };
  if (driver === 'sqlite') {
    return {
      driver,
      config,
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const url = new URL(mysqlUrl() as string);
  const database = `finance_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await mysql.createConnection(url.toString());
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  await admin.end();
  config.db = {
    driver: 'mysql',
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
    poolSize: 5,
  };
  return {
    driver,
    config,
    async drop() {
      const connection = await mysql.createConnection(url.toString());
      await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await connection.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startTestServer(database: TestDatabase): Promise<TestServer> {
  const running = await startServer(database.config);
  return {
    ...running,
    driver: database.driver,
    config: database.config,
    client: () => new ApiClient(running.url),
    stop: () => running.close(),
  };
}

/**
 * Declares `suite` once per database, each against its own server on a random port and its own
 * fresh database. `server()` is valid inside tests and hooks.
 */
export function describeEachDatabase(
  title: string,
  suite: (server: () => TestServer) => void,
  options: { realRateLimits?: boolean; only?: Driver } = {},
): void {
  if (options.only === 'mysql' && !mysqlUrl()) {
    throw new Error(`TEST_MYSQL_URL (or CI=true) is required by "${title}"`);
  }
  const drivers = options.only ? [options.only] : testDrivers();
  describe.each(drivers)(`${title} [%s]`, (driver) => {
    let database: TestDatabase;
    let running: TestServer | undefined;
    beforeAll(async () => {
      database = await createTestDatabase(driver, options);
      running = await startTestServer(database);
    });
    afterAll(async () => {
      await running?.stop();
      await database?.drop();
    });
    suite(() => {
      if (!running) throw new Error('The test server is not running');
      return running;
    });
  });
}
