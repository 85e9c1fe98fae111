import { currencyDigits } from '../server/src/lib/currencies';
import { addMonths, monthRange, monthsEndingAt } from '../server/src/lib/dates';
import { fromMinor } from '../server/src/lib/money';
import type { SqlClient } from './db';
import { SESSION_STATEMENTS, type BareCaller } from './session-sql';

/**
 * The dashboard written by hand: the statements the GraphQL dashboard runs after finding the
 * caller (budgets, the ledger's month totals by category and by month, daily spending, accounts
 * and their balances, targets, the month's recent expenses), and the same JSON built from their
 * rows. The SQL baseline runs these statements in a loop; the bare node:http endpoint runs them
 * per request. The benchmark checks that its JSON equals the GraphQL answer.
 */
export const DASHBOARD_QUERY = `query Dashboard {
  dashboard {
    month budget spent savings income net
    months { month budget spent savings income }
    dailySpending { date spent }
    accounts { id name type currency balance }
    byCategory { category { id name } spent }
    budgetCategories { id targetMonth targetAmount spent remaining category { id name } }
    recentExpenses { id description amount currency date category { id name } }
  }
}`;

type Row = Record<string, unknown>;
const big = (value: unknown) => BigInt(String(value));

function queries(db: SqlClient, ledgerId: number, month: string): Promise<Row[]>[] {
  const months = monthsEndingAt(month, 12);
  const { start, last } = monthRange(month);
  return [
    db.query(
      `SELECT month, amountMinor FROM budgets WHERE ledgerId = ? AND month IN (${months
        .map(() => '?')
        .join(', ')})`,
      [ledgerId, ...months],
    ),
    db.query(
      'SELECT c.id AS id, c.name AS name, CAST(SUM(t.reportingMinor) AS CHAR) AS spent ' +
        'FROM ledger_month_totals t INNER JOIN categories c ON c.id = t.categoryId ' +
        "WHERE t.ledgerId = ? AND t.month = ? AND t.flow = 'EXPENSE' GROUP BY c.id, c.name",
      [ledgerId, month],
    ),
    db.query(
      'SELECT month, flow, CAST(SUM(reportingMinor) AS CHAR) AS total FROM ledger_month_totals ' +
        "WHERE ledgerId = ? AND month >= ? AND month <= ? AND flow IN ('EXPENSE', 'INCOME') " +
        'GROUP BY month, flow',
      [ledgerId, addMonths(month, -11), month],
    ),
    db.query(
      'SELECT date, CAST(SUM(reportingAmountMinor) AS CHAR) AS spent FROM transactions ' +
        "WHERE ledgerId = ? AND kind = 'EXPENSE' AND date >= ? AND date <= ? GROUP BY date ORDER BY date",
      [ledgerId, start, last],
    ),
    db.query(
      'SELECT id, name, type, currency, CAST(openingBalanceMinor AS CHAR) AS opening ' +
        'FROM accounts WHERE ledgerId = ? ORDER BY archived, id',
      [ledgerId],
    ),
    db.query(
      'SELECT accountId, flow, CAST(SUM(amountMinor) AS CHAR) AS amount FROM ledger_month_totals ' +
        'WHERE ledgerId = ? GROUP BY accountId, flow',
      [ledgerId],
    ),
    db.query(
      'SELECT b.id, b.categoryId, CAST(b.targetAmountMinor AS CHAR) AS target, c.name ' +
        'FROM budget_categories b INNER JOIN categories c ON c.id = b.categoryId ' +
        'WHERE b.ledgerId = ? AND b.targetMonth = ? ORDER BY c.nameKey',
      [ledgerId, month],
    ),
    db.query(
      'SELECT t.id, t.description, CAST(t.amountMinor AS CHAR) AS amount, t.currency, t.date, ' +
        't.categoryId, c.name FROM transactions t LEFT JOIN categories c ON c.id = t.categoryId ' +
        "WHERE t.ledgerId = ? AND t.kind = 'EXPENSE' AND t.date >= ? AND t.date <= ? " +
        'ORDER BY t.date DESC, t.id DESC LIMIT 10',
      [ledgerId, start, last],
    ),
  ];
}

