import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { DatabaseStartError, describeDatabase } from './db/connect';
import { log } from './log';
import { DRAIN_TIMEOUT_MS, startServer } from './server';

async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfig();
  const server = await startServer(config);
  log('info', `Serving on http://localhost:${server.port}`, {
    database: describeDatabase(config.db),
    startupMs: Math.round(performance.now() - startedAt),
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Requests in flight finish, then the pool closes, all within DRAIN_TIMEOUT_MS.
    log('info', `${signal} received: finishing requests, then closing the database`);
    // A last resort should a step we do not bound hang: the supervisor would SIGKILL us anyway.
    setTimeout(() => {
      log('error', 'Stopping took longer than the drain time; exiting anyway');
      process.exit(1);
    }, DRAIN_TIMEOUT_MS + 2_000).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log('error', 'Stopping failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  // Configuration and connection problems are the operator's to fix: one line that says which.
  if (error instanceof ConfigError) console.error(`Invalid configuration: ${error.message}`);
  else if (error instanceof DatabaseStartError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
