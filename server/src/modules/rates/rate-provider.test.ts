import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ecbDailyXml } from '../../../test/ecb-fixtures';
import { signUp } from '../../../test/factories';
import { testDrivers } from '../../../test/databases';
import {
  createTestDatabase,
  startTestServer,
  type TestDatabase,
  type TestServer,
} from '../../../test/test-server';
import { createServices } from '../../services';
import { FakeClock } from '../jobs/fake-clock';
import { RATES_REFRESH_JOB } from '../jobs/register-jobs';
import { UploadService } from '../uploads/upload.service';
import { PROVIDER_MAX_BYTES } from './rate-provider';
import { RateService } from './rate.service';

const DAILY = ecbDailyXml([{ date: '2024-01-15', rates: { USD: '1.0945', GBP: '0.86' } }]);

/** A stand-in for the rates provider, on this machine only. */
function startProvider(): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/daily.xml') {
      res.writeHead(200, { 'content-type': 'text/xml' }).end(DAILY);
    } else if (req.url === '/malformed.xml') {
      res.writeHead(200).end(DAILY.slice(0, 300));
    } else if (req.url === '/doctype.xml') {
      res.writeHead(200).end('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>');
    } else if (req.url === '/huge.xml') {
      // No Content-Length: the cap must hold while reading, not only from the header.
      res.writeHead(200, { 'content-type': 'text/xml' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < PROVIDER_MAX_BYTES * 4) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    } else if (req.url === '/redirect') {
      res.writeHead(302, { location: '/daily.xml' }).end();
    } else {
      res.writeHead(503).end('down');
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        hits,
      }),
    ),
  );
}

describe.each(testDrivers())('refreshExchangeRates with RATES_URL [%s]', (driver) => {
  let database: TestDatabase;
  let app: TestServer;
  let provider: Awaited<ReturnType<typeof startProvider>>;

  beforeAll(async () => {
    provider = await startProvider();
    database = await createTestDatabase(driver);
    database.config.ratesUrl = `${provider.url}/daily.xml`;
    app = await startTestServer(database);
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
    await new Promise((resolve) => provider?.server.close(resolve));
  });

  test('fetches the ECB daily format and stores it as PROVIDER; a second fetch adds nothing', async () => {
    const client = app.client();
    await signUp(client);
    const first = await client.data<{ refreshExchangeRates: number }>(
      'mutation { refreshExchangeRates }',
    );
    expect(first.refreshExchangeRates).toBe(2);
    expect(provider.hits).toContain('/daily.xml');
    const again = await client.data('mutation { refreshExchangeRates }');
    expect(again.refreshExchangeRates).toBe(0);
    const { exchangeRates } = await client.data('{ exchangeRates { from to date rate source } }');
    expect(exchangeRates).toEqual([
      { from: 'EUR', to: 'GBP', date: '2024-01-15', rate: '0.86', source: 'PROVIDER' },
      { from: 'EUR', to: 'USD', date: '2024-01-15', rate: '1.0945', source: 'PROVIDER' },
    ]);
  });

  test('with RATES_URL a daily job refreshes the rates at 16:30 UTC, once a day; without, none', async () => {
    const client = app.client();
    await signUp(client);
    // Asking once opts the ledger in to the daily refresh.
    await client.data('mutation { refreshExchangeRates }');
    const clock = new FakeClock('2031-05-06T16:00:00Z');
    const withUrl = createServices(app.dataSource, database.config, { clock });
    const without = createServices(
      app.dataSource,
      { ...database.config, ratesUrl: undefined },
      { clock },
    );
    const jobs = () =>
      app.dataSource.query('SELECT `key`, status FROM jobs WHERE type = ?', [
        RATES_REFRESH_JOB,
      ]) as Promise<{ key: string; status: string }[]>;
    await without.jobRunner.tick(clock.set('2031-05-06T17:00:00Z'));
    expect(await jobs()).toEqual([]);
    const before = provider.hits.length;
    await withUrl.jobRunner.tick(clock.now());
    await withUrl.jobRunner.tick(clock.advance(60 * 60_000));
    await withUrl.jobRunner.tick(clock.advance(5 * 60 * 60_000));
    expect(provider.hits.slice(before)).toEqual(['/daily.xml']);
    expect(await jobs()).toEqual([{ key: '2031-05-06', status: 'done' }]);
    // Not before half past four the next day.
    await withUrl.jobRunner.tick(clock.set('2031-05-07T16:29:00Z'));
    expect(provider.hits.slice(before)).toHaveLength(1);
    await withUrl.jobRunner.tick(clock.advance(2 * 60_000));
    expect(provider.hits.slice(before)).toEqual(['/daily.xml', '/daily.xml']);
  });

  test.each([
    ['/malformed.xml', /not usable: The XML file is malformed at line \d+/],
    ['/doctype.xml', /not usable: .*DOCTYPE/],
    ['/huge.xml', /larger than 1048576 bytes/],
    ['/redirect', /could not be reached/],
    ['/down', /answered HTTP 503/],
  ])(
    'an answer from %s is refused with a clear error and stores nothing',
    async (path, message) => {
      const client = app.client();
      await signUp(client);
      const me = await client.data<{ me: { id: string } }>('{ me { id } }');
      const [ledger]: { id: number | string }[] = await app.dataSource.query(
        'SELECT id FROM ledgers WHERE personalUserId = ?',
        [Number(me.me.id)],
      );
      const service = new RateService(
        app.dataSource,
        new UploadService(app.dataSource),
        `${provider.url}${path}`,
      );
      const refresh = service.refresh(Number(ledger.id));
      await expect(refresh).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
      await expect(refresh).rejects.toThrow(message);
      const stored: unknown[] = await app.dataSource.query(
        'SELECT id FROM exchange_rates WHERE ledgerId = ?',
        [Number(ledger.id)],
      );
      expect(stored).toEqual([]);
    },
  );
});
