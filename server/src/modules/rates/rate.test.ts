import type { ApiClient, GraphQLResponse } from '../../../test/api-client';
import { ecbDailyXml, ecbHistory, ecbHistoryCsv, zipOf } from '../../../test/ecb-fixtures';
import { signUp } from '../../../test/factories';
import { describeEachDatabase } from '../../../test/test-server';
import { createToken, upload } from '../../../test/uploads';
import { UploadService } from '../uploads/upload.service';
import { RateService } from './rate.service';

const LIST = `query($from: String, $to: String, $date: Date) {
  exchangeRates(from: $from, to: $to, date: $date) { from to date rate source }
}`;
const SET = `mutation($input: ExchangeRateInput!) {
  setExchangeRate(input: $input) { from to date rate source }
}`;
const IMPORT = 'mutation($id: ID!) { importExchangeRates(uploadId: $id) }';

function refusal(result: GraphQLResponse) {
  expect(result.data ?? null).toBeNull();
  const { code, field } = result.errors?.[0].extensions ?? {};
  return { code, field, message: result.errors?.[0].message };
}

async function importFile(client: ApiClient, content: string | Buffer, name = 'rates') {
  const uploaded = await upload(client, content, { name });
  expect(uploaded.status).toBe(201);
  return client.gql<{ importExchangeRates: number }>(IMPORT, { id: uploaded.body.id });
}

async function ledgerIdOf(client: ApiClient, server: { dataSource: RateService['dataSource'] }) {
  const me = await client.data<{ me: { id: string } }>('{ me { id } }');
  const rows: { id: number | string }[] = await server.dataSource.query(
    'SELECT id FROM ledgers WHERE personalUserId = ?',
    [Number(me.me.id)],
  );
  return { userId: Number(me.me.id), ledgerId: Number(rows[0].id) };
}

