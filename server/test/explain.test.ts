import type { DataSource } from 'typeorm';
import { rebuildMonthTotals } from '../src/modules/ledger/month-totals';
import {
  EXPENSE_COLUMNS,
  EXPENSE_PLACEHOLDERS,
  expenseValues,
  personalLedger,
  type SeedLedger,
} from './seed';
import type { ApiClient } from './api-client';
import { testDrivers, type Driver } from './databases';
import { statementsOf } from './statements';
import { addExpense, signUp } from './factories';
import {
  createTestDatabase,
  startTestServer,
  type TestDatabase,
  type TestServer,
} from './test-server';

/**
 * Every dashboard and list query uses an index: the SQL each one sends is captured through
 * TypeORM's logger and EXPLAINed; a full scan of expenses (or of the month totals kept from
 * them) fails. Run on MariaDB (EXPLAIN: type ALL, or index, a scan of a whole index) when the
 * MariaDB suites run, and on SQLite (EXPLAIN QUERY PLAN: SCAN rather than SEARCH) always.
 */
const DASHBOARD = `{
  dashboard {
    month budget spent savings income net
    months { month budget spent savings income }
    dailySpending { date spent }
    accounts { id name balance }
    byCategory { category { id name } spent }
    budgetCategories { id targetMonth targetAmount spent remaining category { id name } }
    recentExpenses { id description amount date category { id name } }
  }
}`;
const PAGE = `query($filter: ExpenseFilter, $after: String) {
  expenses(first: 20, filter: $filter, after: $after) {
    totalCount pageInfo { endCursor } nodes { id amount date category { name } }
  }
}`;

/** The tables that grow with history: each read checked must include one of them. */
const GROWING = ['transactions', 'ledger_month_totals'];

interface Captured {
  query: string;
  parameters: unknown[];
}

/** True when the statement reads a table that grows with history. */
function readsGrowing(sql: string): boolean {
  return GROWING.some((table) => new RegExp(`\\b${table}\\b`, 'i').test(sql));
}

