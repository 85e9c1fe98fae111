import fs from 'node:fs';
import path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { Config } from '../config';
import { Session } from '../modules/auth/session.entity';
import { BudgetCategory } from '../modules/budgets/budget-category.entity';
import { Budget } from '../modules/budgets/budget.entity';
import { Category } from '../modules/categories/category.entity';
import { Expense } from '../modules/expenses/expense.entity';
import { User } from '../modules/users/user.entity';
import { migrations } from './migrations';

interface SqliteHandle {
  pragma(sql: string): unknown;
  function(
    name: string,
    options: { deterministic: boolean },
    fn: (value: unknown) => unknown,
  ): unknown;
}

export const entities = [User, Session, Category, Expense, Budget, BudgetCategory];

export function dataSourceOptions(db: Config['db']): DataSourceOptions {
  const common = { entities, migrations, migrationsTableName: 'migrations', logging: false };
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
  return {
    ...common,
    type: 'mysql',
    host: db.host,
    port: db.port,
    username: db.user,
    password: db.password,
    database: db.database,
    charset: 'utf8mb4_bin',
    timezone: 'Z',
    // DATE columns stay 'YYYY-MM-DD' strings (a calendar day has no time zone); DATETIME
    // columns become Date objects read as UTC.
    dateStrings: ['DATE'],
    supportBigNumbers: true,
    bigNumberStrings: true,
    poolSize: db.poolSize,
    connectTimeout: 10_000,
    // mysql2 queues without bound by default; a bounded queue fails fast under overload.
    extra: { queueLimit: 100, waitForConnections: true },
  };
}

export function createDataSource(db: Config['db']): DataSource {
  if (db.driver === 'sqlite') fs.mkdirSync(path.dirname(db.file), { recursive: true });
  return new DataSource(dataSourceOptions(db));
}
