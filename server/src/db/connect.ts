import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { createDataSource } from './data-source';

/** Where the database is, for messages: never the password. */
export function describeDatabase(db: Config['db']): string {
  return db.driver === 'sqlite'
    ? `sqlite ${db.file}`
    : `mysql ${db.user}@${db.host}:${db.port}/${db.database}`;
}

/** A database problem at start: its message is one line for the operator. */
export class DatabaseStartError extends Error {}

/** Opens the database and, when configured to, brings its schema up to date. */
export async function connectDatabase(
  config: Pick<Config, 'db' | 'migrateOnStart'>,
): Promise<DataSource> {
  const dataSource = createDataSource(config.db);
  try {
    await dataSource.initialize();
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new DatabaseStartError(
      `Unable to connect to database (${describeDatabase(config.db)}): ${cause}`,
    );
  }
  if (config.migrateOnStart) await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
