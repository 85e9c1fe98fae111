import { performance } from 'node:perf_hooks';
import { hashPassword } from '../server/src/lib/password';
import { categoryKey, DEFAULT_CATEGORIES } from '../server/src/modules/categories/category.service';
import { rebuildMonthTotals } from '../server/src/modules/expenses/expense.service';
import type { Driver, SqlClient } from './db';
import {
  benchMonths,
  monthBudget,
  monthExpenses,
  planUsers,
  UserShape,
  type ExpenseRow,
  type PlannedUser,
} from './generate';

export const BENCH_PASSWORD = 'bench password 1';
/** Rows per multi-row INSERT, and chunks per transaction. */
const CHUNK = 1_000;
const CHUNKS_PER_TRANSACTION = 50;

export interface LoadedUser extends PlannedUser {
  id: number;
}

export interface LoadReport {
  users: number;
  expenses: number;
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
 * Loads users (with their default categories), ten years of expenses, budgets and targets, then
 * builds the month totals from the rows. Expenses go month by month across all users, so that
 * each user's rows are spread over the table as years of real use would leave them.
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
          'USD',
          now,
          now,
        ],
      );
      const [{ id }] = await db.query<{ id: number }>(
        'SELECT id FROM users WHERE usernameKey = ?',
        [user.username],
      );
      const userId = Number(id);
      await db.query(
        'INSERT INTO categories (userId, name, nameKey, createdAt) VALUES ' +
          DEFAULT_CATEGORIES.map(() => '(?, ?, ?, ?)').join(', '),
        DEFAULT_CATEGORIES.flatMap((name) => [userId, name, categoryKey(name), now]),
      );
      const categories = await db.query<{ id: number }>(
        'SELECT id FROM categories WHERE userId = ? ORDER BY id',
        [userId],
      );
      users.push({ ...user, id: userId });
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
  const expenses = new ChunkedInserter(db, driver, 'expenses', [
    'userId',
    'description',
    'amountMinor',
    'categoryId',
    'date',
    'createdAt',
    'updatedAt',
  ]);
  const started = performance.now();
  let lastLog = started;
  for (let m = 0; m < months.length; m++) {
    for (let u = 0; u < users.length; u++) {
      const rows: ExpenseRow[] = monthExpenses(
        shapes[u],
        users[u].id,
        months[m],
        m,
        options.today,
        options.seed,
      );
      for (const row of rows) {
        const at = stamp(row.date);
        await expenses.add([
          row.userId,
          row.description,
          row.amountMinor,
          row.categoryId,
          row.date,
          at,
          at,
        ]);
      }
    }
    if (performance.now() - lastLog > 5_000) {
      lastLog = performance.now();
      log(`  ... ${expenses.inserted.toLocaleString('en')} expenses`);
    }
  }
  await expenses.finish();
  const expensesSeconds = (performance.now() - started) / 1000;

  const budgets = new ChunkedInserter(db, driver, 'budgets', [
    'userId',
    'month',
    'amountMinor',
    'createdAt',
    'updatedAt',
  ]);
  const targets = new ChunkedInserter(db, driver, 'budget_categories', [
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
          await budgets.add([users[u].id, months[m], plan.budgetMinor, now, now]);
          continue;
        }
        for (const t of plan.targets) {
          await targets.add([users[u].id, t.categoryId, months[m], t.amountMinor, now, now]);
        }
      }
    }
    await inserter.finish();
  }

  // The rows were written around ExpenseService: build their month totals, then refresh the
  // planner's statistics as a database in use would have them.
  const totalsStarted = performance.now();
  await db.transaction(() => rebuildMonthTotals(db));
  const totalsSeconds = (performance.now() - totalsStarted) / 1000;
  if (driver === 'mysql') {
    await db.query(
      'ANALYZE TABLE users, sessions, categories, expenses, budgets, budget_categories, ' +
        'expense_month_totals',
    );
  } else {
    await db.query('ANALYZE');
  }
  const heavy = users.find((u) => u.role === 'heavy') as LoadedUser;
  return {
    users,
    report: {
      users: users.length,
      expenses: expenses.inserted,
      expensesSeconds,
      expensesPerSecond: Math.round(expenses.inserted / expensesSeconds),
      budgets: budgets.inserted,
      targets: targets.inserted,
      totalsSeconds,
      heavyShare: heavy.expenses / expenses.inserted,
    },
  };
}
