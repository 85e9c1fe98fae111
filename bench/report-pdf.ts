import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../server/src/config';
import { rebuildMonthTotals } from '../server/src/modules/ledger/month-totals';
import { startServer } from '../server/src/server';
import { ApiClient } from '../server/test/api-client';
import {
  EXPENSE_COLUMNS,
  EXPENSE_PLACEHOLDERS,
  expenseValues,
  personalLedger,
} from '../server/test/seed';

export interface ReportPdfFigures {
  transactions: number;
  /** Per grouping: the median seconds of GET /api/reports/export?format=pdf, and its size. */
  byGrouping: {
    groupBy: string;
    rows: number;
    seconds: number;
    /** The first request: the worker thread starts with it. */
    firstSeconds: number;
    bytes: number;
  }[];
}

const RUNS = 3;

/**
 * A 12-month report over `count` expenses of one user (SQLite, 300 payees, 12 categories):
 * the PDF export timed over HTTP as the browser asks for it: the grouped query, the document
 * and the PDF rendered in its worker thread. The app runs from source (ts-node), so the worker
 * also compiles itself: the built app is faster.
 */
export async function benchReportPdf(
  count: number,
  log: (line: string) => void,
): Promise<ReportPdfFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-bench-report-'));
  const config = {
    ...loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, PORT: '0' }),
    clientDir: path.join(dataDir, 'no-client'),
  };
  const server = await startServer(config);
  try {
    const client = new ApiClient(server.url);
    const { register } = await client.data<{ register: { id: string } }>(
      'mutation($input: RegisterInput!) { register(input: $input) { id } }',
      {
        input: {
          firstname: 'Bench',
          lastname: 'Reports',
          email: 'bench-reports@example.com',
          username: 'bench_reports',
          password: 'bench password 1',
          currency: 'EUR',
        },
      },
    );
    await client.data(
      'mutation { login(username: "bench_reports", password: "bench password 1") { id } }',
    );
    const { dataSource } = server;
    const ledger = await personalLedger(dataSource, Number(register.id));
    const categoryIds: number[] = [];
    for (let c = 0; c < 12; c++) {
      const rows: { id: number }[] = await dataSource.query(
        'SELECT id FROM categories WHERE ledgerId = ? ORDER BY id',
        [ledger.ledgerId],
      );
      if (rows.length > c) categoryIds.push(Number(rows[c].id));
    }
    const started = performance.now();
    const stamp = '2025-01-01 00:00:00';
    for (let start = 0; start < count; start += 1000) {
      const chunk: unknown[][] = [];
      for (let i = start; i < Math.min(count, start + 1000); i++) {
        const date = new Date(Date.UTC(2025, 0, 1) + (i % 365) * 86_400_000)
          .toISOString()
          .slice(0, 10);
        const amount = ((i * 7919) % 20_000) + 1;
        chunk.push(
          expenseValues(
            ledger,
            `Shop ${i % 300}`,
            amount,
            categoryIds[i % categoryIds.length],
            date,
            stamp,
          ),
        );
      }
      await dataSource.query(
        `INSERT INTO transactions (${EXPENSE_COLUMNS}) VALUES ${chunk.map(() => EXPENSE_PLACEHOLDERS).join(', ')}`,
        chunk.flat(),
      );
    }
    await rebuildMonthTotals(dataSource.manager);
    log(
      `report pdf: ${count.toLocaleString('en')} expenses loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const byGrouping: ReportPdfFigures['byGrouping'] = [];
    for (const groupBy of ['MONTH', 'CATEGORY', 'PAYEE']) {
      const query = new URLSearchParams({ from: '2025-01-01', to: '2025-12-31', groupBy });
      const times: number[] = [];
      let bytes = 0;
      for (let run = 0; run < RUNS; run++) {
        const t0 = performance.now();
        const response = await fetch(`${server.url}/api/reports/export?format=pdf&${query}`, {
          headers: { cookie },
        });
        bytes = (await response.arrayBuffer()).byteLength;
        if (response.status !== 200) throw new Error(`The export answered ${response.status}`);
        times.push((performance.now() - t0) / 1000);
      }
      const report = await client.data<{ report: { rows: unknown[] } }>(
        'query($input: ReportInput!) { report(input: $input) { rows { key } } }',
        { input: { from: '2025-01-01', to: '2025-12-31', groupBy } },
      );
      const firstSeconds = times[0];
      const seconds = [...times].sort((a, b) => a - b)[Math.floor(RUNS / 2)];
      byGrouping.push({ groupBy, rows: report.report.rows.length, seconds, firstSeconds, bytes });
      log(
        `report pdf by ${groupBy.toLowerCase()}: ${report.report.rows.length} rows, ` +
          `${seconds.toFixed(2)} s (median of ${RUNS}; first ${firstSeconds.toFixed(2)} s), ` +
          `${(bytes / 1024).toFixed(0)} KB`,
      );
    }
    return { transactions: count, byGrouping };
  } finally {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
