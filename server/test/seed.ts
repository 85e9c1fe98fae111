import type { DataSource } from 'typeorm';

/**
 * Bulk rows written around the ledger's write path (a million rows through the API would take
 * hours): the columns of an EXPENSE transaction in its account's and the reporting currency.
 * Callers rebuild the month totals afterwards (rebuildMonthTotals).
 */
export const EXPENSE_COLUMNS =
  'ledgerId, kind, date, description, accountId, currency, amountMinor, accountAmountMinor, ' +
  'categoryId, reportingAmountMinor, rate, rateDate, rateSource, createdAt, updatedAt';

export interface SeedLedger {
  ledgerId: number;
  accountId: number;
  currency: string;
}

/** The personal ledger of a user and its oldest account. */
export async function personalLedger(dataSource: DataSource, userId: number): Promise<SeedLedger> {
  const rows: { ledgerId: number | string; accountId: number | string; currency: string }[] =
    await dataSource.query(
      'SELECT l.id AS ledgerId, a.id AS accountId, a.currency AS currency FROM ledgers l ' +
        'INNER JOIN accounts a ON a.ledgerId = l.id WHERE l.personalUserId = ? ORDER BY a.id LIMIT 1',
      [userId],
    );
  if (rows.length === 0) throw new Error(`User ${userId} has no personal ledger`);
  return {
    ledgerId: Number(rows[0].ledgerId),
    accountId: Number(rows[0].accountId),
    currency: rows[0].currency,
  };
}

/** One row's values in EXPENSE_COLUMNS order. */
export function expenseValues(
  ledger: SeedLedger,
  description: string,
  amountMinor: number,
  categoryId: number,
  date: string,
  stamp: string,
): unknown[] {
  return [
    ledger.ledgerId,
    'EXPENSE',
    date,
    description,
    ledger.accountId,
    ledger.currency,
    amountMinor,
    amountMinor,
    categoryId,
    amountMinor,
    '1',
    date,
    'SAME',
    stamp,
    stamp,
  ];
}

export const EXPENSE_PLACEHOLDERS = `(${EXPENSE_COLUMNS.split(', ')
  .map(() => '?')
  .join(', ')})`;
