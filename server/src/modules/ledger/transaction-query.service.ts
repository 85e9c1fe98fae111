import type { DataSource } from 'typeorm';
import { readFromReplica } from '../../db/data-source';
import { badInput, notFound } from '../../errors';
import { monthRange } from '../../lib/dates';
import { parseId } from '../../lib/ids';
import { requireDay, requireMonth, requireText } from '../../lib/validate';
import { Category } from '../categories/category.entity';
import { findCategoryIdByName, requireCategoryName } from '../categories/category.service';
import { Account } from './account.entity';
import { MONTH_TOTALS_TABLE, type Flow } from './month-totals';
import { selectionSql, type RowSelection } from './row-selection';
import { decodeCursor, encodeCursor, likePattern, requirePageSize, type Page } from './pagination';
import { DESCRIPTION_MAX } from './transaction.service';
import { Transaction, TransactionKind } from './transaction.entity';

export interface TransactionFilterFields {
  accountId?: unknown;
  kind?: unknown;
  month?: unknown;
  from?: unknown;
  to?: unknown;
  category?: unknown;
  search?: unknown;
  /** Rows another module picks by its marks (tax): resolved by that module, not read here. */
  selection?: RowSelection;
}

interface Row {
  id: number | string;
  kind: TransactionKind;
  date: string;
  description: string;
  payee: string | null;
  accountId: number | string;
  currency: string;
  amountMinor: string;
  accountAmountMinor: string;
  toAccountId: number | string | null;
  toAmountMinor: string | null;
  categoryId: number | string | null;
  categoryName: string | null;
  reportingAmountMinor: string;
  rate: string;
  rateDate: string;
  rateSource: string;
}

const COLUMNS =
  't.id AS id, t.kind AS kind, t.date AS date, t.description AS description, t.payee AS payee, ' +
  't.accountId AS accountId, t.currency AS currency, CAST(t.amountMinor AS CHAR) AS amountMinor, ' +
  'CAST(t.accountAmountMinor AS CHAR) AS accountAmountMinor, t.toAccountId AS toAccountId, ' +
  'CAST(t.toAmountMinor AS CHAR) AS toAmountMinor, t.categoryId AS categoryId, ' +
  'c.name AS categoryName, CAST(t.reportingAmountMinor AS CHAR) AS reportingAmountMinor, ' +
  't.rate AS rate, t.rateDate AS rateDate, t.rateSource AS rateSource';

/** A SQL condition and its parameters, built up filter by filter. */
interface Where {
  sql: string[];
  params: unknown[];
}

/**
 * Reads of transactions: one, a filtered page, the most recent. Plain SQL and plain rows (entity
 * hydration costs more than these queries); accounts come from one query per read.
 */
