import type { EntityManager } from 'typeorm';
import { monthOf } from '../../lib/dates';
import { TransactionKind, type Transaction } from './transaction.entity';

/**
 * Per ledger, month, account, category and flow: the sum in the account's currency, the sum in
 * the reporting currency and the count, kept in step with every transaction write in the same
 * database transaction. Dashboards, budgets and balances read these rows instead of summing
 * years of transactions. A row exists exactly while some transaction falls in it.
 */
export const MONTH_TOTALS_TABLE = 'ledger_month_totals';

/** Which way money flows through an account; a transfer is one flow out and one flow in. */
export type Flow = 'EXPENSE' | 'INCOME' | 'TRANSFER_OUT' | 'TRANSFER_IN';

interface TotalsKey {
  ledgerId: number;
  month: string;
  accountId: number;
  /** 0 where the transaction has no category (transfers, uncategorised income). */
  categoryId: number;
  flow: Flow;
}

export interface TotalsDelta extends TotalsKey {
  amountMinor: number;
  reportingMinor: number;
  count: number;
}

type Booked = Pick<
  Transaction,
  | 'ledgerId'
  | 'kind'
  | 'date'
  | 'accountId'
  | 'accountAmountMinor'
  | 'toAccountId'
  | 'toAmountMinor'
  | 'categoryId'
  | 'reportingAmountMinor'
>;

/** What one transaction adds to the totals (sign 1) or takes away from them (sign -1). */
export function totalsOf(t: Booked, sign: 1 | -1): TotalsDelta[] {
  // Literals of one shape, without spreading a shared base: a 100,000-row import makes one per
  // row, and spread objects cost V8 several times as much to build.
  const month = monthOf(t.date);
  const categoryId = t.categoryId ?? 0;
  const reportingMinor = sign * t.reportingAmountMinor;
  const from: TotalsDelta = {
    ledgerId: t.ledgerId,
    month,
    accountId: t.accountId,
    categoryId,
    flow: t.kind === TransactionKind.TRANSFER ? 'TRANSFER_OUT' : t.kind,
    amountMinor: sign * t.accountAmountMinor,
    reportingMinor,
    count: sign,
  };
  if (t.kind !== TransactionKind.TRANSFER) return [from];
  return [
    from,
    {
      ledgerId: t.ledgerId,
      month,
      accountId: t.toAccountId as number,
      categoryId,
      flow: 'TRANSFER_IN',
      amountMinor: sign * (t.toAmountMinor as number),
      reportingMinor,
      count: sign,
    },
  ];
}

const keyText = (k: TotalsKey) =>
  `${k.ledgerId}|${k.month}|${String(k.accountId).padStart(12, '0')}|${String(k.categoryId).padStart(12, '0')}|${k.flow}`;

/** Adds up deltas of the same row, so that an update that stays in its row is one UPDATE. */
function merge(deltas: TotalsDelta[]): TotalsDelta[] {
  const merged = new Map<string, TotalsDelta>();
  for (const d of deltas) {
    const key = keyText(d);
    const seen = merged.get(key);
    if (seen) {
      seen.amountMinor += d.amountMinor;
      seen.reportingMinor += d.reportingMinor;
      seen.count += d.count;
    } else {
      merged.set(key, { ...d });
    }
  }
  return [...merged.values()];
}

/** Rows per upsert statement: 8 parameters each. */
const UPSERT_CHUNK = 500;

/**
 * Applies deltas inside the caller's transaction, in key order so that two transactions
 * touching the same rows lock them in the same order (MySQL). A row whose count drops to zero
 * is removed.
 */