export async function dashboardJson(
  db: SqlClient,
  caller: BareCaller,
  month: string,
): Promise<unknown> {
  const digits = currencyDigits(caller.currency);
  // Independent: on MySQL they run at once on the pool's connections, as the app's resolvers do.
  const [budgets, byCategory, flows, daily, accounts, balanceFlows, targets, recent] =
    await Promise.all(queries(db, caller.ledgerId, month));
  const dec = (minor: bigint) => fromMinor(minor, digits);
  const budgetOf = new Map(budgets.map((b) => [String(b.month), big(b.amountMinor)]));
  const flowOf = new Map(flows.map((r) => [`${String(r.month)}|${String(r.flow)}`, big(r.total)]));
  const categories = byCategory
    .map((r) => ({ id: String(r.id), name: String(r.name), spent: big(r.spent) }))
    .sort((a, b) =>
      a.spent === b.spent ? a.name.localeCompare(b.name) : a.spent > b.spent ? -1 : 1,
    );
  const spentByCategory = new Map(categories.map((c) => [c.id, c.spent]));
  const spent = categories.reduce((sum, c) => sum + c.spent, 0n);
  const income = flowOf.get(`${month}|INCOME`) ?? 0n;
  const budget = budgetOf.get(month) ?? null;
  const balances = new Map(accounts.map((a) => [String(a.id), big(a.opening)]));
  for (const row of balanceFlows) {
    const id = String(row.accountId);
    const sign = row.flow === 'INCOME' || row.flow === 'TRANSFER_IN' ? 1n : -1n;
    balances.set(id, (balances.get(id) ?? 0n) + sign * big(row.amount));
  }
  return {
    data: {
      dashboard: {
        month,
        budget: budget === null ? null : dec(budget),
        spent: dec(spent),
        savings: budget === null ? null : dec(budget - spent),
        income: dec(income),
        net: dec(income - spent),
        months: monthsEndingAt(month, 12).map((m) => {
          const b = budgetOf.get(m) ?? null;
          const s = flowOf.get(`${m}|EXPENSE`) ?? 0n;
          return {
            month: m,
            budget: b === null ? null : dec(b),
            spent: dec(s),
            savings: b === null ? null : dec(b - s),
            income: dec(flowOf.get(`${m}|INCOME`) ?? 0n),
          };
        }),
        dailySpending: daily.map((d) => ({ date: String(d.date), spent: dec(big(d.spent)) })),
        accounts: accounts.map((a) => ({
          id: String(a.id),
          name: String(a.name),
          type: String(a.type),
          currency: String(a.currency),
          balance: fromMinor(balances.get(String(a.id)) ?? 0n, currencyDigits(String(a.currency))),
        })),
        byCategory: categories.map((c) => ({
          category: { id: c.id, name: c.name },
          spent: dec(c.spent),
        })),
        budgetCategories: targets.map((t) => {
          const target = big(t.target);
          const s = spentByCategory.get(String(t.categoryId)) ?? 0n;
          return {
            id: String(t.id),
            targetMonth: month,
            targetAmount: dec(target),
            spent: dec(s),
            remaining: dec(target - s),
            category: { id: String(t.categoryId), name: String(t.name) },
          };
        }),
        recentExpenses: recent.map((e) => ({
          id: String(e.id),
          description: String(e.description),
          amount: fromMinor(big(e.amount), currencyDigits(String(e.currency))),
          currency: String(e.currency),
          date: String(e.date),
          category: { id: String(e.categoryId), name: String(e.name) },
        })),
      },
    },
  };
}

/** Statements per bare dashboard: the caller and the eight above. */
export const BARE_STATEMENTS = SESSION_STATEMENTS + 8;
