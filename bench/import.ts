import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createTarget, type Driver, type SqlClient } from './db';
import { Child } from './measure';

/**
 * The import of a 100,000-row bank CSV through the API (upload, previewImport, commitImport,
 * importStatus until DONE), on a fresh database of its own. Its baseline, in the same run: the
 * same rows written straight into `transactions` with 1,000-row INSERTs in one transaction (and
 * rolled back), i.e. what the database itself allows. Memory: the app process's peak RSS during
 * the import (Linux /proc: the peak is reset first) less its RSS before it.
 */
export interface ImportFigures {
  rows: number;
  uploadSeconds: number;
  previewSeconds: number;
  commitSeconds: number;
  /** Rows committed per second: commitImport called until importStatus says DONE. */
  importRowsPerSecond: number;
  bareRowsPerSecond: number;
  peakRssGrowthMb: number | null;
  totalsExact: boolean;
}

const PASSWORD = 'bench import password';

/** A bank CSV: two years of days, 97 payees, one row in ten money in. Deterministic. */
export function importCsv(count: number): string {
  const lines = ['Date,Description,Amount'];
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2023, 0, 1) + (i % 730) * 86_400_000).toISOString().slice(0, 10);
    const cents = ((i * 7919) % 20_000) + 1;
    const amount = `${i % 10 === 0 ? '' : '-'}${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    lines.push(`${day},Shop ${i % 97} card payment,${amount}`);
  }
  return `${lines.join('\n')}\n`;
}

function memoryOf(pid: number): { rssKb: number; peakKb: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1]);
    return { rssKb: kb('VmRSS'), peakKb: kb('VmHWM') };
  } catch {
    return null;
  }
}

class Session {
  private cookie = '';
  constructor(readonly url: string) {}

  async gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.cookie },
      body: JSON.stringify({ query, variables }),
    });
    const sid = response.headers
      .getSetCookie()
      .map((c) => /^sid=([^;]+)/.exec(c)?.[1])
      .find(Boolean);
    if (sid) this.cookie = `sid=${sid}`;
    const body = (await response.json()) as { data?: T; errors?: unknown };
    if (body.errors || !body.data) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
    return body.data;
  }

  async upload(content: string): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([content], { type: 'text/csv' }), 'statement.csv');
    const response = await fetch(`${this.url}/api/uploads`, {
      method: 'POST',
      headers: { cookie: this.cookie, 'x-requested-with': 'fetch' },
      body: form,
    });
    const body = (await response.json()) as { id?: string; error?: string };
    if (response.status !== 201 || !body.id) throw new Error(`upload: ${JSON.stringify(body)}`);
    return body.id;
  }
}

/** The rows as the app writes them, straight into the table, timed; then rolled back. */
async function bareInsert(
  db: SqlClient,
  ledgerId: number,
  accountId: number,
  userId: number,
  csv: string,
): Promise<number> {
  const rows = csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
  const now = new Date().toISOString().slice(0, 19).replace('T', ' ');
  const columns =
    'ledgerId, kind, date, description, payee, accountId, currency, amountMinor, ' +
    'accountAmountMinor, toAccountId, toAmountMinor, categoryId, reportingAmountMinor, rate, ' +
    'rateDate, rateSource, createdByUserId, updatedByUserId, createdAt, updatedAt';
  const rolledBack = new Error('rolled back');
  const started = performance.now();
  let seconds = 0;
  await db
    .transaction(async () => {
      for (let start = 0; start < rows.length; start += 1000) {
        const chunk = rows.slice(start, start + 1000);
        const params = chunk.flatMap(([date, description, amount]) => {
          const minor = Math.abs(Number(amount.replace('.', '')));
          const kind = amount.startsWith('-') ? 'EXPENSE' : 'INCOME';
          return [
            ledgerId,
            kind,
            date,
            description,
            null,
            accountId,
            'USD',
            minor,
            minor,
            null,
            null,
            null,
            minor,
            '1',
            date,
            'SAME',
            userId,
            userId,
            now,
            now,
          ];
        });
        await db.query(
          `INSERT INTO transactions (${columns}) VALUES ${chunk
            .map(() => `(${Array.from({ length: 20 }, () => '?').join(', ')})`)
            .join(', ')}`,
          params,
        );
      }
      seconds = (performance.now() - started) / 1000;
      throw rolledBack;
    })
    .catch((error: unknown) => {
      if (error !== rolledBack) throw error;
    });
  return rows.length / seconds;
}

export async function benchImport(
  driver: Driver,
  count: number,
  log: (line: string) => void,
  serverDir: string,
): Promise<ImportFigures> {
  const target = await createTarget(driver);
  let app: Child | undefined;
  let db: SqlClient | undefined;
  try {
    app = await Child.start('app-server.ts', { ...target.env, BENCH_SERVER_DIR: serverDir });
    const session = new Session(app.url);
    const suffix = Date.now().toString(36);
    await session.gql('mutation($input: RegisterInput!) { register(input: $input) { id } }', {
      input: {
        firstname: 'Bench',
        lastname: 'Import',
        email: `import-${suffix}@example.com`,
        username: `import_${suffix}`,
        password: PASSWORD,
      },
    });
    await session.gql(
      'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }',
      {
        u: `import_${suffix}`,
        p: PASSWORD,
      },
    );
    const { accounts } = await session.gql<{ accounts: { id: string }[] }>('{ accounts { id } }');
    const accountId = accounts[0].id;
    const csv = importCsv(count);
    log(`import: ${count.toLocaleString('en')} rows, ${(csv.length / 1e6).toFixed(1)} MB of CSV`);

    const pid = app.pid;
    // Resets the process's peak RSS (VmHWM) to its current RSS (Linux).
    try {
      fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      // Not Linux, or not allowed: the peak then includes the start-up.
    }
    const before = memoryOf(pid);

    let started = performance.now();
    const uploadId = await session.upload(csv);
    const uploadSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const { previewImport } = await session.gql<{
      previewImport: { importId: string; total: number; errors: unknown[] };
    }>(
      'mutation($u: ID!, $a: ID!) { previewImport(uploadId: $u, accountId: $a) { importId total errors { line message } } }',
      { u: uploadId, a: accountId },
    );
    const previewSeconds = (performance.now() - started) / 1000;
    const previewed = memoryOf(pid);
    if (before && previewed) {
      log(
        `import: RSS ${Math.round(before.rssKb / 1024)} MB before, after the preview ` +
          `${Math.round(previewed.rssKb / 1024)} MB (peak ${Math.round(previewed.peakKb / 1024)} MB)`,
      );
    }
    if (previewImport.total !== count || previewImport.errors.length > 0) {
      throw new Error(`preview: ${JSON.stringify(previewImport).slice(0, 500)}`);
    }
    started = performance.now();
    await session.gql('mutation($id: ID!) { commitImport(importId: $id) { status } }', {
      id: previewImport.importId,
    });
    for (;;) {
      const { importStatus } = await session.gql<{
        importStatus: { status: string; imported: number; errors: unknown[] };
      }>('query($id: ID!) { importStatus(importId: $id) { status imported errors { message } } }', {
        id: previewImport.importId,
      });
      if (importStatus.status === 'DONE') break;
      if (importStatus.status === 'FAILED') {
        throw new Error(`import failed: ${JSON.stringify(importStatus.errors).slice(0, 500)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const commitSeconds = (performance.now() - started) / 1000;
    const after = memoryOf(pid);
    if (after) {
      const heap = await app.heap();
      log(
        `import: RSS after the commit ${Math.round(after.rssKb / 1024)} MB ` +
          `(peak ${Math.round(after.peakKb / 1024)} MB; V8 heap ${heap.heapUsedMb} MB used of ` +
          `${heap.heapTotalMb} MB, ${heap.liveMb} MB alive; ${heap.externalMb} MB outside it)`,
      );
    }

    db = await target.open();
    const [ids] = await db.query<{ ledgerId: number | string; userId: number | string }>(
      'SELECT ledgerId, createdByUserId AS userId FROM transactions LIMIT 1',
    );
    const totals = await db.query<{ n: string; amount: string }>(
      'SELECT CAST(SUM(transactionCount) AS CHAR) AS n, CAST(SUM(amountMinor) AS CHAR) AS amount FROM ledger_month_totals',
    );
    const sums = await db.query<{ n: string; amount: string }>(
      'SELECT CAST(COUNT(*) AS CHAR) AS n, CAST(SUM(accountAmountMinor) AS CHAR) AS amount FROM transactions',
    );
    const totalsExact =
      String(totals[0].n) === String(sums[0].n) &&
      String(totals[0].amount) === String(sums[0].amount) &&
      Number(sums[0].n) === count;
    const bareRowsPerSecond = await bareInsert(
      db,
      Number(ids.ledgerId),
      Number(accountId),
      Number(ids.userId),
      csv,
    );
    return {
      rows: count,
      uploadSeconds,
      previewSeconds,
      commitSeconds,
      importRowsPerSecond: count / commitSeconds,
      bareRowsPerSecond,
      peakRssGrowthMb:
        before && after ? Math.round(((after.peakKb - before.rssKb) / 1024) * 10) / 10 : null,
      totalsExact,
    };
  } finally {
    await db?.close();
    await app?.stop();
    await target.drop();
  }
}
