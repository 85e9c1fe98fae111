import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { currentMonth } from '../server/src/lib/dates';
import { createTarget, type Driver } from './db';
import { dashboardJson } from './dashboard-sql';
import { expensesJson } from './expenses-sql';
import { sessionCaller } from './session-sql';

/**
 * What a hand-written server could do: node:http, the page's SQL through the driver itself (a
 * pool of 10 on MySQL, one connection on SQLite, as the app has), the same JSON out. POST /
 * answers the dashboard, POST /expenses the expenses page.
 */
async function main(): Promise<void> {
  const driver = process.env.BENCH_DRIVER as Driver;
  const target = await createTarget(driver, { reuse: true, dataDir: process.env.DATA_DIR });
  const db = await target.open(true);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const token = /(?:^|;\s*)sid=([A-Za-z0-9_-]{43})/.exec(req.headers.cookie ?? '')?.[1];
      void (async () => {
        const caller = token ? await sessionCaller(db, token) : null;
        const body = !caller
          ? { errors: [{ message: 'Not signed in', extensions: { code: 'UNAUTHENTICATED' } }] }
          : req.url === '/expenses'
            ? await expensesJson(db, caller)
            : await dashboardJson(db, caller, currentMonth());
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      })().catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}` });
  });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'stop') {
      server.close();
      server.closeAllConnections();
      void db.close().then(() => process.exit(0));
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
