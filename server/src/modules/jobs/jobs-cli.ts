import 'reflect-metadata';
import fs from 'node:fs';
import { runCli } from '../../cli';
import { loadConfig } from '../../config';
import { connectDatabase, describeDatabase } from '../../db/connect';
import { JobService } from './job.service';
import { jobsReport } from './jobs-report';

/**
 * `npm run jobs`: the background jobs of the configured database as an operator needs them:
 * counts by status and every failing job with its attempts and last error. Reads only.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  // Opening SQLite would make an empty file where the server has not run yet.
  if (config.db.driver === 'sqlite' && !fs.existsSync(config.db.file)) {
    throw new Error(`No database at ${config.db.file} yet: start the server first`);
  }
  const dataSource = await connectDatabase({ db: config.db, migrateOnStart: false });
  try {
    const runner = dataSource.createQueryRunner();
    const migrated = await runner.hasTable('jobs').finally(() => runner.release());
    if (!migrated) {
      throw new Error(
        `${describeDatabase(config.db)} has no jobs table yet: start the server or run \`npm run db:migrate\` first`,
      );
    }
    const troubles = await new JobService(dataSource).troubles();
    console.log(`${describeDatabase(config.db)}\n${jobsReport(troubles, new Date())}`);
  } finally {
    await dataSource.destroy();
  }
}

runCli(main);
