import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config, MysqlSettings } from '../../src/config';
import { loadConfig } from '../../src/config';
import mysql2 from 'mysql2';
import type { MysqlConnectionOptions } from 'typeorm/driver/mysql/MysqlConnectionOptions';
import { DatabaseStartError } from '../../src/db/connect';
import { dataSourceOptions } from '../../src/db/data-source';
import { TOKEN_MAX_AGE_MS } from '../../src/db/iam';
import { fakeRds } from './fake-rds';
import { startServer, type RunningServer } from '../../src/server';
import { ApiClient } from '../api-client';
import { signUp } from '../factories';
import {
  admin,
  createDatabase,
  dropDatabase,
  makeCertificates,
  mysqlConfig,
  ownMariaDb,
  sharedUrl,
  unique,
  type OwnMariaDb,
} from './mariadb';

/**
 * DB_SSL_CA: TLS with the server's certificate verified against the named CA, against a MariaDB
 * of this suite's own with a certificate the test made. Never plain text: a wrong CA, or a server
 * without TLS, is refused rather than used unencrypted.
 */
const REGION = 'eu-west-1';

describe('TLS to the database (DB_SSL_CA) [mysql]', () => {
  let mariadb: OwnMariaDb;
  let right: ReturnType<typeof makeCertificates>;
  let wrong: ReturnType<typeof makeCertificates>;
  let database: string;
  let certificates: string;
  const user = unique('tls');

  const config = (db: Partial<MysqlSettings>): Config =>
    mysqlConfig({
      database,
      host: '127.0.0.1',
      port: mariadb.port,
      user: 'root',
      password: '',
      startAttempts: 1,
      ...db,
    });

  /** What the server's own session says about its encryption. */
  const cipherOf = async (server: RunningServer) => {
    const [row] = await server.dataSource.query("SHOW SESSION STATUS LIKE 'Ssl_cipher'");
    return row.Value as string;
  };

  beforeAll(async () => {
    certificates = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-certs-'));
    right = makeCertificates(certificates, 'right');
    wrong = makeCertificates(certificates, 'wrong');
    mariadb = await ownMariaDb({ tls: right });
    database = await createDatabase(mariadb.port);
    // A user that may only sign in over TLS, as RDS requires of IAM users.
    await admin(
      `CREATE USER '${user}'@'%' IDENTIFIED BY 'tok-1' REQUIRE SSL; GRANT ALL ON \`${database}\`.* TO '${user}'@'%'`,
      mariadb.port,
    );
  }, 60_000);

  afterAll(async () => {
    await mariadb?.remove();
    if (certificates) fs.rmSync(certificates, { recursive: true, force: true });
  });

  test('loadConfig reads DB_SSL_CA and requires it, with AWS_REGION, for DB_IAM_AUTH', () => {
    const env = {
      DB_DRIVER: 'mysql',
      DB_HOST: '127.0.0.1',
      DB_USER: 'app',
      DB_NAME: 'finance',
      DB_IAM_AUTH: 'true',
      AWS_REGION: REGION,
      DB_SSL_CA: right.ca,
    };
    expect(loadConfig(env).db).toMatchObject({ iam: { region: REGION }, sslCa: right.ca });
    const refused = (changes: Record<string, string>) => {
      try {
        loadConfig({ ...env, ...changes });
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(refused({ DB_SSL_CA: '' })).toBe(
      'DB_SSL_CA is required when DB_IAM_AUTH=true: RDS takes tokens over TLS only',
    );
    expect(refused({ AWS_REGION: '' })).toBe('AWS_REGION is required when DB_IAM_AUTH=true');
    expect(refused({ DB_PASSWORD: 'x' })).toBe(
      'DB_PASSWORD must be empty when DB_IAM_AUTH=true: the token replaces it',
    );
    expect(refused({ DB_SSL_CA: '/no/such/bundle.pem' })).toBe(
      'DB_SSL_CA names a file that does not exist: /no/such/bundle.pem',
    );
    expect(refused({ DB_IAM_AUTH: 'maybe' })).toBe(
      'DB_IAM_AUTH must be true or false (got "maybe")',
    );
  });

  test('with the right CA the connection is encrypted, and IAM tokens travel over it', async () => {
    const signer = () => ({ getAuthToken: async () => 'tok-1' });
    const server = await startServer(config({ user, iam: { region: REGION }, sslCa: right.ca }), {
      signer,
    });
    try {
      expect(await cipherOf(server)).toMatch(/^TLS_|^ECDHE|AES/);
      await signUp(new ApiClient(server.url));
      // The same user without TLS: refused by the server, so the success above was encrypted.
      const plain = await startServer(config({ user, password: 'tok-1', startAttempts: 1 })).catch(
        (e: Error) => e,
      );
      expect(plain).toBeInstanceOf(DatabaseStartError);
      expect((plain as Error).message).toMatch(
        /^Unable to connect to database \(.*\): Access denied/,
      );
    } finally {
      await server.close();
    }
  });

  test('on RDS the token answers the switch to mysql_clear_password, over TLS, fresh for each new connection', async () => {
    const rds = await fakeRds(right);
    const connections: { destroy(): void }[] = [];
    let pool: mysql2.Pool | undefined;
    try {
      let clock = 0;
      let signed = 0;
      const signer = () => ({ getAuthToken: async () => `rds-token-${++signed}` });
      const settings: MysqlSettings = {
        driver: 'mysql',
        host: '127.0.0.1',
        port: rds.port,
        user: 'finance_app',
        password: '',
        database: 'finance',
        poolSize: 3,
        iam: { region: REGION },
        sslCa: right.ca,
      };
      // The production options, given to the pool the way TypeORM's MysqlDriver gives them.
      const options = dataSourceOptions(settings, {
        signer,
        now: () => clock,
      }) as MysqlConnectionOptions;
      pool = (options.driver as typeof mysql2).createPool({
        host: options.host,
        port: options.port,
        user: options.username,
        password: options.password,
        database: options.database,
        ssl: options.ssl as mysql2.SslOptions,
        connectTimeout: options.connectTimeout,
        ...options.extra,
        connectionLimit: 3,
      });
      const open = () =>
        new Promise<void>((resolve, reject) =>
          pool?.getConnection((error, connection) => {
            if (error) return reject(error);
            connections.push(connection);
            resolve();
          }),
        );
      await open();
      await open();
      clock += TOKEN_MAX_AGE_MS;
      await open();
      expect(rds.signIns).toEqual([
        { user: 'finance_app', token: 'rds-token-1', encrypted: true },
        { user: 'finance_app', token: 'rds-token-1', encrypted: true },
        { user: 'finance_app', token: 'rds-token-2', encrypted: true },
      ]);
    } finally {
      for (const connection of connections) connection.destroy();
      await new Promise((resolve) => (pool ? pool.end(resolve) : resolve(undefined)));
      await rds.close();
    }
  });

  test('a wrong CA is refused at start, on one line, and nothing falls back to plain text', async () => {
    const before = await admin<{ Value: string }[]>(
      "SHOW GLOBAL STATUS LIKE 'Connections'",
      mariadb.port,
    );
    const error = await startServer(config({ sslCa: wrong.ca })).catch((e: Error) => e);
    expect(error).toBeInstanceOf(DatabaseStartError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^Unable to connect to database \\(mysql root@127\\.0\\.0\\.1:${mariadb.port}/${database}\\): .*(certificate|self.signed)`,
      ),
    );
    expect((error as Error).message).not.toContain('\n');
    // No session was ever opened past the handshake by that attempt.
    const after = await admin<{ Value: string }[]>(
      "SHOW GLOBAL STATUS LIKE 'Connections'",
      mariadb.port,
    );
    const processes = await admin<unknown[]>(
      `SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '${database}'`,
      mariadb.port,
    );
    expect(processes).toEqual([]);
    expect(Number(after[0].Value)).toBeGreaterThan(Number(before[0].Value));
  });

  test('a server without TLS is refused when DB_SSL_CA is set', async () => {
    const shared = await createDatabase();
    try {
      const url = sharedUrl();
      const error = await startServer(
        mysqlConfig({ database: shared, sslCa: right.ca, startAttempts: 1 }),
      ).catch((e: Error) => e);
      expect(error).toBeInstanceOf(DatabaseStartError);
      expect((error as Error).message).toMatch(
        new RegExp(
          `^Unable to connect to database \\(mysql ${url.username || 'root'}@${url.hostname}:${url.port || 3306}/${shared}\\): .*(secure|SSL|TLS)`,
          'i',
        ),
      );
    } finally {
      await dropDatabase(shared);
    }
  });
});
