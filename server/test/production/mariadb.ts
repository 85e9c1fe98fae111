import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type { Config, MysqlSettings } from '../../src/config';
import { loadConfig } from '../../src/config';
import { setLogLevel } from '../../src/log';
import { freePort } from '../built-server';
import { mysqlUrl } from '../databases';

// Warnings (retries, slow queries) are expected in these suites; errors still show.
setLogLevel('error');

/**
 * Helpers of the production-database suites: a MariaDB server of the suite's own (to stop,
 * freeze, restart, or run with TLS), and users and databases of its own on the shared one.
 */

export function sharedUrl(): URL {
  const url = mysqlUrl();
  if (!url) throw new Error('TEST_MYSQL_URL (or CI=true) is required by the production suites');
  return new URL(url);
}

export const unique = (prefix: string) => `${prefix}_${randomBytes(4).toString('hex')}`;

/** Runs SQL as the administrator of the shared server (or of `port`). */
export async function admin<T = any>(sql: string, port?: number): Promise<T> {
  const url = sharedUrl();
  const connection = await mysql.createConnection({
    host: url.hostname,
    port: port ?? Number(url.port || 3306),
    user: port ? 'root' : decodeURIComponent(url.username),
    password: port ? '' : decodeURIComponent(url.password),
    multipleStatements: true,
  });
  try {
    const [rows] = await connection.query(sql);
    return rows as T;
  } finally {
    await connection.end();
  }
}

export { freePort };

/** A test-made CA and a server certificate it signed for 127.0.0.1 and localhost. */
export function makeCertificates(
  dir: string,
  name = 'ca',
): { ca: string; cert: string; key: string } {
  const file = (f: string) => path.join(dir, `${name}-${f}`);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    `/CN=Test ${name}`,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
  );
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=localhost',
    '-keyout',
    file('server.key'),
    '-out',
    file('server.csr'),
  );
  fs.writeFileSync(file('ext.cnf'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  openssl(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    file('ext.cnf'),
    '-out',
    file('server.pem'),
  );
  return { ca: file('ca.pem'), cert: file('server.pem'), key: file('server.key') };
}

export interface OwnMariaDb {
  port: number;
  dir: string;
  /** Starts (or restarts) the server and waits until it answers. */
  start(): Promise<void>;
  /** Shuts it down cleanly and waits for the process to end. */
  stop(): Promise<void>;
  /** SIGKILL: the server dies at once, as in a crash; InnoDB recovers at the next start. */
  crash(): Promise<void>;
  /** SIGSTOP / SIGCONT: the server keeps its sockets but answers nothing. */
  freeze(): void;
  thaw(): void;
  /** Stops it for good and removes its files. */
  remove(): Promise<void>;
}

/** A MariaDB of the suite's own on a free port, root without password, in a temporary folder. */
export async function ownMariaDb(
  options: { tls?: { cert: string; key: string; ca: string } } = {},
): Promise<OwnMariaDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-mariadb-'));
  const datadir = path.join(dir, 'data');
  execFileSync(
    'mariadb-install-db',
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ],
    { stdio: 'ignore' },
  );
  const port = await freePort();
  let child: ChildProcess | undefined;
  const args = [
    '--no-defaults',
    `--datadir=${datadir}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    `--socket=${path.join(dir, 'mariadb.sock')}`,
    `--pid-file=${path.join(dir, 'mariadb.pid')}`,
    `--log-error=${path.join(dir, 'error.log')}`,
    '--user=root',
    '--skip-log-bin',
    '--innodb-buffer-pool-size=16M',
    ...(options.tls
      ? [
          `--ssl-cert=${options.tls.cert}`,
          `--ssl-key=${options.tls.key}`,
          `--ssl-ca=${options.tls.ca}`,
        ]
      : []),
  ];
  const db: OwnMariaDb = {
    port,
    dir,
    async start() {
      child = spawn('/usr/sbin/mariadbd', args, { stdio: 'ignore' });
      const deadline = Date.now() + 20_000;
      for (;;) {
        try {
          await admin('SELECT 1', port);
          return;
        } catch (error) {
          if (Date.now() > deadline || child.exitCode !== null) {
            throw new Error(
              `own MariaDB did not start: ${String(error)}\n${fs.readFileSync(path.join(dir, 'error.log'), 'utf8').slice(-2000)}`,
            );
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      running.kill('SIGCONT');
      const ended = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      await ended;
    },
    async crash() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const ended = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await ended;
    },
    freeze: () => child?.kill('SIGSTOP'),
    thaw: () => child?.kill('SIGCONT'),
    async remove() {
      await db.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await db.start();
  return db;
}

/** DATA_DIR of the suite's servers (only the development mail outbox would write there). */
let scratch: string | undefined;
afterAll(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

/** A configuration for `startServer` on a MySQL database, with a cheap scrypt. */
export function mysqlConfig(db: Partial<MysqlSettings> & Pick<MysqlSettings, 'database'>): Config {
  scratch ??= fs.mkdtempSync(path.join(os.tmpdir(), 'finance-prod-'));
  const dataDir = scratch;
  const url = sharedUrl();
  return {
    ...loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, PORT: '0' }),
    clientDir: path.join(dataDir, 'no-client'),
    scryptLogN: 12,
    db: {
      driver: 'mysql',
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      poolSize: 5,
      ...db,
    },
  };
}

/** A new empty database (utf8mb4) on the shared server, or on `port`. */
export async function createDatabase(port?: number): Promise<string> {
  const name = unique('finance_prod');
  await admin(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`, port);
  return name;
}

export async function dropDatabase(name: string, port?: number): Promise<void> {
  await admin(`DROP DATABASE IF EXISTS \`${name}\``, port);
}