export class TransactionQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async get(ledgerId: number, id: string, kind?: TransactionKind): Promise<Transaction> {
    const numericId = parseId(id);
    const rows: Row[] =
      numericId === null
        ? []
        : await this.dataSource.query(
            `SELECT ${COLUMNS} FROM transactions t LEFT JOIN categories c ON c.id = t.categoryId ` +
              `WHERE t.ledgerId = ? AND t.id = ?${kind ? ' AND t.kind = ?' : ''}`,
            kind ? [ledgerId, numericId, kind] : [ledgerId, numericId],
          );
    if (rows.length === 0) {
      throw notFound(kind === TransactionKind.EXPENSE ? 'Expense' : 'Transaction');
    }
    const [transaction] = await this.hydrate(this.dataSource, ledgerId, rows);
    return transaction;
  }

  /** Transactions of the ledger by id, in no particular order; ids not found are left out. */
  async getMany(ledgerId: number, ids: number[]): Promise<Transaction[]> {
    if (ids.length === 0) return [];
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM transactions t LEFT JOIN categories c ON c.id = t.categoryId ` +
        `WHERE t.ledgerId = ? AND t.id IN (${ids.map(() => '?').join(', ')})`,
      [ledgerId, ...ids],
    );
    return this.hydrate(this.dataSource, ledgerId, rows);
  }

  /**
   * The ledger's payees since `since`, most used first: the names a receipt's merchant is
   * matched against. Bounded by date, so that a long history costs no more than a year's.
   */
  async payees(ledgerId: number, since: string, limit = 300): Promise<string[]> {
    const rows: { payee: string }[] = await this.dataSource.query(
      'SELECT t.payee AS payee FROM transactions t WHERE t.ledgerId = ? AND t.date >= ? ' +
        'AND t.payee IS NOT NULL GROUP BY t.payee ORDER BY COUNT(*) DESC, t.payee LIMIT ?',
      [ledgerId, since, limit],
    );
    return rows.map((r) => r.payee);
  }

  /**
   * Transactions that could be an expected payment of a recurring rule: one account, kind and
   * currency, a day range and an amount range in minor units; for matching, oldest first.
   */
  async matchCandidates(
    ledgerId: number,
    q: {
      accountId: number;
      kind: TransactionKind;
      currency: string;
      from: string;
      to: string;
      minMinor: number;
      maxMinor: number;
    },
    manager = this.dataSource.manager,
  ): Promise<{ id: number; date: string; amountMinor: number }[]> {
    const rows: { id: number | string; date: string; amountMinor: number | string }[] =
      await manager.query(
        'SELECT t.id AS id, t.date AS date, t.amountMinor AS amountMinor FROM transactions t ' +
          'WHERE t.ledgerId = ? AND t.accountId = ? AND t.kind = ? AND t.currency = ? ' +
          'AND t.date >= ? AND t.date <= ? AND t.amountMinor >= ? AND t.amountMinor <= ? ' +
          'ORDER BY t.date, t.id LIMIT 50',
        [ledgerId, q.accountId, q.kind, q.currency, q.from, q.to, q.minMinor, q.maxMinor],
      );
    return rows.map((r) => ({
      id: Number(r.id),
      date: r.date,
      amountMinor: Number(r.amountMinor),
    }));
  }

  /**
   * The expenses of a period (inclusive days) that are in one of the categories or are among
   * the ids, oldest first: the tax module's deductible transactions, whose marks name both.
   */
  async expensesInCategoriesOrIds(
    ledgerId: number,
    q: { from: string; to: string; categoryIds: number[]; ids: number[] },
  ): Promise<Transaction[]> {
    const either: string[] = [];
    const params: unknown[] = [ledgerId, TransactionKind.EXPENSE, q.from, q.to];
    for (const [column, values] of [
      ['t.categoryId', q.categoryIds],
      ['t.id', q.ids],
    ] as const) {
      if (values.length === 0) continue;
      either.push(`${column} IN (${values.map(() => '?').join(',')})`);
      params.push(...values);
    }
    if (either.length === 0) return [];
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM transactions t LEFT JOIN categories c ON c.id = t.categoryId ` +
        'WHERE t.ledgerId = ? AND t.kind = ? AND t.date >= ? AND t.date <= ? ' +
        `AND (${either.join(' OR ')}) ORDER BY t.date, t.id`,
      params,
    );
    return this.hydrate(this.dataSource, ledgerId, rows);
  }

  /**
   * Every movement of one account between two days, signed in the account's currency (money out
   * negative): what an import compares its rows with to spot ones already entered by hand.
   */
  async accountMovements(
    ledgerId: number,
    accountId: number,
    from: string,
    to: string,
  ): Promise<{ id: number; date: string; minor: bigint }[]> {
    const rows: { id: number | string; date: string; minor: string }[] =
      await this.dataSource.query(
        "SELECT id, date, CAST(CASE WHEN kind = 'INCOME' THEN accountAmountMinor " +
          'ELSE -accountAmountMinor END AS CHAR) AS minor FROM transactions ' +
          'WHERE ledgerId = ? AND accountId = ? AND date BETWEEN ? AND ? ' +
          'UNION ALL SELECT id, date, CAST(toAmountMinor AS CHAR) AS minor FROM transactions ' +
          "WHERE ledgerId = ? AND toAccountId = ? AND kind = 'TRANSFER' AND date BETWEEN ? AND ?",
        [ledgerId, accountId, from, to, ledgerId, accountId, from, to],
      );
    return rows.map((r) => ({
      id: Number(r.id),
      date: String(r.date).slice(0, 10),
      minor: BigInt(r.minor),
    }));
  }

  /**
   * Day, account and amount in the account's currency of the given transactions of the ledger,
   * as they are now: for records of other modules that point at transactions (dividends).
   */
  async movements(
    ledgerId: number,
    ids: number[],
  ): Promise<{ id: number; date: string; accountId: number; accountAmountMinor: number }[]> {
    const found: { id: number; date: string; accountId: number; accountAmountMinor: number }[] = [];
    for (let start = 0; start < ids.length; start += 500) {
      const chunk = ids.slice(start, start + 500);
      const rows: {
        id: number | string;
        date: string;
        accountId: number | string;
        accountAmountMinor: number | string;
      }[] = await this.dataSource.query(
        'SELECT id, date, accountId, accountAmountMinor FROM transactions ' +
          `WHERE ledgerId = ? AND id IN (${chunk.map(() => '?').join(', ')})`,
        [ledgerId, ...chunk],
      );
      for (const r of rows) {
        found.push({
          id: Number(r.id),
          date: String(r.date).slice(0, 10),
          accountId: Number(r.accountId),
          accountAmountMinor: Number(r.accountAmountMinor),
        });
      }
    }
    return found;
  }

  /** The newest-first list, filtered, one page at a time. */
  async list(
    ledgerId: number,
    filter: TransactionFilterFields = {},
    first: unknown = 50,
    after?: unknown,
  ): Promise<Page<Transaction>> {
    const size = requirePageSize(first);
    const cursor = decodeCursor(after);
    // A list tolerates a little lag: a read replica serves it when DB_READ_HOSTS is set.
    return readFromReplica(this.dataSource, async (manager) => {
      const filtered = await this.where(manager, ledgerId, filter);
      if (!filtered) return { nodes: [], totalCount: 0, hasNextPage: false, endCursor: null };
      const { where, totals } = filtered;
      const page = { sql: [...where.sql], params: [...where.params] };
      if (cursor) {
        page.sql.push('(t.date < ? OR (t.date = ? AND t.id < ?))');
        page.params.push(cursor.date, cursor.date, cursor.id);
      }
      const [totalCount, rows] = await Promise.all([
        totals
          ? this.countFromTotals(manager, totals)
          : manager
              .query(
                `SELECT COUNT(*) AS count FROM transactions t WHERE ${where.sql.join(' AND ')}`,
                where.params,
              )
              .then((r: { count: number | string }[]) => Number(r[0]?.count ?? 0)),
        manager.query(
          `SELECT ${COLUMNS} FROM transactions t LEFT JOIN categories c ON c.id = t.categoryId ` +
            `WHERE ${page.sql.join(' AND ')} ORDER BY t.date DESC, t.id DESC LIMIT ?`,
          [...page.params, size + 1],
        ) as Promise<Row[]>,
      ]);
      const nodes = await this.hydrate(manager, ledgerId, rows.slice(0, size));
      return {
        nodes,
        totalCount,
        hasNextPage: rows.length > size,
        endCursor: nodes.length > 0 ? encodeCursor(nodes[nodes.length - 1]) : null,
      };
    });
  }

  /** The most recent transactions of a kind, of one month or of all time; nothing is counted. */
  async recent(
    ledgerId: number,
    kind: TransactionKind,
    limit: unknown,
    month?: string,
  ): Promise<Transaction[]> {
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw badInput('limit', 'limit must be a whole number from 1 to 100');
    }
    const range = month ? monthRange(month) : null;
    return readFromReplica(this.dataSource, async (manager) => {
      const rows: Row[] = await manager.query(
        `SELECT ${COLUMNS} FROM transactions t LEFT JOIN categories c ON c.id = t.categoryId ` +
          `WHERE t.ledgerId = ? AND t.kind = ?${range ? ' AND t.date >= ? AND t.date <= ?' : ''} ` +
          'ORDER BY t.date DESC, t.id DESC LIMIT ?',
        range ? [ledgerId, kind, range.start, range.last, limit] : [ledgerId, kind, limit],
      );
      return this.hydrate(manager, ledgerId, rows);
    });
  }

  /** The ledger's transactions of these ids, in that order (unknown ids left out). */
  async byIds(ledgerId: number, ids: number[]): Promise<Transaction[]> {
    if (ids.length === 0) return [];
    return readFromReplica(this.dataSource, async (manager) => {
      const rows: Row[] = await manager.query(
        `SELECT ${COLUMNS} FROM transactions t LEFT JOIN categories c ON c.id = t.categoryId ` +
          `WHERE t.id IN (${ids.map(() => '?').join(', ')}) AND t.ledgerId = ?`,
        [...ids, ledgerId],
      );
      const found = new Map((await this.hydrate(manager, ledgerId, rows)).map((t) => [t.id, t]));
      return ids.flatMap((id) => found.get(id) ?? []);
    });
  }

  /** Rows to transactions with their accounts (one query for the ledger's accounts). */
  private async hydrate(
    manager: { query(sql: string, params?: unknown[]): Promise<unknown> },
    ledgerId: number,
    rows: Row[],
  ): Promise<Transaction[]> {
    if (rows.length === 0) return [];
    const accountRows = (await manager.query(
      'SELECT id, name, nameKey, type, currency, CAST(openingBalanceMinor AS CHAR) AS opening, archived ' +
        'FROM accounts WHERE ledgerId = ?',
      [ledgerId],
    )) as {
      id: number | string;
      name: string;
      nameKey: string;
      type: string;
      currency: string;
      opening: string;
      archived: number | boolean;
    }[];
    const accounts = new Map(
      accountRows.map((a) => [
        Number(a.id),
        Object.assign(new Account(), {
          id: Number(a.id),
          ledgerId,
          name: a.name,
          nameKey: a.nameKey,
          type: a.type,
          currency: a.currency,
          openingBalanceMinor: Number(a.opening),
          archived: Boolean(Number(a.archived)),
        }),
      ]),
    );
    return rows.map((row) => {
      const categoryId = row.categoryId === null ? null : Number(row.categoryId);
      const toAccountId = row.toAccountId === null ? null : Number(row.toAccountId);
      return Object.assign(new Transaction(), {
        id: Number(row.id),
        ledgerId,
        kind: row.kind,
        date: row.date,
        description: row.description,
        payee: row.payee,
        accountId: Number(row.accountId),
        account: accounts.get(Number(row.accountId)),
        currency: row.currency,
        amountMinor: Number(row.amountMinor),
        accountAmountMinor: Number(row.accountAmountMinor),
        toAccountId,
        toAccount: toAccountId === null ? null : accounts.get(toAccountId),
        toAmountMinor: row.toAmountMinor === null ? null : Number(row.toAmountMinor),
        categoryId,
        category:
          categoryId === null
            ? null
            : Object.assign(new Category(), { id: categoryId, name: row.categoryName }),
        reportingAmountMinor: Number(row.reportingAmountMinor),
        rate: row.rate,
        rateDate: row.rateDate,
        rateSource: row.rateSource,
      });
    });
  }

  /** Counts from the month totals: bounded however long the history. */
  private async countFromTotals(
    manager: { query(sql: string, params?: unknown[]): Promise<unknown> },
    totals: Where,
  ): Promise<number> {
    const rows = (await manager.query(
      `SELECT COALESCE(SUM(transactionCount), 0) AS count FROM ${MONTH_TOTALS_TABLE} WHERE ${totals.sql.join(' AND ')}`,
      totals.params,
    )) as { count: number | string }[];
    return Number(rows[0]?.count ?? 0);
  }

  /**
   * The filter as SQL over transactions, and over the month totals when it selects whole rows
   * of them (no day range, no search) so that the count is read there. Null when the filter
   * names a category the ledger does not have: nothing can match.
   */
  private async where(
    manager: { query(sql: string, params?: unknown[]): Promise<unknown> },
    ledgerId: number,
    filter: TransactionFilterFields,
  ): Promise<{ where: Where; totals: Where | null } | null> {
    const where: Where = { sql: ['t.ledgerId = ?'], params: [ledgerId] };
    const totals: Where = { sql: ['ledgerId = ?'], params: [ledgerId] };
    let wholeRows = true;
    const accountId =
      filter.accountId == null || filter.accountId === ''
        ? null
        : parseId(String(filter.accountId));
    if (filter.accountId != null && filter.accountId !== '' && accountId === null) return null;
    if (accountId !== null) {
      where.sql.push('(t.accountId = ? OR t.toAccountId = ?)');
      where.params.push(accountId, accountId);
      totals.sql.push('accountId = ?');
      totals.params.push(accountId);
    }
    let flows: Flow[] =
      accountId !== null
        ? ['EXPENSE', 'INCOME', 'TRANSFER_OUT', 'TRANSFER_IN']
        : ['EXPENSE', 'INCOME', 'TRANSFER_OUT'];
    if (filter.kind != null) {
      if (!(Object.values(TransactionKind) as unknown[]).includes(filter.kind)) {
        throw badInput('kind', 'Kind must be EXPENSE, INCOME or TRANSFER');
      }
      where.sql.push('t.kind = ?');
      where.params.push(filter.kind);
      flows = flows.filter((flow) =>
        filter.kind === TransactionKind.TRANSFER
          ? flow.startsWith('TRANSFER')
          : flow === filter.kind,
      );
    }
    totals.sql.push(`flow IN (${flows.map(() => '?').join(', ')})`);
    totals.params.push(...flows);
    if (filter.month != null) {
      const month = requireMonth(filter.month, 'month');
      const { start, last } = monthRange(month);
      where.sql.push('t.date >= ? AND t.date <= ?');
      where.params.push(start, last);
      totals.sql.push('month = ?');
      totals.params.push(month);
    }
    if (filter.from != null) {
      where.sql.push('t.date >= ?');
      where.params.push(requireDay(filter.from, 'from'));
      wholeRows = false;
    }
    if (filter.to != null) {
      where.sql.push('t.date <= ?');
      where.params.push(requireDay(filter.to, 'to'));
      wholeRows = false;
    }
    if (filter.category != null && filter.category !== '') {
      // An old name (before a rename or a merge) still finds the category.
      const categoryId = await findCategoryIdByName(
        manager,
        ledgerId,
        requireCategoryName(filter.category),
      );
      if (categoryId === null) return null;
      where.sql.push('t.categoryId = ?');
      where.params.push(categoryId);
      totals.sql.push('categoryId = ?');
      totals.params.push(categoryId);
    }
    if (filter.search != null && filter.search !== '') {
      const search = requireText(filter.search, 'search', 'Search', DESCRIPTION_MAX);
      // The payee too: a report's payee row drills down to its transactions by this search.
      where.sql.push(
        "(LOWER(t.description) LIKE ? ESCAPE '!' OR LOWER(COALESCE(t.payee, '')) LIKE ? ESCAPE '!')",
      );
      where.params.push(likePattern(search), likePattern(search));
      wholeRows = false;
    }
    if (filter.selection) {
      where.sql.push(selectionSql(filter.selection));
      wholeRows = false;
    }
    return { where, totals: wholeRows ? totals : null };
  }
}