/** Adds years of expenses for several users, so that a full scan is never the cheap plan. */
async function seed(server: TestServer, client: ApiClient, caller: number): Promise<void> {
  // The caller's rows a minority, as any one user's are: else scanning is the cheaper plan.
  for (let i = 0; i < 6; i++) {
    const other = server.client();
    await signUp(other);
    await addExpense(other, { amount: '1', category: 'Food', date: '2024-01-01' });
  }
  await addExpense(client, { amount: '2.50', category: 'Rent', date: '2024-03-03' });
  await addExpense(client, { amount: '4', category: 'Food', date: '2024-03-04' });
  const { dataSource } = server;
  const categories: { id: number; userId: number; ledgerId: number }[] = await dataSource.query(
    'SELECT id, userId, ledgerId FROM categories',
  );
  const ledgers = new Map<number, SeedLedger>();
  for (const category of categories) {
    if (!ledgers.has(category.userId)) {
      ledgers.set(category.userId, await personalLedger(dataSource, category.userId));
    }
  }
  const rows: unknown[][] = [];
  categories.forEach((category, c) => {
    for (let i = 0; i < (category.userId === caller ? 10 : 60); i++) {
      const month = String((i % 12) + 1).padStart(2, '0');
      const date = `${2020 + ((i + c) % 5)}-${month}-${String((i % 28) + 1).padStart(2, '0')}`;
      const ledger = ledgers.get(category.userId) as SeedLedger;
      rows.push(expenseValues(ledger, `Seeded ${i}`, 100 + i, category.id, date, date));
    }
  });
  for (let start = 0; start < rows.length; start += 500) {
    const chunk = rows.slice(start, start + 500);
    await dataSource.query(
      `INSERT INTO transactions (${EXPENSE_COLUMNS}) VALUES ${chunk.map(() => EXPENSE_PLACEHOLDERS).join(', ')}`,
      chunk.flat(),
    );
  }
  await rebuildMonthTotals(dataSource.manager);
  // Two years of budgets and targets for everyone, as a table in use holds.
  const budgets: unknown[][] = [];
  const targets: unknown[][] = [];
  for (let m = 0; m < 24; m++) {
    const month = `${2020 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    const stamp = `${month}-01`;
    const seen = new Set<number>();
    for (const category of categories) {
      if (!seen.has(category.userId)) {
        budgets.push([category.ledgerId, category.userId, month, 5000, stamp, stamp]);
      }
      seen.add(category.userId);
      targets.push([category.ledgerId, category.userId, category.id, month, 1000, stamp, stamp]);
    }
  }
  for (const [table, columns, all] of [
    ['budgets', 'ledgerId, userId, month, amountMinor, createdAt, updatedAt', budgets],
    [
      'budget_categories',
      'ledgerId, userId, categoryId, targetMonth, targetAmountMinor, createdAt, updatedAt',
      targets,
    ],
  ] as const) {
    const marks = `(${columns
      .split(', ')
      .map(() => '?')
      .join(', ')})`;
    for (let start = 0; start < all.length; start += 500) {
      const chunk = all.slice(start, start + 500);
      await dataSource.query(
        `INSERT INTO ${table} (${columns}) VALUES ${chunk.map(() => marks).join(', ')}`,
        chunk.flat(),
      );
    }
  }
  // Everyone else's tax marks, so that reading the caller's few is an index's job.
  const theirs: { id: number | string; ledgerId: number | string }[] = await dataSource.query(
    'SELECT id, ledgerId FROM transactions WHERE ledgerId <> ? ORDER BY id LIMIT 400',
    [ledgers.get(caller)!.ledgerId],
  );
  const marks: unknown[][] = [
    ...categories
      .filter((category) => category.userId !== caller)
      .map((category) => [category.ledgerId, null, category.id, 'medical', '2024-01-01']),
    ...theirs.map((t) => [Number(t.ledgerId), Number(t.id), null, 'business', '2024-01-01']),
  ];
  await dataSource.query(
    'INSERT INTO tax_marks (ledgerId, transactionId, categoryId, taxCategory, createdAt) VALUES ' +
      marks.map(() => '(?, ?, ?, ?, ?)').join(', '),
    marks.flat(),
  );
  await client.data('mutation { setMonthlyBudget(month: "2024-03", amount: "100") { id } }');
  await client.data(
    'mutation { setBudgetCategory(input: { category: "Food", targetAmount: "50", ' +
      'targetMonth: "2024-03" }) { id } }',
  );
  // Tax marks: a category, and single transactions (of another category) by hand.
  const { categories: own } = await client.data<{ categories: { id: string; name: string }[] }>(
    '{ categories { id name } }',
  );
  await client.data(
    'mutation($id: ID!) { setCategoryTaxDeductible(categoryId: $id, taxCategory: "charity") { taxCategory } }',
    { id: own.find((c) => c.name === 'Food')!.id },
  );
  const rent = await client.data<{ transactions: { nodes: { id: string }[] } }>(
    '{ transactions(filter: { category: "Rent" }, first: 3) { nodes { id } } }',
  );
  for (const { id } of rent.transactions.nodes) {
    await client.data(
      'mutation($id: ID!) { setTaxDeductible(transactionId: $id, taxCategory: "home office") { id } }',
      { id },
    );
  }
}

/** Runs `work` and returns every SELECT it sent. */
async function capture(dataSource: DataSource, work: () => Promise<void>): Promise<Captured[]> {
  return (await statementsOf(dataSource, work)).filter((s) => /^\s*SELECT/i.test(s.query));
}

/**
 * The tables the statement reads whole, by EXPLAIN. Any table, not only expenses: every table
 * is keyed by user, and a plan that scans categories to reach expenses by category reads every
 * user's expenses all the same. A derived table (a subquery's bounded result) is no table.
 */
async function fullScans(dataSource: DataSource, driver: Driver, s: Captured): Promise<string[]> {
  if (driver === 'mysql') {
    const plan = await mysqlPlan(dataSource, s);
    // ALL reads every row; index reads every entry of an index: both grow with the table.
    return plan
      .filter((row) => !/^<(derived|union|subquery)/.test(row.table ?? ''))
      .filter((row) => row.type === 'ALL' || row.type === 'index')
      .map((row) => `${row.table}: type ${row.type}`);
  }
  const tables = await sqliteTables(dataSource);
  // SEARCH finds rows through an index; SCAN reads a whole table or a whole index.
  return (await sqlitePlan(dataSource, s)).filter((detail) => {
    const scanned = /^SCAN (\w+)/.exec(detail)?.[1];
    return scanned !== undefined && tables.has(scanned);
  });
}

interface MysqlPlanRow {
  table: string | null;
  type: string | null;
  key: string | null;
  Extra: string | null;
}

const mysqlPlan = (dataSource: DataSource, s: Captured): Promise<MysqlPlanRow[]> =>
  dataSource.query(`EXPLAIN ${s.query}`, s.parameters);

async function sqlitePlan(dataSource: DataSource, s: Captured): Promise<string[]> {
  const plan: { detail: string }[] = await dataSource.query(
    `EXPLAIN QUERY PLAN ${s.query}`,
    s.parameters,
  );
  return plan.map((row) => row.detail);
}

async function sqliteTables(dataSource: DataSource): Promise<Set<string>> {
  const rows: { name: string }[] = await dataSource.query(
    "SELECT name FROM sqlite_master WHERE type = 'table'",
  );
  return new Set(rows.map((r) => r.name));
}

const TRANSACTIONS = `query($filter: TransactionFilter, $after: String) {
  transactions(filter: $filter, first: 20, after: $after) {
    totalCount nodes { id kind amount account { name } toAccount { name } category { name } }
  }
}`;

const REPORT = `query($input: ReportInput!) { report(input: $input) { total rows { key total } } }`;

const drivers = testDrivers();

describe.each(drivers)('every dashboard and list query uses an index [%s]', (driver) => {
  let database: TestDatabase;
  let server: TestServer;
  let client: ApiClient;
  let ledger: SeedLedger;
  const accountId = () => ledger.accountId;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    server = await startTestServer(database);
    client = server.client();
    const user = await signUp(client);
    await seed(server, client, Number(user.id));
    ledger = await personalLedger(server.dataSource, Number(user.id));
    if (driver === 'mysql') {
      await server.dataSource.query(
        'ANALYZE TABLE transactions, ledger_month_totals, accounts, categories, budgets, ' +
          'budget_categories, tax_marks',
      );
    } else {
      await server.dataSource.query('ANALYZE');
    }
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  const reads: [string, () => Promise<void>][] = [
    ['the dashboard (current month)', async () => void (await client.data(DASHBOARD))],
    [
      'the dashboard of a past month',
      async () =>
        void (await client.data(DASHBOARD.replace('dashboard', 'dashboard(month: "2024-03")'))),
    ],
    ['the first page of expenses', async () => void (await client.data(PAGE))],
    [
      'the next page of expenses',
      async () => {
        const first = await client.data(PAGE);
        await client.data(PAGE, { after: first.expenses.pageInfo.endCursor });
      },
    ],
    [
      'expenses of a month',
      async () => void (await client.data(PAGE, { filter: { month: '2024-03' } })),
    ],
    [
      'expenses of a category',
      async () => void (await client.data(PAGE, { filter: { category: 'food' } })),
    ],
    [
      'expenses in a day range',
      async () =>
        void (await client.data(PAGE, { filter: { from: '2022-01-01', to: '2022-06-30' } })),
    ],
    [
      'expenses by search',
      async () => void (await client.data(PAGE, { filter: { search: 'seeded 1' } })),
    ],
    [
      'a month and category together',
      async () =>
        void (await client.data(PAGE, { filter: { month: '2022-02', category: 'Rent' } })),
    ],
    [
      'transactions of an account',
      async () =>
        void (await client.data(TRANSACTIONS, { filter: { accountId: String(accountId()) } })),
    ],
    [
      'transactions of a kind in a month',
      async () =>
        void (await client.data(TRANSACTIONS, { filter: { kind: 'EXPENSE', month: '2024-03' } })),
    ],
    ['every transaction, first page', async () => void (await client.data(TRANSACTIONS))],
    [
      'accounts with balances and net worth',
      async () =>
        void (await client.data(
          '{ accounts { id balance } netWorth(months: 12) { month netWorth } }',
        )),
    ],
    [
      "a month's category targets",
      async () => void (await client.data('{ budgetCategories(month: "2024-03") { id spent } }')),
    ],
    [
      "a month's insights",
      async () =>
        void (await client.data(
          '{ insights(month: "2024-03") { id kind amount transactions { id amount } } }',
        )),
    ],
    [
      'the health score, its history and budget recommendations',
      async () =>
        void (await client.data(
          '{ healthScore(month: "2024-03") { score } healthScoreHistory(months: 12) { score } ' +
            'budgetRecommendations(month: "2024-03") { id targetAmount } }',
        )),
    ],
    [
      'every category target',
      async () => void (await client.data('{ budgetCategories { id spent } }')),
    ],
    ...(['MONTH', 'CATEGORY', 'PAYEE', 'ACCOUNT', 'TAX_CATEGORY'] as const).map(
      (groupBy): [string, () => Promise<void>] => [
        `a year's report by ${groupBy.toLowerCase()}`,
        async () =>
          void (await client.data(REPORT, {
            input: { from: '2022-01-01', to: '2022-12-31', groupBy },
          })),
      ],
    ),
    [
      'a report of chosen accounts and categories',
      async () =>
        void (await client.data(REPORT, {
          input: {
            from: '2020-01-01',
            to: '2024-12-31',
            groupBy: 'CATEGORY',
            accountIds: [String(accountId())],
            categories: ['Food', 'Rent'],
          },
        })),
    ],
    ...(['TAX_CATEGORY', 'MONTH'] as const).map((groupBy): [string, () => Promise<void>] => [
      `a year's tax-deductible spending by ${groupBy.toLowerCase()}`,
      async () =>
        void (await client.data(REPORT, {
          input: { from: '2022-01-01', to: '2022-12-31', groupBy, taxDeductibleOnly: true },
        })),
    ]),
    [
      "a tax category's transactions (a report row's drill-down)",
      async () =>
        void (await client.data(TRANSACTIONS, {
          filter: { kind: 'EXPENSE', from: '2022-01-01', to: '2022-12-31', taxCategory: 'charity' },
        })),
    ],
  ];

  test.each(reads)('%s', async (_name, read) => {
    const statements = await capture(server.dataSource, read);
    const growing = statements.filter((s) => readsGrowing(s.query));
    // Something was captured, and it read the growing tables: otherwise nothing was checked.
    expect(growing.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const statement of statements) {
      for (const scan of await fullScans(server.dataSource, driver, statement)) {
        problems.push(`${scan}\n    in ${statement.query}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('insights read expenses only from narrow ranges, in index order, the history covered', async () => {
    const statements = await capture(server.dataSource, async () => {
      await client.data('{ insights(month: "2024-03") { id transactions { id } } }');
    });
    // Per-month and per-category figures come from the month totals.
    expect(statements.some((s) => /\bledger_month_totals\b/.test(s.query))).toBe(true);
    // Individual expenses: the month with the three before it, and each category's latest; the
    // linked transactions are read by id.
    const reads = statements.filter(
      (s) => /\bFROM transactions\b/.test(s.query) && !/\bt\.id IN \(/.test(s.query),
    );
    expect(reads).toHaveLength(2);
    const samples = reads.find((s) => /\bcategoryId = \?/.test(s.query)) as Captured;
    expect(samples).toBeDefined();
    for (const read of reads) {
      // A LIMIT over rows the index hands over in order stops the walk: bounded reads.
      expect(read.query).toMatch(/\bLIMIT \d+\b/);
      if (driver === 'mysql') {
        const rows = (await mysqlPlan(server.dataSource, read)).filter(
          (row) => row.table === 'transactions',
        );
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) {
          expect(row.type).toBe('range');
          expect(row.Extra ?? '').not.toMatch(/filesort/);
          if (read === samples) {
            expect(row.key).toBe('IDX_transactions_ledger_category_date_amount');
            expect(row.Extra ?? '').toMatch(/Using index\b/);
          }
        }
      } else {
        const plan = await sqlitePlan(server.dataSource, read);
        const onTransactions = plan.filter((d) => /\btransactions\b/.test(d));
        expect(onTransactions.length).toBeGreaterThan(0);
        for (const detail of onTransactions) {
          expect(detail).toMatch(
            read === samples
              ? /^SEARCH transactions USING COVERING INDEX IDX_transactions_ledger_category_date_amount /
              : /^SEARCH transactions USING (COVERING )?INDEX /,
          );
        }
        expect(plan.join('\n')).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      }
    }
  });
});