export async function applyTotals(manager: EntityManager, deltas: TotalsDelta[]): Promise<void> {
  const isMysql = manager.connection.options.type === 'mysql';
  const rows = merge(deltas)
    .filter((d) => d.amountMinor !== 0 || d.reportingMinor !== 0 || d.count !== 0)
    .sort((a, b) => (keyText(a) < keyText(b) ? -1 : keyText(a) > keyText(b) ? 1 : 0));
  // Only additions (new transactions): multi-row upserts, as a big import touches dozens of
  // months per batch; still in key order, as InnoDB locks the rows in the order of the VALUES.
  // Changes and removals keep one statement per row, in the same single key order.
  const onlyAdded = rows.every((d) => d.count > 0);
  for (let start = 0; onlyAdded && start < rows.length; start += UPSERT_CHUNK) {
    const chunk = rows.slice(start, start + UPSERT_CHUNK);
    await manager.query(
      `INSERT INTO ${MONTH_TOTALS_TABLE} ` +
        '(ledgerId, month, accountId, categoryId, flow, amountMinor, reportingMinor, transactionCount) ' +
        `VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} ` +
        (isMysql
          ? 'ON DUPLICATE KEY UPDATE amountMinor = amountMinor + VALUES(amountMinor), ' +
            'reportingMinor = reportingMinor + VALUES(reportingMinor), ' +
            'transactionCount = transactionCount + VALUES(transactionCount)'
          : 'ON CONFLICT (ledgerId, month, accountId, categoryId, flow) DO UPDATE SET ' +
            'amountMinor = amountMinor + excluded.amountMinor, ' +
            'reportingMinor = reportingMinor + excluded.reportingMinor, ' +
            'transactionCount = transactionCount + excluded.transactionCount'),
      chunk.flatMap((d) => [
        d.ledgerId,
        d.month,
        d.accountId,
        d.categoryId,
        d.flow,
        d.amountMinor,
        d.reportingMinor,
        d.count,
      ]),
    );
  }
  for (const d of onlyAdded ? [] : rows) {
    const key = [d.ledgerId, d.month, d.accountId, d.categoryId, d.flow];
    const where =
      'WHERE ledgerId = ? AND month = ? AND accountId = ? AND categoryId = ? AND flow = ?';
    if (d.count > 0) {
      await manager.query(
        `INSERT INTO ${MONTH_TOTALS_TABLE} ` +
          '(ledgerId, month, accountId, categoryId, flow, amountMinor, reportingMinor, transactionCount) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?) ' +
          (isMysql
            ? 'ON DUPLICATE KEY UPDATE amountMinor = amountMinor + ?, ' +
              'reportingMinor = reportingMinor + ?, transactionCount = transactionCount + ?'
            : 'ON CONFLICT (ledgerId, month, accountId, categoryId, flow) DO UPDATE SET ' +
              'amountMinor = amountMinor + ?, reportingMinor = reportingMinor + ?, ' +
              'transactionCount = transactionCount + ?'),
        [
          ...key,
          d.amountMinor,
          d.reportingMinor,
          d.count,
          d.amountMinor,
          d.reportingMinor,
          d.count,
        ],
      );
      continue;
    }
    // The row exists: the transaction being changed or removed is counted in it.
    await manager.query(
      `UPDATE ${MONTH_TOTALS_TABLE} SET amountMinor = amountMinor + ?, ` +
        `reportingMinor = reportingMinor + ?, transactionCount = transactionCount + ? ${where}`,
      [d.amountMinor, d.reportingMinor, d.count, ...key],
    );
    if (d.count < 0) {
      await manager.query(
        `DELETE FROM ${MONTH_TOTALS_TABLE} ${where} AND transactionCount = 0`,
        key,
      );
    }
  }
}

/**
 * Recomputes the month totals from the transactions themselves: of one ledger, or of all. For
 * rows written around the write path (bulk loads in benchmarks and tests, re-expressed
 * history); run it in the same transaction as those writes, or with no other writer running.
 */
export async function rebuildMonthTotals(
  manager: { query(sql: string, parameters?: unknown[]): Promise<unknown> },
  ledgerId?: number,
): Promise<void> {
  const where = ledgerId === undefined ? '' : ' WHERE ledgerId = ?';
  const and = ledgerId === undefined ? '' : ' AND ledgerId = ?';
  const one = ledgerId === undefined ? [] : [ledgerId];
  await manager.query(`DELETE FROM ${MONTH_TOTALS_TABLE}${where}`, one);
  const insert =
    `INSERT INTO ${MONTH_TOTALS_TABLE} ` +
    '(ledgerId, month, accountId, categoryId, flow, amountMinor, reportingMinor, transactionCount) ';
  await manager.query(
    insert +
      'SELECT ledgerId, SUBSTR(date, 1, 7), accountId, COALESCE(categoryId, 0), ' +
      "CASE kind WHEN 'TRANSFER' THEN 'TRANSFER_OUT' ELSE kind END, SUM(accountAmountMinor), " +
      `SUM(reportingAmountMinor), COUNT(*) FROM transactions WHERE 1 = 1${and} ` +
      'GROUP BY ledgerId, SUBSTR(date, 1, 7), accountId, COALESCE(categoryId, 0), kind',
    one,
  );
  await manager.query(
    insert +
      "SELECT ledgerId, SUBSTR(date, 1, 7), toAccountId, 0, 'TRANSFER_IN', SUM(toAmountMinor), " +
      "SUM(reportingAmountMinor), COUNT(*) FROM transactions WHERE kind = 'TRANSFER'" +
      `${and} GROUP BY ledgerId, SUBSTR(date, 1, 7), toAccountId`,
    one,
  );
}
