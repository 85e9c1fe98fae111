import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { currentMonth, today } from '../server/src/lib/dates';
import { createTarget, type BenchTarget, type Driver, type SqlClient } from './db';
import { BARE_STATEMENTS, DASHBOARD_QUERY, dashboardJson } from './dashboard-sql';
import { EXPENSES_QUERY, EXPENSES_STATEMENTS } from './expenses-sql';
import { buildServer } from './built-server';
import { benchImport, type ImportFigures } from './import';
import { BENCH_PASSWORD, loadData, type LoadReport, type LoadedUser } from './load';
import { Child, CONNECTIONS, runHttp, runInterleaved, runLoop, type Figures } from './measure';
import { benchRecurringDetection, describeDetection } from './recurring-detection';
import { benchReceipts, describeReceipts } from './receipts';
import { benchReportPdf } from './report-pdf';
import { sessionCaller } from './session-sql';

/**
 * npm run bench [-- --full] [--db=mysql|sqlite|both] [--duration=S] [--warmup=S] [--seed=N]
 *                [--total=N] [--only=scenario,...] [--keep] [--import-rows=N]
 *
 * `--only=recurring_detection` measures recurring detection alone (no database), `--only=receipts`
 * the OCR of the generated receipt set alone, `--only=report_pdf` the report PDF alone (SQLite,
 * 100,000 expenses in 12 months); every run without --only measures all three first.
 *
 * For each database, on a fresh database of its own: load generated data, start the app and a
 * bare node:http endpoint in processes of their own, then measure each scenario over HTTP on
 * 127.0.0.1 and the dashboard's SQL alone. Prints a table; writes bench/results/latest.json.
 */
