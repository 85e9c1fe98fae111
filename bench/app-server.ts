import 'reflect-metadata';
import type { Logger } from 'typeorm';
import { loadConfig } from '../server/src/config';
import { startServer } from '../server/src/server';

/**
 * The app as production runs it (scrypt cost 17, migrations on start), in a process of its own,
 * on a random port. A query logger counts the SQL statements it sends; the parent asks for the
 * count over IPC to report statements per request.
 */
let statements = 0;
const counter: Logger = {
  logQuery: () => {
    statements++;
  },
  logQueryError: () => undefined,
  logQuerySlow: () => undefined,
  logSchemaBuild: () => undefined,
  logMigration: () => undefined,
  log: () => undefined,
};

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', PORT: '0' });
  const server = await startServer(config);
  // TypeORM's query runners log every statement through the data source's logger.
  (server.dataSource as unknown as { logger: Logger }).logger = counter;
  process.on('message', (message: { type: string }) => {
    if (message.type === 'statements') process.send?.({ type: 'statements', statements });
    if (message.type === 'stop') {
      void server.close().then(() => process.exit(0));
    }
  });
  process.send?.({ type: 'ready', url: server.url });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