describeEachDatabase('exchange rates', (server) => {
  const rates = () =>
    new RateService(server().dataSource, new UploadService(server().dataSource), undefined);

  test('a rate entered by hand is listed, and a second one for the day replaces it', async () => {
    const client = server().client();
    await signUp(client);
    const input = { from: 'usd', to: 'EUR', date: '2024-01-15', rate: '0.9150' };
    const { setExchangeRate } = await client.data(SET, { input });
    expect(setExchangeRate).toEqual({
      from: 'USD',
      to: 'EUR',
      date: '2024-01-15',
      rate: '0.915',
      source: 'MANUAL',
    });
    await client.data(SET, { input: { ...input, rate: '0.9200' } });
    await client.data(SET, { input: { ...input, date: '2024-01-16', rate: '0.93' } });
    await client.data(SET, { input: { from: 'GBP', to: 'EUR', date: '2024-01-17', rate: '1.16' } });
    const { exchangeRates } = await client.data(LIST, { from: 'USD' });
    expect(exchangeRates).toEqual([
      { from: 'USD', to: 'EUR', date: '2024-01-16', rate: '0.93', source: 'MANUAL' },
      { from: 'USD', to: 'EUR', date: '2024-01-15', rate: '0.92', source: 'MANUAL' },
    ]);
    const asOf = await client.data(LIST, { date: '2024-01-15' });
    expect(asOf.exchangeRates.map((r: { date: string }) => r.date)).toEqual(['2024-01-15']);
    // Another user sees none of them.
    const other = server().client();
    await signUp(other);
    expect((await other.data(LIST)).exchangeRates).toEqual([]);
  });

  test.each([
    [{ from: 'XXX', to: 'EUR', date: '2024-01-15', rate: '1' }, 'from'],
    [{ from: 'USD', to: 'euro', date: '2024-01-15', rate: '1' }, 'to'],
    [{ from: 'USD', to: 'USD', date: '2024-01-15', rate: '1' }, 'to'],
    [{ from: 'USD', to: 'EUR', date: '2024-01-15', rate: '0' }, 'rate'],
    [{ from: 'USD', to: 'EUR', date: '2024-01-15', rate: '-1.2' }, 'rate'],
    [{ from: 'USD', to: 'EUR', date: '2024-01-15', rate: '1e3' }, 'rate'],
    [{ from: 'USD', to: 'EUR', date: '2024-01-15', rate: 'NaN' }, 'rate'],
    [{ from: 'USD', to: 'EUR', date: '2024-01-15', rate: '1.0000000000001' }, 'rate'],
    [{ from: 'USD', to: 'EUR', date: '2024-02-30', rate: '1' }, 'date'],
  ])('setExchangeRate(%j) is BAD_USER_INPUT on %s', async (input, field) => {
    const client = server().client();
    await signUp(client);
    const result = await client.gql(SET, { input });
    expect(refusal(result)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect((await client.data(LIST)).exchangeRates).toEqual([]);
  });

  test('a READ token reads rates but cannot write them; a WRITE token can', async () => {
    const client = server().client();
    await signUp(client);
    const read = await createToken(client, 'READ');
    const write = await createToken(client, 'WRITE');
    const asToken = async (token: string, query: string, variables?: Record<string, unknown>) => {
      const response = await fetch(`${server().url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse;
    };
    const input = { from: 'USD', to: 'EUR', date: '2024-01-15', rate: '0.9' };
    expect(refusal(await asToken(read, SET, { input })).code).toBe('FORBIDDEN');
    expect(refusal(await asToken(read, IMPORT, { id: '1' })).code).toBe('FORBIDDEN');
    expect(refusal(await asToken(read, 'mutation { refreshExchangeRates }')).code).toBe(
      'FORBIDDEN',
    );
    expect((await asToken(write, SET, { input })).data?.setExchangeRate.rate).toBe('0.9');
    expect((await asToken(read, LIST)).data?.exchangeRates).toHaveLength(1);
  });

  test('imports an ECB daily XML upload; a re-import stores nothing new', async () => {
    const client = server().client();
    await signUp(client);
    const xml = ecbDailyXml([
      { date: '2024-01-15', rates: { USD: '1.0945', JPY: '160.79', GBP: '0.8600' } },
    ]);
    expect((await importFile(client, xml, 'eurofxref-daily.xml')).data).toEqual({
      importExchangeRates: 3,
    });
    expect((await importFile(client, xml)).data).toEqual({ importExchangeRates: 0 });
    const { exchangeRates } = await client.data(LIST);
    expect(exchangeRates).toEqual([
      { from: 'EUR', to: 'GBP', date: '2024-01-15', rate: '0.86', source: 'ECB' },
      { from: 'EUR', to: 'JPY', date: '2024-01-15', rate: '160.79', source: 'ECB' },
      { from: 'EUR', to: 'USD', date: '2024-01-15', rate: '1.0945', source: 'ECB' },
    ]);
    // A corrected file changes the one rate that differs.
    const corrected = xml.replace("rate='160.79'", "rate='160.80'");
    expect((await importFile(client, corrected)).data).toEqual({ importExchangeRates: 1 });
  });

  test('imports the history CSV and its zip', async () => {
    const client = server().client();
    await signUp(client);
    const currencies = ['USD', 'JPY', 'GBP'];
    const days = ecbHistory(currencies, 40);
    days[3].rates.JPY = 'N/A';
    const csv = ecbHistoryCsv(currencies, days);
    expect((await importFile(client, csv, 'eurofxref-hist.csv')).data).toEqual({
      importExchangeRates: 40 * 3 - 1,
    });
    const zip = zipOf({ 'eurofxref-hist.csv': csv });
    expect((await importFile(client, zip, 'eurofxref-hist.zip')).data).toEqual({
      importExchangeRates: 0,
    });
    const { exchangeRates } = await client.data(LIST, { from: 'EUR', to: 'USD' });
    expect(exchangeRates).toHaveLength(40);
    expect(exchangeRates[0]).toEqual({
      from: 'EUR',
      to: 'USD',
      date: days[0].date,
      rate: days[0].rates.USD.replace(/0+$/, '').replace(/\.$/, ''),
      source: 'ECB',
    });
  });

  test('a malformed or foreign file is BAD_USER_INPUT naming the line; nothing is stored', async () => {
    const client = server().client();
    await signUp(client);
    const broken = 'Date, USD, \n2024-01-15, 1.09, \n2024-01-16, abc, \n';
    expect(refusal(await importFile(client, broken))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'uploadId',
      message: 'Line 3: the USD rate "abc" is not a positive decimal',
    });
    const xxe =
      '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>';
    expect(refusal(await importFile(client, xxe)).message).toMatch(/DOCTYPE/);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
    expect(refusal(await importFile(client, png)).message).toMatch(/not an ECB rates file/);
    expect((await client.data(LIST)).exchangeRates).toEqual([]);
  });

  test("another user's upload id answers NOT_FOUND, like a missing one", async () => {
    const owner = server().client();
    await signUp(owner);
    const xml = ecbDailyXml([{ date: '2024-01-15', rates: { USD: '1.0945' } }]);
    const { body } = await upload(owner, xml);
    const stranger = server().client();
    await signUp(stranger);
    const foreign = refusal(await stranger.gql(IMPORT, { id: body.id }));
    const missing = refusal(await stranger.gql(IMPORT, { id: '987654321' }));
    expect(foreign).toEqual({ code: 'NOT_FOUND', field: undefined, message: 'Upload not found' });
    expect(missing).toEqual(foreign);
    expect((await stranger.data(LIST)).exchangeRates).toEqual([]);
  });

  test('refreshExchangeRates without RATES_URL is refused and reaches nowhere', async () => {
    const client = server().client();
    await signUp(client);
    const result = await client.gql('mutation { refreshExchangeRates }');
    expect(refusal(result)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(refusal(result).message).toMatch(/RATES_URL is not set/);
  });

  test('lookup and convert: the day, an earlier day, the inverse and a cross rate', async () => {
    const client = server().client();
    await signUp(client);
    const { ledgerId } = await ledgerIdOf(client, server());
    const xml = ecbDailyXml([
      { date: '2024-01-15', rates: { USD: '1.0825', GBP: '0.85', JPY: '160' } },
      { date: '2024-01-10', rates: { USD: '1.1', GBP: '0.86' } },
    ]);
    await importFile(client, xml);
    const service = rates();
    expect(await service.lookup(ledgerId, 'EUR', 'USD', '2024-01-15')).toEqual({
      rate: '1.0825',
      date: '2024-01-15',
      source: 'ECB',
    });
    expect(await service.lookup(ledgerId, 'EUR', 'USD', '2024-01-14')).toEqual({
      rate: '1.1',
      date: '2024-01-10',
      source: 'ECB',
    });
    expect(await service.lookup(ledgerId, 'EUR', 'USD', '2024-01-09')).toBeNull();
    expect((await service.lookup(ledgerId, 'USD', 'EUR', '2024-01-20'))?.rate).toBe('0.9237875289');
    expect(await service.lookup(ledgerId, 'USD', 'GBP', '2024-01-15')).toEqual({
      rate: '0.7852193995',
      date: '2024-01-15',
      source: 'ECB',
    });
    // 100.00 USD in JPY through EUR: 160 / 1.0825 = 147.8060046 -> 14780.60046 -> 14781 JPY.
    expect(await service.convert(ledgerId, 10000n, 'USD', 'JPY', '2024-01-15')).toEqual({
      amountMinor: 14781n,
      rate: '147.8060046',
      rateDate: '2024-01-15',
      source: 'ECB',
    });
    expect(await service.convert(ledgerId, 1234n, 'EUR', 'EUR', '2024-01-15')).toEqual({
      amountMinor: 1234n,
      rate: '1',
      rateDate: '2024-01-15',
      source: 'SAME',
    });
    const missing = service.convert(ledgerId, 100n, 'USD', 'CHF', '2024-01-15', 'amount');
    await expect(missing).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'amount',
      message: 'No USD->CHF exchange rate on or before 2024-01-15; enter one first',
      details: { from: 'USD', to: 'CHF', date: '2024-01-15' },
    });
    // Another ledger's rates are not this one's.
    const other = server().client();
    await signUp(other);
    const otherLedger = (await ledgerIdOf(other, server())).ledgerId;
    expect(await service.lookup(otherLedger, 'EUR', 'USD', '2024-01-15')).toBeNull();
  });

  test('imports the full ECB history size off the request path, and lists at most 500', async () => {
    const client = server().client();
    await signUp(client);
    const currencies =
      'USD JPY BGN CZK DKK GBP HUF PLN RON SEK CHF ISK NOK TRY AUD BRL CAD CNY HKD IDR ILS INR KRW MXN MYR NZD PHP SGD THB ZAR'.split(
        ' ',
      );
    const zip = zipOf({
      'eurofxref-hist.csv': ecbHistoryCsv(currencies, ecbHistory(currencies, 7000)),
    });
    // While the import runs, the health check keeps answering promptly.
    let slowest = 0;
    let running = true;
    const probe = (async () => {
      while (running) {
        const started = Date.now();
        await fetch(`${server().url}/healthz`);
        slowest = Math.max(slowest, Date.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const started = Date.now();
    const result = await importFile(client, zip, 'eurofxref-hist.zip');
    const took = Date.now() - started;
    running = false;
    await probe;
    expect(result.data).toEqual({ importExchangeRates: 210_000 });
    console.log(
      `[${server().driver}] 210,000 rates imported in ${took} ms; slowest health check ${slowest} ms`,
    );
    const { exchangeRates } = await client.data(LIST);
    expect(exchangeRates).toHaveLength(500);
    expect(exchangeRates[0].date).toBe('2024-06-28');
  }, 180_000);
});
