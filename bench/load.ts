import { performance } from 'node:perf_hooks';
import { hashPassword } from '../server/src/lib/password';
import { categoryKey, DEFAULT_CATEGORIES } from '../server/src/modules/categories/category.service';
import { rebuildMonthTotals } from '../server/src/modules/ledger/month-totals';
import type { Driver, SqlClient } from './db';
import {
  ACCOUNTS,
  benchMonths,
  monthBudget,
  monthTransactions,
  planUsers,
  REPORTING_CURRENCY,
  UserShape,
  type PlannedUser,
} from './generate';

export const BENCH_PASSWORD = 'bench password 1';
/** Rows per multi-row INSERT, and chunks per transaction. */
const CHUNK = 1_000;
const CHUNKS_PER_TRANSACTION = 50;

export interface LoadedUser extends PlannedUser {
  id: number;
  ledgerId: number;
  /** The ids of ACCOUNTS, in their order. */
  accountIds: number[];
}

export interface LoadReport {
  users: number;
  expenses: number;
  /** Every transaction: expenses, income and transfers. */
  transactions: number;
  expensesSeconds: number;
  expensesPerSecond: number;
  budgets: number;
  targets: number;
  totalsSeconds: number;
  heavyShare: number;
}

const stamp = (date: string) => `${date} 12:00:00`;

/** Multi-row INSERTs of up to CHUNK rows, CHUNKS_PER_TRANSACTION chunks per transaction. */
class ChunkedInserter {
  private rows: unknown[][] = [];
  private chunksInTransaction = 0;
  private open = false;
  inserted = 0;

  constructor(
    private readonly db: SqlClient,
    private readonly driver: Driver,
    private readonly table: string,
    private readonly columns: string[],
  ) {}

  async add(row: unknown[]): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= CHUNK) await this.flush();
  }

  private async begin(): Promise<void> {
    if (this.open) return;
    await this.db.query(this.driver === 'mysql' ? 'START TRANSACTION' : 'BEGIN');
    this.open = true;
  }

  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    await this.begin();
    const placeholders = `(${this.columns.map(() => '?').join(', ')})`;
    await this.db.query(
      `INSERT INTO ${this.table} (${this.columns.join(', ')}) VALUES ` +
        this.rows.map(() => placeholders).join(', '),
      this.rows.flat(),
    );
    this.inserted += this.rows.length;
    this.rows = [];
    if (++this.chunksInTransaction >= CHUNKS_PER_TRANSACTION) await this.commit();
  }

  async commit(): Promise<void> {
    if (!this.open) return;
    await this.db.query('COMMIT');
    this.open = false;
    this.chunksInTransaction = 0;
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.commit();
  }
}

/**
 * Loads users (with their personal ledger, four accounts and default categories), ten years of
 * transactions, budgets and targets, then builds the month totals from the rows. Transactions
 * go month by month across all users, so that each user's rows are spread over the table as
 * years of real use would leave them.
 */
