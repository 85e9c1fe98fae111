import { MONTH_TOTALS_TABLE } from './month-totals';

/** One expense as insights weigh it: its amount in the reporting currency. */
export interface ExpenseRow {
  id: number;
  date: string;
  categoryId: number | null;
  payee: string | null;
  description: string;
  reportingMinor: number;
}

/** A category's most recent expense amounts before a day, newest first. */
export interface CategorySample {
  categoryId: number;
  amounts: number[];
  /** The oldest day in the sample (the sample's reach back in time). */
  since: string;
}

export interface AccountFlows {
  /** Each account's net flow before the window, in its own currency. */
  before: Map<number, bigint>;
  /** Each account's net flow per month of the window. */
  byMonth: { accountId: number; month: string; netMinor: bigint }[];
}

export type Reader = <T>(sql: string, parameters: unknown[]) => Promise<T>;

const positiveInteger = (value: number, name: string) => {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};

/**
 * The ledger's expenses from `from` to `to` (days, both included), newest first, at most
 * `limit` of them: a walk down the (ledgerId, kind, date, id) index that stops at the limit, so
 * its cost is bounded whatever the ledger holds.
 */
export async function recentExpenses(
  read: Reader,
  ledgerId: number,
  from: string,
  to: string,
  limit: number,
): Promise<ExpenseRow[]> {
  const rows: {
    id: number | string;
    date: string;
    categoryId: number | string | null;
    payee: string | null;
    description: string;
    amount: string | number;
  }[] = await read(
    // No CAST: SQLite hands the integer over as it is, MySQL's BIGINT comes as a string.
    'SELECT id, date, categoryId, payee, description, reportingAmountMinor AS amount ' +
      'FROM transactions ' +
      "WHERE ledgerId = ? AND kind = 'EXPENSE' AND date >= ? AND date <= ? " +
      `ORDER BY date DESC, id DESC LIMIT ${positiveInteger(limit, 'limit')}`,
    [ledgerId, from, to],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    date: r.date,
    categoryId: r.categoryId === null ? null : Number(r.categoryId),
    payee: r.payee,
    description: r.description,
    reportingMinor: Number(r.amount),
  }));
}

/**
 * For each category, its `perCategory` most recent expense amounts from `from` up to the day
 * before `before`: one statement whose parts each read at most `perCategory` entries of the
 * (ledgerId, categoryId, date, id, kind, reportingAmountMinor) index, which covers them.
 */
export async function categorySamples(
  read: Reader,
  ledgerId: number,
  categoryIds: number[],
  from: string,
  before: string,
  perCategory: number,
): Promise<CategorySample[]> {
  const ids = [...new Set(categoryIds)];
  if (ids.length === 0) return [];
  const limit = positiveInteger(perCategory, 'perCategory');
  // Derived tables: SQLite takes no ORDER BY or LIMIT on a bare member of a UNION.
  const part = (i: number) =>
    `SELECT * FROM (SELECT categoryId, date, reportingAmountMinor AS amount ` +
    "FROM transactions WHERE ledgerId = ? AND categoryId = ? AND kind = 'EXPENSE' " +
    `AND date >= ? AND date < ? ORDER BY date DESC, id DESC LIMIT ${limit}) s${i}`;
  const rows: { categoryId: number | string; date: string; amount: string | number }[] = await read(
    ids.map((_, i) => part(i)).join(' UNION ALL '),
    ids.flatMap((id) => [ledgerId, id, from, before]),
  );
  const samples = new Map<number, CategorySample>();
  for (const row of rows) {
    const categoryId = Number(row.categoryId);
    const sample = samples.get(categoryId) ?? { categoryId, amounts: [], since: row.date };
    sample.amounts.push(Number(row.amount));
    if (row.date < sample.since) sample.since = row.date;
    samples.set(categoryId, sample);
  }
  return [...samples.values()];
}

/**
 * Each account's flows in its own currency (income and transfers in positive, spending and
 * transfers out negative): summed before `from`, and per month from `from` to `to` (months),
 * from the month totals in one grouped statement.
 */
export async function accountFlowsWindow(
  read: Reader,
  ledgerId: number,
  from: string,
  to: string,
): Promise<AccountFlows> {
  const rows: { accountId: number | string; month: string; flow: string; amount: string }[] =
    await read(
      "SELECT accountId, CASE WHEN month < ? THEN '' ELSE month END AS month, flow, " +
        `CAST(SUM(amountMinor) AS CHAR) AS amount FROM ${MONTH_TOTALS_TABLE} ` +
        "WHERE ledgerId = ? AND month <= ? GROUP BY accountId, CASE WHEN month < ? THEN '' ELSE month END, flow",
      [from, ledgerId, to, from],
    );
  const before = new Map<number, bigint>();
  const byMonth: AccountFlows['byMonth'] = [];
  for (const row of rows) {
    const accountId = Number(row.accountId);
    const signed =
      (row.flow === 'INCOME' || row.flow === 'TRANSFER_IN' ? 1n : -1n) * BigInt(row.amount);
    if (row.month === '') before.set(accountId, (before.get(accountId) ?? 0n) + signed);
    else byMonth.push({ accountId, month: row.month, netMinor: signed });
  }
  return { before, byMonth };
}
