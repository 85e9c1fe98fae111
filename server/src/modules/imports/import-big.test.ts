import { latencyFiguresOnCpu, pollHealthInProcess, type TimedSample } from '../../../test/latency';
import { fromMinor } from '../../lib/money';
import { signUp } from '../../../test/factories';
import {
  COMMIT,
  defaultAccountId,
  previewFile,
  waitForImport,
  type ImportResultView,
} from '../../../test/imports';
import {
  createTestDatabase,
  startTestServer,
  type TestDatabase,
  type TestServer,
} from '../../../test/test-server';

const ROWS = 100_000;

/** A bank CSV of `count` rows over two years, with repeats, money in and out. */
function bigCsv(count: number): string {
  const lines = ['Date,Description,Amount'];
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2023, 0, 1) + (i % 730) * 86_400_000).toISOString().slice(0, 10);
    const cents = ((i * 7919) % 20_000) + 1;
    const amount = `${i % 10 === 0 ? '' : '-'}${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    lines.push(`${day},Shop ${i % 97},${amount}`);
  }
  return lines.join('\n');
}

// One big import, on SQLite only: its single connection makes it the harder case for the event
// loop (every statement runs on the main thread), and CI stays quick.
describe('a 100,000-row import [sqlite]', () => {
  let database: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  test('leaves /healthz answering within 100 ms (95th percentile) throughout, with rising progress and exact totals', async () => {
    const client = server.client();
    await signUp(client);
    const accountId = await defaultAccountId(client);
    // Made before the polling starts: the test shares its event loop with the server.
    const csv = bigCsv(ROWS);

    const healthz = pollHealthInProcess(`${server.url}/healthz`);

    let latencies: TimedSample[] = [];
    try {
      const preview = await previewFile(client, csv, { accountId });
      expect(preview.errors).toEqual([]);
      expect(preview.total).toBe(ROWS);
      expect(preview.rows).toHaveLength(50);

      const { commitImport } = await client.data<{ commitImport: ImportResultView }>(COMMIT, {
        id: preview.importId,
      });
      expect(commitImport.status).toBe('RUNNING');
      const progress: number[] = [];
      const result = await waitForImport(client, preview.importId, 240_000, (s) =>
        progress.push(s.progress),
      );
      expect(result).toMatchObject({ status: 'DONE', imported: ROWS, progress: 1 });
      const between = progress.filter((p) => p > 0 && p < 1);
      expect(between.length).toBeGreaterThanOrEqual(2);
      expect(between).toEqual([...between].sort((a, b) => a - b));
      expect(between[between.length - 1]).toBeGreaterThan(between[0]);
    } finally {
      latencies = await healthz.stop();
    }
    expect(latencies.length).toBeGreaterThan(20);
    const figures = latencyFiguresOnCpu(latencies);
    console.log(`/healthz during a ${ROWS}-row import: ${JSON.stringify(figures)}`);
    expect(figures).toMatchObject({ p95Under: true, maxUnder: true });

    // The month totals equal the sums of the rows they stand for.
    const fromTotals: { month: string; flow: string; amount: string; n: string }[] =
      await server.dataSource.query(
        'SELECT month, flow, CAST(SUM(amountMinor) AS CHAR) AS amount, ' +
          'CAST(SUM(transactionCount) AS CHAR) AS n FROM ledger_month_totals ' +
          'GROUP BY month, flow ORDER BY month, flow',
      );
    const fromRows: { month: string; flow: string; amount: string; n: string }[] =
      await server.dataSource.query(
        'SELECT SUBSTR(date, 1, 7) AS month, kind AS flow, ' +
          'CAST(SUM(accountAmountMinor) AS CHAR) AS amount, CAST(COUNT(*) AS CHAR) AS n ' +
          'FROM transactions GROUP BY SUBSTR(date, 1, 7), kind ORDER BY month, flow',
      );
    expect(fromTotals).toEqual(fromRows);
    expect(fromRows.reduce((n, r) => n + Number(r.n), 0)).toBe(ROWS);
    const { dashboard } = await client.data<{ dashboard: { spent: string } }>(
      'query { dashboard(month: "2024-06") { spent } }',
    );
    const june = fromRows.find((r) => r.month === '2024-06' && r.flow === 'EXPENSE');
    expect(dashboard.spent).toBe(fromMinor(BigInt(june?.amount ?? '0'), 2));
  }, 300_000);
});
