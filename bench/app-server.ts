import 'reflect-metadata';
import type { Logger } from 'typeorm';
import type * as ConfigModule from '../server/src/config';
import type * as ServerModule from '../server/src/server';

// BENCH_SERVER_DIR: the built server (bench/built-server.ts) instead of the TypeScript source.
const serverDir = process.env.BENCH_SERVER_DIR ?? '../server/src';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadConfig } = require(`${serverDir}/config`) as typeof ConfigModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startServer } = require(`${serverDir}/server`) as typeof ServerModule;

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
    if (message.type === 'memory') {
      const before = process.memoryUsage();
      // With --expose-gc (Child.start): what is still alive, apart from garbage not yet collected.
      (globalThis as { gc?: () => void }).gc?.();
      process.send?.({ type: 'memory', memory: before, live: process.memoryUsage().heapUsed });
    }
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