interface Options {
  full: boolean;
  drivers: Driver[];
  total: number;
  seconds: number;
  warmup: number;
  seed: number;
  /** Keep the database afterwards (finance_bench, or the SQLite folder printed). */
  keep: boolean;
  /** Only the scenarios named (comma-separated): for working on one of them. */
  only: string[] | null;
  /** Rows of the bank CSV the import scenario commits (on a fresh database of its own). */
  importRows: number;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string) =>
    argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const full = argv.includes('--full');
  const db = value('db') ?? 'both';
  if (!['mysql', 'sqlite', 'both'].includes(db)) throw new Error('--db is mysql, sqlite or both');
  const number = (name: string, fallback: number) => {
    const text = value(name);
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number`);
    return n;
  };
  return {
    full,
    drivers: db === 'both' ? ['mysql', 'sqlite'] : [db as Driver],
    total: number('total', full ? 1_000_000 : 250_000),
    seconds: number('duration', full ? 20 : 6),
    warmup: number('warmup', full ? 5 : 2),
    seed: number('seed', 20261129),
    only: value('only')?.split(',') ?? null,
    keep: argv.includes('--keep'),
    importRows: number('import-rows', 100_000),
  };
}

const log = (line: string) => console.log(line);
/** Turns taken by the compared scenarios. */
const ROUNDS = 3;
const LOGIN_SECONDS = 15;

interface DriverResult {
  driver: Driver;
  version: string;
  load: LoadReport;
  scenarios: Figures[];
  ratios: Record<string, number>;
  parity: boolean;
  /** The bank-file import scenario (bench/import.ts); absent when not selected. */
  import?: ImportFigures;
}

/** Signs in through the API and returns the session cookie. */
async function login(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }',
      variables: { u: username, p: BENCH_PASSWORD },
    }),
  });
  const body = (await response.json()) as { errors?: unknown };
  const sid = response.headers
    .getSetCookie()
    .map((c) => /^sid=([^;]+)/.exec(c)?.[1])
    .find(Boolean);
  if (body.errors || !sid) throw new Error(`login failed: ${JSON.stringify(body)}`);
  return `sid=${sid}`;
}

async function post(url: string, body: string, cookie?: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body,
  });
  return response.json();
}

const gql = (query: string, variables?: Record<string, unknown>) =>
  JSON.stringify({ query, variables });

async function benchDriver(driver: Driver, options: Options): Promise<DriverResult> {
  log(`\n=== ${driver === 'mysql' ? 'MariaDB/MySQL' : 'SQLite'} ===`);
  const target: BenchTarget = await createTarget(driver);
  let app: Child | undefined;
  let bare: Child | undefined;
  let db: SqlClient | undefined;
  let pooled: SqlClient | undefined;
  try {
    // The app migrates the fresh database on start.
    app = await Child.start('app-server.ts', target.env);
    db = await target.open();
    const [{ version }] = await db.query<{ version: string }>(
      driver === 'mysql' ? 'SELECT VERSION() AS version' : 'SELECT sqlite_version() AS version',
    );
    log(`${driver} ${version}: loading ${options.total.toLocaleString('en')} expenses and more`);
    const { users, report } = await loadData(
      db,
      driver,
      { total: options.total, seed: options.seed, today: today() },
      log,
    );
    await db.close();
    db = undefined;
    log(
      `loaded ${report.transactions.toLocaleString('en')} transactions ` +
        `(${report.expenses.toLocaleString('en')} expenses) of ${report.users} users in ` +
        `${report.expensesSeconds.toFixed(1)} s (${report.expensesPerSecond.toLocaleString('en')} rows/s; ` +
        `heavy user ${(report.heavyShare * 100).toFixed(0)}% of rows); month totals built in ` +
        `${report.totalsSeconds.toFixed(1)} s`,
    );
    bare = await Child.start('bare-server.ts', { ...target.env, BENCH_DRIVER: driver });
    const light = users.find((u) => u.role === 'light') as LoadedUser;
    const heavy = users.find((u) => u.role === 'heavy') as LoadedUser;
    const cookies = {
      light: await login(app.url, light.username),
      heavy: await login(app.url, heavy.username),
    };
    const graphql = `${app.url}/graphql`;
    const dashboard = gql(DASHBOARD_QUERY);
    const expenses = gql(EXPENSES_QUERY);
    const bareExpenses = `${bare.url}/expenses`;

    // The bare endpoint must give the very answer the API gives, or the comparison means nothing.
    let parity = true;
    for (const [page, body, bareUrl] of [
      ['dashboard', dashboard, bare.url],
      ['expenses', expenses, bareExpenses],
    ] as const) {
      for (const who of ['light', 'heavy'] as const) {
        const api = await post(graphql, body, cookies[who]);
        const hand = await post(bareUrl, body, cookies[who]);
        if (!isDeepStrictEqual(api, hand)) {
          parity = false;
          log(`PARITY FAILURE (${page}, ${who}): the bare endpoint's JSON differs from the API's`);
          log(`  api:  ${JSON.stringify(api).slice(0, 600)}`);
          log(`  bare: ${JSON.stringify(hand).slice(0, 600)}`);
        }
      }
    }

    const scenarios: Figures[] = [];
    const month = currentMonth();
    // (1) The dashboard's SQL alone, through the driver, one client in a loop.
    pooled = await target.open(true);
    const wanted = (name: string) => !options.only || options.only.includes(name);
    for (const who of ['light', 'heavy'] as const) {
      if (!wanted(`sql_${who}`)) continue;
      const token = cookies[who].slice('sid='.length);
      const once = async () => {
        const caller = await sessionCaller(pooled as SqlClient, token);
        if (!caller) throw new Error('no session');
        return dashboardJson(pooled as SqlClient, caller, month);
      };
      const figures = await runLoop(`sql_${who}`, once, options.seconds / 2, 1);
      figures.statementsPerRequest = BARE_STATEMENTS;
      scenarios.push(figures);
      log(`  ${figures.name} done`);
    }
    await pooled.close();
    pooled = undefined;

    const addExpense = gql(
      'mutation($input: ExpenseInput!) { addExpense(input: $input) { id amount date category { name } } }',
      { input: { description: 'Bench', amount: '12.34', category: 'Food', date: today() } },
    );
    // Insights read a bounded window (statements independent of the history's length): the
    // heavy user's page must cost the statements of the light one's.
    const insights = gql(
      '{ insights { kind amount } healthScore { score } budgetRecommendations { category { name } } }',
    );
    const http = [
      { name: 'insights_light', url: graphql, body: insights, cookie: cookies.light, app: true },
      { name: 'insights_heavy', url: graphql, body: insights, cookie: cookies.heavy, app: true },
      { name: 'dashboard_light', url: graphql, body: dashboard, cookie: cookies.light, app: true },
      { name: 'dashboard_heavy', url: graphql, body: dashboard, cookie: cookies.heavy, app: true },
      { name: 'bare_light', url: bare.url, body: dashboard, cookie: cookies.light, app: false },
      { name: 'bare_heavy', url: bare.url, body: dashboard, cookie: cookies.heavy, app: false },
      { name: 'expenses_heavy', url: graphql, body: expenses, cookie: cookies.heavy, app: true },
      {
        name: 'bare_expenses_heavy',
        url: bareExpenses,
        body: expenses,
        cookie: cookies.heavy,
        app: false,
      },
      {
        name: 'add_expense_heavy',
        url: graphql,
        body: addExpense,
        cookie: cookies.heavy,
        app: true,
      },
      {
        name: 'login',
        url: graphql,
        body: gql(
          'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }',
          {
            u: light.username,
            p: BENCH_PASSWORD,
          },
        ),
        app: true,
      },
    ];
    const selected = http.filter((s) => wanted(s.name));
    const counts = new Map<string, number>();
    for (const scenario of selected) {
      // One request first: it must succeed, and its statements are counted over a few more.
      const sample = (await post(scenario.url, scenario.body, scenario.cookie)) as {
        errors?: unknown;
      };
      if (sample.errors) throw new Error(`${scenario.name}: ${JSON.stringify(sample.errors)}`);
      if (!scenario.app) {
        counts.set(
          scenario.name,
          scenario.url === bareExpenses ? EXPENSES_STATEMENTS : BARE_STATEMENTS,
        );
        continue;
      }
      const repeats = scenario.name === 'login' ? 3 : 20;
      const before = await app.statements();
      for (let i = 0; i < repeats; i++) await post(scenario.url, scenario.body, scenario.cookie);
      counts.set(scenario.name, ((await app.statements()) - before) / repeats);
    }
    // The pages and their bare twins are compared: each pair runs in turns. Writes and logins
    // after them, each on its own; a login costs most of a second of scrypt, so it gets a longer
    // run and no warm-up (the counted logins above were one), else the warm-up's logins still
    // queued would take the whole run.
    const pairs = [
      selected.filter((s) => /^(dashboard|bare)_(light|heavy)$/.test(s.name)),
      selected.filter((s) => /^(bare_)?expenses_heavy$/.test(s.name)),
    ];
    const measured: Figures[] = [];
    for (const pair of pairs.filter((p) => p.length > 0)) {
      measured.push(...(await runInterleaved(pair, options.seconds, options.warmup, ROUNDS)));
    }
    for (const scenario of selected.filter((s) => !pairs.flat().includes(s))) {
      measured.push(
        scenario.name === 'login'
          ? await runHttp(scenario, Math.max(options.seconds, LOGIN_SECONDS), 0)
          : await runHttp(scenario, options.seconds, options.warmup),
      );
    }
    for (const figures of measured) {
      figures.statementsPerRequest = counts.get(figures.name);
      scenarios.push(figures);
      log(`  ${figures.name} done`);
    }

    const by = (name: string) =>
      scenarios.find((s) => s.name === name) ?? ({ requestsPerSecond: NaN, p50Ms: NaN } as Figures);
    const ratios = {
      dashboard_vs_bare:
        by('dashboard_heavy').requestsPerSecond / by('bare_heavy').requestsPerSecond,
      dashboard_vs_bare_light:
        by('dashboard_light').requestsPerSecond / by('bare_light').requestsPerSecond,
      expenses_vs_bare:
        by('expenses_heavy').requestsPerSecond / by('bare_expenses_heavy').requestsPerSecond,
      heavy_vs_light: by('dashboard_heavy').p50Ms / by('dashboard_light').p50Ms,
      dashboard_p50_vs_sql_p50: by('dashboard_heavy').p50Ms / by('sql_heavy').p50Ms,
      bare_heavy_vs_light: by('bare_heavy').p50Ms / by('bare_light').p50Ms,
      sql_heavy_vs_light: by('sql_heavy').p50Ms / by('sql_light').p50Ms,
      insights_heavy_vs_light: by('insights_heavy').p50Ms / by('insights_light').p50Ms,
      insights_statements_heavy_vs_light:
        (by('insights_heavy').statementsPerRequest ?? NaN) /
        (by('insights_light').statementsPerRequest ?? NaN),
    };
    return { driver, version, load: report, scenarios, ratios, parity };
  } finally {
    await db?.close();
    await pooled?.close();
    await bare?.stop();
    await app?.stop();
    if (options.keep) log(`kept the database: ${JSON.stringify(target.env)}`);
    else await target.drop();
  }
}

const fmt = (n: number | undefined, digits = 1) =>
  n === undefined || Number.isNaN(n) ? '-' : n.toFixed(digits);

function printTable(result: DriverResult): void {
  const rows = [
    ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'stmts/req', 'failures'],
    ...result.scenarios.map((s) => [
      s.name,
      fmt(s.requestsPerSecond, 0),
      fmt(s.p50Ms, 2),
      fmt(s.p99Ms, 2),
      fmt(s.statementsPerRequest, 1),
      String(s.failures),
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  if (result.scenarios.length === 0) log(`\n${result.driver}`);
  else
    log(
      `\n${result.driver} ${result.version}, ${result.load.transactions.toLocaleString('en')} ` +
        `transactions (${result.load.expenses.toLocaleString('en')} expenses)`,
    );
  for (const row of result.scenarios.length === 0 ? [] : rows) {
    log(
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
        .join('  '),
    );
  }
  for (const [name, value] of Object.entries(result.ratios))
    log(`${name.padEnd(28)} ${fmt(value, 2)}`);
  const figures = result.import;
  if (figures) {
    log(
      `import of ${figures.rows.toLocaleString('en')} CSV rows: upload ${fmt(figures.uploadSeconds, 2)} s, ` +
        `preview ${fmt(figures.previewSeconds, 2)} s, commit ${fmt(figures.commitSeconds, 2)} s`,
    );
    log(`${'import_rows_per_s'.padEnd(28)} ${fmt(figures.importRowsPerSecond, 0)}`);
    log(`${'bare_insert_rows_per_s'.padEnd(28)} ${fmt(figures.bareRowsPerSecond, 0)}`);
    log(
      `${'import_vs_bare_insert'.padEnd(28)} ${fmt(figures.importRowsPerSecond / figures.bareRowsPerSecond, 2)}`,
    );
    log(`${'import_peak_rss_growth_mb'.padEnd(28)} ${fmt(figures.peakRssGrowthMb ?? NaN, 1)}`);
  }
}

const EMPTY_LOAD: LoadReport = {
  users: 0,
  expenses: 0,
  transactions: 0,
  expensesSeconds: 0,
  expensesPerSecond: 0,
  budgets: 0,
  targets: 0,
  totalsSeconds: 0,
  heavyShare: 0,
};

/** The import's targets (issue 11): 50,000 rows/s on MariaDB, under 200 MB more memory. */
function importTargets(
  figures: ImportFigures | undefined,
  driver: Driver,
): Record<string, boolean> {
  if (!figures) return {};
  return {
    ...(driver === 'mysql'
      ? { import_rows_per_s_ge_50000: figures.importRowsPerSecond >= 50_000 }
      : {}),
    import_peak_rss_growth_lt_200mb:
      figures.peakRssGrowthMb !== null && figures.peakRssGrowthMb < 200,
    import_month_totals_exact: figures.totalsExact,
  };
}

/** The targets; heavy_vs_light is held on MariaDB, the production engine. */
function targets(result: DriverResult): Record<string, boolean> {
  if (result.scenarios.length === 0) return importTargets(result.import, result.driver);
  return {
    ...importTargets(result.import, result.driver),
    ...(result.driver === 'mysql'
      ? { heavy_vs_light_le_1_5: result.ratios.heavy_vs_light <= 1.5 }
      : {}),
    dashboard_vs_bare_ge_0_5: result.ratios.dashboard_vs_bare >= 0.5,
    expenses_vs_bare_ge_0_5: result.ratios.expenses_vs_bare >= 0.5,
    // Bounded: the same statements per request whatever the history (a little slack for the
    // heavy user's extra categories and rules, which the light one lacks).
    insights_statements_bounded: result.ratios.insights_statements_heavy_vs_light <= 1.5,
    same_json_as_bare: result.parity,
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  log(
    `bench ${options.full ? '--full' : '(quick)'}: ${options.total.toLocaleString('en')} expenses, ` +
      `${CONNECTIONS} connections, ${options.seconds} s per scenario after ${options.warmup} s warm-up, ` +
      `seed ${options.seed}; ${os.cpus().length} CPUs, node ${process.version}`,
  );
  const wanted = (name: string) => !options.only || options.only.includes(name);
  const NO_DATABASE = ['recurring_detection', 'receipts', 'report_pdf'];
  const detectionOnly = options.only?.every((name) => NO_DATABASE.includes(name)) ?? false;
  const detection =
    !options.only || options.only.includes('recurring_detection')
      ? benchRecurringDetection(options.full ? 1000 : 300, options.seed)
      : null;
  if (detection) log(describeDetection(detection));
  const receipts =
    !options.only || options.only.includes('receipts') ? await benchReceipts() : null;
  if (receipts) log(describeReceipts(receipts));
  const reportPdf = wanted('report_pdf') ? await benchReportPdf(100_000, log) : null;
  const results: (DriverResult & { targets: Record<string, boolean> })[] = [];
  let builtServer: string | undefined;
  for (const driver of detectionOnly ? [] : options.drivers) {
    // --only=import runs the import alone, without loading the read scenarios' data.
    const result: DriverResult =
      options.only && options.only.every((name) => name === 'import')
        ? { driver, version: '-', load: EMPTY_LOAD, scenarios: [], ratios: {}, parity: true }
        : await benchDriver(driver, options);
    if (wanted('import')) {
      log(`\n=== import, ${driver} ===`);
      builtServer ??= buildServer(log);
      result.import = await benchImport(driver, options.importRows, log, builtServer);
    }
    results.push({ ...result, targets: targets(result) });
  }
  if (detection) {
    log(`\n${describeDetection(detection)}`);
    log(`${detection.precision >= 0.9 ? 'met   ' : 'MISSED'} detection_precision_ge_0_9`);
    log(`${detection.recall >= 0.9 ? 'met   ' : 'MISSED'} detection_recall_ge_0_9`);
  }
  if (receipts) {
    log(`\n${describeReceipts(receipts)}`);
    log(`${receipts.totalExact >= 0.9 ? 'met   ' : 'MISSED'} receipt_total_exact_ge_0_9`);
    log(`${receipts.dateExact >= 0.9 ? 'met   ' : 'MISSED'} receipt_date_exact_ge_0_9`);
    log(`${receipts.msPerReceiptMedian < 3000 ? 'met   ' : 'MISSED'} receipt_under_3_s`);
  }
  if (reportPdf) {
    const slowest = Math.max(...reportPdf.byGrouping.map((g) => g.seconds));
    log(
      `${slowest < 2 ? 'met   ' : 'MISSED'} report_pdf_12_months_100k_lt_2s (${slowest.toFixed(2)} s)`,
    );
  }
  for (const result of results) {
    printTable(result);
    for (const [name, met] of Object.entries(result.targets)) {
      log(`${met ? 'met   ' : 'MISSED'} ${name}`);
    }
  }
  const out = path.join(__dirname, 'results', 'latest.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        mode: options.full ? 'full' : 'quick',
        options,
        machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version },
        seconds: Math.round((Date.now() - started) / 1000),
        recurringDetection: detection,
        receipts,
        reportPdf,
        results,
      },
      null,
      2,
    )}\n`,
  );
  log(
    `\nwrote ${path.relative(process.cwd(), out)} after ${Math.round((Date.now() - started) / 1000)} s`,
  );
  if (results.some((r) => !r.parity)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
