import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';

export type Driver = 'mysql' | 'sqlite';

/** The MariaDB server the benchmark uses; it creates and drops its own database there. */
export const MYSQL_URL = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
/** BENCH_MYSQL_DATABASE names another, so that two benches on one server do not collide. */
export const MYSQL_DATABASE = process.env.BENCH_MYSQL_DATABASE ?? 'finance_bench';

/** The environment the app server is started with (read by server/src/config.ts). */
export interface BenchTarget {
  driver: Driver;
  env: Record<string, string>;
  /**
   * A direct client: one connection (for loading, with transactions), or with `pooled` a pool of
   * 10 whose queries may run at once (for the baselines).
   */
  open(pooled?: boolean): Promise<SqlClient>;
  drop(): Promise<void>;
}

/** The least both drivers offer: statements with `?` parameters, and transactions. */
export interface SqlClient {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  transaction(work: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/**
 * A fresh database of its own: a new MySQL schema, or a temporary SQLite folder. With `reuse`,
 * the one already made (another process's view of it: `dataDir` names the SQLite folder).
 */
export async function createTarget(
  driver: Driver,
  options: { reuse?: boolean; dataDir?: string } = {},
): Promise<BenchTarget> {
  if (driver === 'sqlite') {
    const dataDir =
      options.reuse && options.dataDir
        ? options.dataDir
        : fs.mkdtempSync(path.join(os.tmpdir(), 'finance-bench-'));
    const file = path.join(dataDir, 'finance.db');
    return {
      driver,
      env: { DB_DRIVER: 'sqlite', DATA_DIR: dataDir },
      open: async () => sqliteClient(file),
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const url = new URL(MYSQL_URL);
  if (!options.reuse) {
    const admin = await mysql.createConnection(url.toString());
    await admin.query(`DROP DATABASE IF EXISTS \`${MYSQL_DATABASE}\``);
    await admin.query(
      `CREATE DATABASE \`${MYSQL_DATABASE}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`,
    );
    await admin.end();
  }
  return {
    driver,
    env: {
      DB_DRIVER: 'mysql',
      DB_HOST: url.hostname,
      DB_PORT: url.port || '3306',
      DB_USER: decodeURIComponent(url.username),
      DB_PASSWORD: decodeURIComponent(url.password),
      DB_NAME: MYSQL_DATABASE,
    },
    open: (pooled = false) => mysqlClient(url, pooled),
    async drop() {
      const connection = await mysql.createConnection(url.toString());
      await connection.query(`DROP DATABASE IF EXISTS \`${MYSQL_DATABASE}\``);
      await connection.end();
    },
  };
}

async function mysqlClient(url: URL, pooled: boolean): Promise<SqlClient> {
  // The same connection settings as the app's pool: DATE as strings, BIGINT as strings.
  const pool = mysql.createPool({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: MYSQL_DATABASE,
    charset: 'utf8mb4_bin',
    timezone: 'Z',
    dateStrings: ['DATE'],
    supportBigNumbers: true,
    bigNumberStrings: true,
    connectionLimit: 10,
  });
  if (pooled) {
    return {
      async query<T>(sql: string, params: unknown[] = []) {
        const [rows] = await pool.query(sql, params);
        return (Array.isArray(rows) ? rows : []) as T[];
      },
      async transaction() {
        throw new Error('A pooled client runs no transactions');
      },
      close: () => pool.end(),
    };
  }
  const connection = await pool.getConnection();
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      const [rows] = await connection.query(sql, params);
      return (Array.isArray(rows) ? rows : []) as T[];
    },
    async transaction(work) {
      await connection.beginTransaction();
      try {
        await work();
        await connection.commit();
      } catch (error) {
        await connection.rollback();
        throw error;
      }
    },
    async close() {
      connection.release();
      await pool.end();
    },
  };
}

function sqliteClient(file: string): SqlClient {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      const statement = prepare(sql);
      if (statement.reader) return statement.all(...params) as T[];
      statement.run(...params);
      return [];
    },
    async transaction(work) {
      db.exec('BEGIN');
      try {
        await work();
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    async close() {
      db.close();
    },
  };
}
