import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { createApp, type App } from './app';
import { ConfigError, type Config } from './config';
import { closeDatabase, connectDatabase, type ConnectOptions } from './db/connect';
import { setLogLevel } from './log';

/**
 * The longest a stop takes, from SIGTERM to exit: under the 30 s a supervisor (systemd, ECS,
 * Kubernetes) waits before SIGKILL. In-flight requests get it less the pool's share.
 */
export const DRAIN_TIMEOUT_MS = 10_000;
/** Closing the pool is said goodbye to within this, so that a frozen database cannot hold a stop. */
const POOL_CLOSE_TIMEOUT_MS = 2_000;

export interface RunningServer {
  url: string;
  port: number;
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * Listens on `port`. A port that cannot be opened is the operator's to fix, so it is reported as
 * a configuration error naming PORT (Express's own `listen` hands the error to the "listening"
 * callback instead, and the server looked started without listening).
 */
function listen(app: Express, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(app);
    // Longer than the idle timeout of the load balancers in front (60 s on AWS), so that they,
    // not we, close idle connections: otherwise a request can meet a socket we just closed.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    const refused = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new ConfigError(`PORT ${port} is already in use by another process`));
      } else if (error.code === 'EACCES') {
        reject(new ConfigError(`PORT ${port} needs privileges this process does not have`));
      } else {
        reject(error);
      }
    };
    server.once('error', refused);
    server.listen(port, () => {
      server.off('error', refused);
      resolve(server);
    });
  });
}

/**
 * Opens the database (waiting for it), migrates it when configured to, and listens. Used by
 * main and tests; tests may pass a stubbed signer and clock in `options`.
 */
export async function startServer(
  config: Config,
  options: ConnectOptions & { drainTimeoutMs?: number } = {},
): Promise<RunningServer> {
  setLogLevel(config.nodeEnv === 'test' ? 'error' : 'info');
  const dataSource = await connectDatabase(config, options);
  let created: App | undefined;
  let server: Server;
  try {
    created = await createApp(config, dataSource);
    server = await listen(created.app, config.port);
  } catch (error) {
    // Leave nothing open behind a failed start: the caller only sees the error.
    await created?.apollo.stop();
    await dataSource.destroy();
    throw error;
  }
  const { apollo, services } = created;
  // Tests drive the runner themselves, with a fake clock.
  if (config.nodeEnv !== 'test') services.jobRunner.start();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataSource,
    async close() {
      const drainMs = options.drainTimeoutMs ?? DRAIN_TIMEOUT_MS;
      // The whole stop fits in the drain time: the pool's share, and as much again for Apollo,
      // the exit and a loaded machine, come out of the requests' share.
      const poolCloseMs = Math.min(POOL_CLOSE_TIMEOUT_MS, drainMs / 5);
      const requestsMs = drainMs - 2 * poolCloseMs;
      // Stop taking connections (idle keep-alive ones close now), let in-flight requests finish
      // for what is left of the drain time, then release the database pool.
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      // A connection whose last request just finished is idle now: close it rather than wait
      // for its keep-alive to run out.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, requestsMs);
      });
      // No new jobs are claimed; a job in progress finishes or its lease lets another take it.
      const runnerStopped = Promise.race([services.jobRunner.stop(), timeout]);
      await Promise.race([drained, timeout]);
      await runnerStopped;
      clearTimeout(timer);
      clearInterval(sweep);
      server.closeAllConnections();
      await apollo.stop();
      await services.receiptIntake.close();
      await closeDatabase(dataSource, poolCloseMs);
    },
  };
}
