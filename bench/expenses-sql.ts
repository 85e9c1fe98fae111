import { currencyDigits } from '../server/src/lib/currencies';
import { fromMinor } from '../server/src/lib/money';
import { encodeCursor } from '../server/src/modules/ledger/pagination';
import type { SqlClient } from './db';
import { SESSION_STATEMENTS, type BareCaller } from './session-sql';

/**
 * The expenses page written by hand: its first page (newest first, the API's default size) and
 * the count read from the month totals, as the ledger's list does, and the same JSON built from
 * the rows. The benchmark checks that this JSON equals the GraphQL answer.
 */
export const EXPENSES_QUERY = `query Expenses {
  expenses {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id description amount currency date category { id name } }
  }
}`;

/** The API's default page size. */
const PAGE_SIZE = 50;

export async function expensesJson(db: SqlClient, caller: BareCaller): Promise<unknown> {
  const [count, rows] = await Promise.all([
    db.query(
      'SELECT COALESCE(SUM(transactionCount), 0) AS count FROM ledger_month_totals ' +
        "WHERE ledgerId = ? AND flow = 'EXPENSE'",
      [caller.ledgerId],
    ),
    db.query(
      'SELECT t.id AS id, t.description AS description, CAST(t.amountMinor AS CHAR) AS amount, ' +
        't.currency AS currency, t.date AS date, t.categoryId AS categoryId, c.name AS name ' +
        'FROM transactions t LEFT JOIN categories c ON c.id = t.categoryId ' +
        "WHERE t.ledgerId = ? AND t.kind = 'EXPENSE' ORDER BY t.date DESC, t.id DESC LIMIT ?",
      [caller.ledgerId, PAGE_SIZE + 1],
    ),
  ]);
  const page = rows.slice(0, PAGE_SIZE);
  const last = page[page.length - 1];
  return {
    data: {
      expenses: {
        totalCount: Number(count[0]?.count ?? 0),
        pageInfo: {
          hasNextPage: rows.length > PAGE_SIZE,
          endCursor: last ? encodeCursor({ date: String(last.date), id: Number(last.id) }) : null,
        },
        nodes: page.map((e) => ({
          id: String(e.id),
          description: String(e.description),
          amount: fromMinor(BigInt(String(e.amount)), currencyDigits(String(e.currency))),
          currency: String(e.currency),
          date: String(e.date),
          category: { id: String(e.categoryId), name: String(e.name) },
        })),
      },
    },
  };
}

/** Statements per bare expenses page: the caller, the count and the page. */
export const EXPENSES_STATEMENTS = SESSION_STATEMENTS + 2;
