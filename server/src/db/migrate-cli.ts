import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config';
import { connectDatabase, describeDatabase } from './connect';

/** `npm run db:migrate`: brings the configured database's schema up to date, for deploy pipelines. */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await connectDatabase({ ...config, migrateOnStart: false });
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  console.log(
    applied.length === 0
      ? `${describeDatabase(config.db)}: already up to date`
      : `${describeDatabase(config.db)}: applied ${applied.map((m) => m.name).join(', ')}`,
  );
  await dataSource.destroy();
}

main().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError
      ? `Invalid configuration: ${error.message}`
      : (error as Error).message,
  );
  process.exit(1);
});
