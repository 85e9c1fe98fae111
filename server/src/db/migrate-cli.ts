import 'reflect-metadata';
import { runCli } from '../cli';
import { loadConfig } from '../config';
import { describeDatabase, migrateDatabase } from './connect';

/**
 * `npm run db:migrate`: brings the configured database's schema up to date, for deploy pipelines.
 * Safe to run while instances start: the work is done under the same lock they take.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const applied = await migrateDatabase(config.db);
  console.log(
    applied.length === 0
      ? `${describeDatabase(config.db)}: already up to date`
      : `${describeDatabase(config.db)}: applied ${applied.map((m) => m.name).join(', ')}`,
  );
}

runCli(main);
