import type { DataSource } from 'typeorm';
import { readFromReplica } from '../../db/data-source';
import { categoryKey } from '../categories/category.service';
import { labelSql, selectionSql, type RowLabel, type RowSelection } from './row-selection';

/** LABEL: by labels the caller gives the rows (the tax module's tax categories). */
export type ReportGrouping = 'MONTH' | 'CATEGORY' | 'PAYEE' | 'ACCOUNT' | 'LABEL';

export interface ReportQuery {
  from: string;
  to: string;
  groupBy: ReportGrouping;
  /** Only these accounts' spending; all when absent. */
  accountIds?: number[];
  /** Only these categories (names, any case); all when absent. */
  categories?: string[];
  /** Only these rows (another module's marks); all when absent. */
  only?: RowSelection;
  /** With LABEL: the labels, and the key of the rows none of them names. */
  labels?: { labels: RowLabel[]; other: string };
}

export interface ReportTotalsRow {
  key: string;
  /** The account's or category's id, for drilling down; null for months and payees. */
  id: number | null;
  totalMinor: bigint;
  count: number;
}

/** What a row is keyed by, and what is joined to name it. */
const GROUPINGS: Record<
  Exclude<ReportGrouping, 'LABEL'>,
  { key: string; id: string; join: string }
> = {
  MONTH: { key: 'SUBSTR(t.date, 1, 7)', id: 'NULL', join: '' },
  CATEGORY: { key: 'c.name', id: 'c.id', join: '' },
  // A payee as written, else the description: what the person saw on the statement.
  PAYEE: { key: "COALESCE(NULLIF(t.payee, ''), t.description)", id: 'NULL', join: '' },
  ACCOUNT: {
    key: 'a.name',
    id: 'a.id',
    join: 'INNER JOIN accounts a ON a.id = t.accountId ',
  },
};

/**
 * Spending of a period grouped by month, category, payee, account or the caller's labels, in the
 * reporting currency: one grouped query over the ledger's (ledgerId, kind, date) index, summed as
 * integers in SQL. Days, not months, bound the period, so it reads the rows rather than the
 * month totals. Selections and labels name ids, which only filter the rows the index found.
 */
export async function reportTotals(
  dataSource: DataSource,
  ledgerId: number,
  query: ReportQuery,
): Promise<ReportTotalsRow[]> {
  const labels = query.labels?.labels ?? [];
  const grouping =
    query.groupBy === 'LABEL'
      ? { key: labelSql(labels), id: 'NULL', join: '' }
      : GROUPINGS[query.groupBy];
  const where = ["t.ledgerId = ? AND t.kind = 'EXPENSE' AND t.date >= ? AND t.date <= ?"];
  const params: unknown[] = [ledgerId, query.from, query.to];
  if (query.accountIds && query.accountIds.length > 0) {
    where.push(`t.accountId IN (${query.accountIds.map(() => '?').join(', ')})`);
    params.push(...query.accountIds);
  }
  if (query.categories && query.categories.length > 0) {
    where.push(`c.nameKey IN (${query.categories.map(() => '?').join(', ')})`);
    params.push(...query.categories.map(categoryKey));
  }
  if (query.only) where.push(selectionSql(query.only));
  const sql =
    `SELECT ${grouping.key} AS groupKey, ${grouping.id} AS groupId, ` +
    'CAST(SUM(t.reportingAmountMinor) AS CHAR) AS total, COUNT(*) AS count ' +
    'FROM transactions t INNER JOIN categories c ON c.id = t.categoryId ' +
    grouping.join +
    `WHERE ${where.join(' AND ')} GROUP BY ${grouping.key}` +
    (grouping.id === 'NULL' ? '' : `, ${grouping.id}`);
  const rows: {
    groupKey: string;
    groupId: number | string | null;
    total: string;
    count: number | string;
  }[] = await readFromReplica(dataSource, (manager) => manager.query(sql, params));
  return rows
    .map((row) => ({
      key:
        query.groupBy === 'LABEL'
          ? (labels[Number(row.groupKey)]?.key ?? query.labels?.other ?? '')
          : String(row.groupKey),
      id: row.groupId === null ? null : Number(row.groupId),
      totalMinor: BigInt(row.total),
      count: Number(row.count),
    }))
    .sort((a, b) =>
      // Months in calendar order; everything else largest first, ties by name.
      query.groupBy === 'MONTH' || a.totalMinor === b.totalMinor
        ? a.key.localeCompare(b.key)
        : a.totalMinor > b.totalMinor
          ? -1
          : 1,
    );
}