export async function loadData(
  db: SqlClient,
  driver: Driver,
  options: { total: number; seed: number; today: string },
  log: (line: string) => void,
): Promise<{ users: LoadedUser[]; report: LoadReport }> {
  const plan = planUsers(options.total);
  const now = stamp(options.today);
  // One real scrypt hash (production cost), shared by every user: only login verifies it.
  const passwordHash = await hashPassword(BENCH_PASSWORD, 17);
  const users: LoadedUser[] = [];
  const shapes: UserShape[] = [];
  await db.transaction(async () => {
    for (const user of plan) {
      await db.query(
        'INSERT INTO users (firstname, lastname, email, emailKey, username, usernameKey, ' +
          'passwordHash, currency, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          'Bench',
          user.role,
          `${user.username}@example.com`,
          `${user.username}@example.com`,
          user.username,
          user.username,
          passwordHash,
          REPORTING_CURRENCY,
          now,
          now,
        ],
      );
      const [{ id }] = await db.query<{ id: number }>(
        'SELECT id FROM users WHERE usernameKey = ?',
        [user.username],
      );
      const userId = Number(id);
      // The personal ledger registration makes, with the user as its owner.
      await db.query('INSERT INTO ledgers (name, personalUserId, createdAt) VALUES (?, ?, ?)', [
        'Personal',
        userId,
        now,
      ]);
      const [ledger] = await db.query<{ id: number }>(
        'SELECT id FROM ledgers WHERE personalUserId = ?',
        [userId],
      );
      const ledgerId = Number(ledger.id);
      await db.query(
        'INSERT INTO ledger_members (ledgerId, userId, role, createdAt) VALUES (?, ?, ?, ?)',
        [ledgerId, userId, 'OWNER', now],
      );
      await db.query(
        'INSERT INTO accounts (ledgerId, name, nameKey, type, currency, openingBalanceMinor, ' +
          'archived, createdAt, updatedAt) VALUES ' +
          ACCOUNTS.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', '),
        ACCOUNTS.flatMap((a) => [
          ledgerId,
          a.name,
          a.name.toLowerCase(),
          a.type,
          a.currency,
          a.openingMinor,
          // 0, not false: better-sqlite3 binds no booleans.
          0,
          now,
          now,
        ]),
      );
      const accounts = await db.query<{ id: number }>(
        'SELECT id FROM accounts WHERE ledgerId = ? ORDER BY id',
        [ledgerId],
      );
      await db.query(
        'INSERT INTO categories (ledgerId, userId, name, nameKey, createdAt) VALUES ' +
          DEFAULT_CATEGORIES.map(() => '(?, ?, ?, ?, ?)').join(', '),
        DEFAULT_CATEGORIES.flatMap((name) => [ledgerId, userId, name, categoryKey(name), now]),
      );
      const categories = await db.query<{ id: number }>(
        'SELECT id FROM categories WHERE ledgerId = ? ORDER BY id',
        [ledgerId],
      );
      users.push({
        ...user,
        id: userId,
        ledgerId,
        accountIds: accounts.map((a) => Number(a.id)),
      });
      shapes.push(
        new UserShape(
          user,
          categories.map((c) => Number(c.id)),
          options.seed,
        ),
      );
    }
  });

  const months = benchMonths(options.today.slice(0, 7));
  const transactions = new ChunkedInserter(db, driver, 'transactions', [
    'ledgerId',
    'kind',
    'date',
    'description',
    'accountId',
    'currency',
    'amountMinor',
    'accountAmountMinor',
    'toAccountId',
    'toAmountMinor',
    'categoryId',
    'reportingAmountMinor',
    'rate',
    'rateDate',
    'rateSource',
    'createdByUserId',
    'updatedByUserId',
    'createdAt',
    'updatedAt',
  ]);
  let expenseCount = 0;
  const started = performance.now();
  let lastLog = started;
  for (let m = 0; m < months.length; m++) {
    for (let u = 0; u < users.length; u++) {
      const { id: userId, ledgerId, accountIds } = users[u];
      for (const row of monthTransactions(shapes[u], months[m], m, options.today, options.seed)) {
        const at = stamp(row.date);
        if (row.kind === 'EXPENSE') expenseCount++;
        await transactions.add([
          ledgerId,
          row.kind,
          row.date,
          row.description,
          accountIds[row.account],
          row.currency,
          row.amountMinor,
          // A row is in its account's currency, so the account's amount is its own.
          row.amountMinor,
          row.toAccount === null ? null : accountIds[row.toAccount],
          row.toAmountMinor,
          row.categoryId,
          row.reportingAmountMinor,
          row.rate,
          row.date,
          row.rateSource,
          userId,
          userId,
          at,
          at,
        ]);
      }
    }
    if (performance.now() - lastLog > 5_000) {
      lastLog = performance.now();
      log(`  ... ${transactions.inserted.toLocaleString('en')} transactions`);
    }
  }
  await transactions.finish();
  const expensesSeconds = (performance.now() - started) / 1000;

  const budgets = new ChunkedInserter(db, driver, 'budgets', [
    'ledgerId',
    'userId',
    'month',
    'amountMinor',
    'createdAt',
    'updatedAt',
  ]);
  const targets = new ChunkedInserter(db, driver, 'budget_categories', [
    'ledgerId',
    'userId',
    'categoryId',
    'targetMonth',
    'targetAmountMinor',
    'createdAt',
    'updatedAt',
  ]);
  // One table at a time: each inserter holds its own transaction on the one connection.
  for (const inserter of [budgets, targets]) {
    for (let u = 0; u < users.length; u++) {
      for (let m = 0; m < months.length; m++) {
        const plan = monthBudget(shapes[u], months[m], m, options.seed);
        if (inserter === budgets) {
          await budgets.add([
            users[u].ledgerId,
            users[u].id,
            months[m],
            plan.budgetMinor,
            now,
            now,
          ]);
          continue;
        }
        for (const t of plan.targets) {
          await targets.add([
            users[u].ledgerId,
            users[u].id,
            t.categoryId,
            months[m],
            t.amountMinor,
            now,
            now,
          ]);
        }
      }
    }
    await inserter.finish();
  }

  // The rows were written around the ledger's write path: build their month totals, then refresh the
  // planner's statistics as a database in use would have them.
  const totalsStarted = performance.now();
  await db.transaction(() => rebuildMonthTotals(db));
  const totalsSeconds = (performance.now() - totalsStarted) / 1000;
  if (driver === 'mysql') {
    await db.query(
      'ANALYZE TABLE users, sessions, ledgers, ledger_members, accounts, categories, ' +
        'transactions, budgets, budget_categories, ledger_month_totals',
    );
  } else {
    await db.query('ANALYZE');
  }
  const heavy = users.find((u) => u.role === 'heavy') as LoadedUser;
  return {
    users,
    report: {
      users: users.length,
      expenses: expenseCount,
      transactions: transactions.inserted,
      expensesSeconds,
      expensesPerSecond: Math.round(transactions.inserted / expensesSeconds),
      budgets: budgets.inserted,
      targets: targets.inserted,
      totalsSeconds,
      heavyShare: heavy.expenses / expenseCount,
    },
  };
}
