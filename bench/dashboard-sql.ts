import { createHash } from 'node:crypto';
import { currencyDigits } from '../server/src/lib/currencies';
import { addMonths, monthsEndingAt } from '../server/src/lib/dates';
import { fromMinor } from '../server/src/lib/money';
import type { SqlClient } from './db';

/**
 * The dashboard written by hand: the statements the GraphQL dashboard runs (the caller's session
 * and user, then budgets, month totals, targets and recent expenses), and the same JSON built
 * from their rows. The SQL baseline runs these statements in a loop; the bare node:http
 * endpoint runs them per request. The benchmark checks that its JSON equals the GraphQL answer.
 */
export const DASHBOARD_QUERY = `query Dashboard {
  dashboard {
    month budget spent savings
    months { month budget spent savings }
    byCategory { category { id name } spent }
    budgetCategories { id targetMonth targetAmount spent remaining category { id name } }
    recentExpenses { id description amount date category { id name } }
  }
}`;

type Row = Record<string, unknown>;

const toTime = (value: unknown): number =>
  value instanceof Date ? value.getTime() : Date.parse(`${String(value).replace(' ', 'T')}Z`);

/** The user id of a live session token (the `sid` cookie), or null. */
export async function sessionUser(db: SqlClient, token: string): Promise<Row | null> {
  const tokenHash = createHash('sha256').update(token).digest('hex');
  const [session] = await db.query(
    'SELECT id, userId, expiresAt, absoluteExpiresAt FROM sessions WHERE tokenHash = ?',
    [tokenHash],
  );
  const now = Date.now();
  if (!session || toTime(session.expiresAt) <= now || toTime(session.absoluteExpiresAt) <= now) {
    return null;
  }
  const [user] = await db.query('SELECT id, currency FROM users WHERE id = ?', [session.userId]);
  return user ?? null;
}

export async function dashboardJson(db: SqlClient, user: Row, month: string): Promise<unknown> {
  const userId = Number(user.id);
  const digits = currencyDigits(String(user.currency));
  const months = monthsEndingAt(month, 12);
  // Independent: on MySQL they run at once on the pool's connections, as the app's resolvers do.
  const [budgets, byCategory, monthTotals, targets, recent] = await Promise.all([
    db.query(
      `SELECT month, amountMinor FROM budgets WHERE userId = ? AND month IN (${months
        .map(() => '?')
        .join(', ')})`,
      [userId, ...months],
    ),
    db.query(
      'SELECT c.id, c.name, CAST(t.amountMinor AS CHAR) AS spent FROM expense_month_totals t ' +
        'INNER JOIN categories c ON c.id = t.categoryId WHERE t.userId = ? AND t.month = ?',
      [userId, month],
    ),
    db.query(
      'SELECT month, CAST(SUM(amountMinor) AS CHAR) AS spent FROM expense_month_totals ' +
        'WHERE userId = ? AND month >= ? AND month <= ? GROUP BY month',
      [userId, addMonths(month, -11), month],
    ),
    db.query(
      'SELECT b.id, b.categoryId, b.targetMonth, CAST(b.targetAmountMinor AS CHAR) AS target, ' +
        'c.name FROM budget_categories b INNER JOIN categories c ON c.id = b.categoryId ' +
        'WHERE b.userId = ? AND b.targetMonth = ? ORDER BY c.nameKey',
      [userId, month],
    ),
    db.query(
      'SELECT e.id, e.description, CAST(e.amountMinor AS CHAR) AS amount, e.date, ' +
        'c.id AS categoryId, c.name FROM expenses e INNER JOIN categories c ON c.id = e.categoryId ' +
        'WHERE e.userId = ? ORDER BY e.date DESC, e.id DESC LIMIT 10',
      [userId],
    ),
  ]);
  const dec = (minor: bigint) => fromMinor(minor, digits);
  const budgetOf = new Map(budgets.map((b) => [String(b.month), BigInt(String(b.amountMinor))]));
  const spentOf = new Map(monthTotals.map((r) => [String(r.month), BigInt(String(r.spent))]));
  const categories = byCategory
    .map((r) => ({ id: String(r.id), name: String(r.name), spent: BigInt(String(r.spent)) }))
    .sort((a, b) =>
      a.spent === b.spent ? a.name.localeCompare(b.name) : a.spent > b.spent ? -1 : 1,
    );
  const spentByCategory = new Map(categories.map((c) => [c.id, c.spent]));
  const spent = categories.reduce((sum, c) => sum + c.spent, 0n);
  const budget = budgetOf.get(month) ?? null;
  return {
    data: {
      dashboard: {
        month,
        budget: budget === null ? null : dec(budget),
        spent: dec(spent),
        savings: budget === null ? null : dec(budget - spent),
        months: months.map((m) => {
          const b = budgetOf.get(m) ?? null;
          const s = spentOf.get(m) ?? 0n;
          return {
            month: m,
            budget: b === null ? null : dec(b),
            spent: dec(s),
            savings: b === null ? null : dec(b - s),
          };
        }),
        byCategory: categories.map((c) => ({
          category: { id: c.id, name: c.name },
          spent: dec(c.spent),
        })),
        budgetCategories: targets.map((t) => {
          const target = BigInt(String(t.target));
          const s = spentByCategory.get(String(t.categoryId)) ?? 0n;
          return {
            id: String(t.id),
            targetMonth: String(t.targetMonth),
            targetAmount: dec(target),
            spent: dec(s),
            remaining: dec(target - s),
            category: { id: String(t.categoryId), name: String(t.name) },
          };
        }),
        recentExpenses: recent.map((e) => ({
          id: String(e.id),
          description: String(e.description),
          amount: dec(BigInt(String(e.amount))),
          date: String(e.date),
          category: { id: String(e.categoryId), name: String(e.name) },
        })),
      },
    },
  };
}

/** Statements per bare dashboard: session, user and the five above. */
export const BARE_STATEMENTS = 7;
