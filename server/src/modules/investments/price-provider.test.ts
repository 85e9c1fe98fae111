import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signUp } from '../../../test/factories';
import { testDrivers } from '../../../test/databases';
import {
  createTestDatabase,
  startTestServer,
  type TestDatabase,
  type TestServer,
} from '../../../test/test-server';
import { PRICES_REFRESH_JOB, registerJobs } from '../jobs/register-jobs';
import type { JobHandler, JobRunner } from '../jobs/job-runner';
import { AccountService } from '../ledger/account.service';
import { UploadService } from '../uploads/upload.service';
import { fetchProviderPrices, PriceProviderError } from './price-provider';
import { PriceService } from './price.service';
import { SecurityService } from './security.service';

/** A stand-in for a price provider, on this machine only. */
function startProvider(): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/closes') {
      const rows = (url.searchParams.get('symbols') ?? '')
        .split(',')
        .map((symbol) => `2024-05-02,${symbol},42.5`);
      // An extra symbol the ledger does not hold is ignored.
      res
        .writeHead(200, { 'content-type': 'text/csv' })
        .end(`date,symbol,close\n${rows.join('\n')}\n2024-05-02,OTHER,1\n`);
    } else if (url.pathname === '/garbage') {
      res.writeHead(200).end('<html>not prices</html>');
    } else {
      res.writeHead(503).end('down');
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits }),
    ),
  );
}

describe.each(testDrivers())('refreshPrices with PRICES_URL [%s]', (driver) => {
  let database: TestDatabase;
  let app: TestServer;
  let provider: Awaited<ReturnType<typeof startProvider>>;

  beforeAll(async () => {
    provider = await startProvider();
    database = await createTestDatabase(driver);
    database.config.pricesUrl = `${provider.url}/closes`;
    app = await startTestServer(database);
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
    await new Promise((resolve) => provider?.server.close(resolve));
  });

  test('fetches closes of the held symbols and stores them as PROVIDER', async () => {
    const client = app.client();
    await signUp(client);
    const { createAccount } = await client.data(
      'mutation { createAccount(input: { name: "Broker", type: INVESTMENT, currency: "USD" }) { id } }',
    );
    await client.data(
      'mutation($a: ID!) { addTrade(input: { accountId: $a, symbol: "ACME", side: BUY, quantity: "1", price: "40", date: "2024-05-01" }) { id } }',
      { a: createAccount.id },
    );
    const { refreshPrices } = await client.data('mutation { refreshPrices }');
    expect(refreshPrices).toBe(1);
    expect(provider.hits).toContain('/closes?symbols=ACME');
    const { prices } = await client.data('{ prices(symbol: "ACME") { date price source } }');
    expect(prices).toEqual([{ date: '2024-05-02', price: '42.5', source: 'PROVIDER' }]);
  });

  test.each([
    ['/garbage', /not usable/],
    ['/down', /answered HTTP 503/],
  ])('the adapter refuses an answer from %s with a clear error', async (path, message) => {
    await expect(fetchProviderPrices(`${provider.url}${path}`, ['ACME'])).rejects.toThrow(message);
    await expect(fetchProviderPrices(`${provider.url}${path}`, ['ACME'])).rejects.toBeInstanceOf(
      PriceProviderError,
    );
  });

  test('the daily job is registered only with PRICES_URL, and refreshes every ledger', async () => {
    const periodic = (pricesUrl: string | undefined) => {
      const found = new Map<string, { schedule: unknown; handler: JobHandler }>();
      const runner = {
        register: () => undefined,
        registerPeriodic: (type: string, schedule: unknown, handler: JobHandler) =>
          found.set(type, { schedule, handler }),
      } as unknown as JobRunner;
      const prices = new PriceService(
        app.dataSource,
        new SecurityService(app.dataSource, new AccountService(app.dataSource)),
        new UploadService(app.dataSource),
        pricesUrl,
      );
      registerJobs(runner, {
        ...({} as Parameters<typeof registerJobs>[1]),
        ratesUrl: undefined,
        prices,
        pricesUrl,
      });
      return found.get(PRICES_REFRESH_JOB);
    };
    expect(periodic(undefined)).toBeUndefined();
    const job = periodic(`${provider.url}/closes`);
    expect(job?.schedule).toEqual({ dailyAt: '22:30' });

    const client = app.client();
    await signUp(client);
    const { createAccount } = await client.data(
      'mutation { createAccount(input: { name: "Broker", type: INVESTMENT, currency: "USD" }) { id } }',
    );
    await client.data(
      'mutation($a: ID!) { addTrade(input: { accountId: $a, symbol: "JOBX", side: BUY, quantity: "1", price: "40", date: "2024-05-01" }) { id } }',
      { a: createAccount.id },
    );
    await job?.handler({ job: {} as never, payload: null, now: new Date() });
    const { prices } = await client.data('{ prices(symbol: "JOBX") { date price source } }');
    expect(prices).toEqual([{ date: '2024-05-02', price: '42.5', source: 'PROVIDER' }]);
  });
});
