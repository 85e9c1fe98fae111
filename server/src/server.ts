import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { createApp } from './app';
import type { Config } from './config';
import { connectDatabase } from './db/connect';

export interface RunningServer {
  url: string;
  port: number;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** Opens the database, migrates it when configured to, and listens. Used by main and tests. */
export async function startServer(config: Config): Promise<RunningServer> {
  const dataSource = await connectDatabase(config);
  const { app, apollo } = await createApp(config, dataSource);
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(config.port, () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataSource,
    async close() {
      // Stop taking connections, let in-flight requests finish, then release the database.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await apollo.stop();
      await dataSource.destroy();
    },
  };
}
