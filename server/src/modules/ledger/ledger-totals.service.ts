import type { DataSource, EntityManager } from 'typeorm';
import { readFromReplica } from '../../db/data-source';
import { addMonths, monthRange, monthsEndingAt } from '../../lib/dates';
import { payeeKey } from '../../lib/payee';
import { Category } from '../categories/category.entity';
import { categoryKey, findCategoryIdByName } from '../categories/category.service';
import { UNCATEGORIZED } from './categorizer';
import { reportTotals, type ReportQuery, type ReportTotalsRow } from './ledger-report';
import {
  accountFlowsWindow,
  categorySamples,
  recentExpenses,
  type AccountFlows,
  type CategorySample,
  type ExpenseRow,
} from './expense-samples';
import { MONTH_TOTALS_TABLE } from './month-totals';
import type { TransactionKind } from './transaction.entity';

export type { AccountFlows, CategorySample, ExpenseRow };

export interface CategorySpendingRow {
  category: Category;
  spentMinor: bigint;
}

export interface MonthFlowRow {
  month: string;
  spentMinor: bigint;
  incomeMinor: bigint;
}

/** How often a payee's transactions went to a category: the categorizer's history. */
export interface PayeeCategoryRow {
  kind: TransactionKind;
  payee: string | null;
  description: string;
  category: string;
  count: number;
}

/** An expense in "Uncategorized" or an income without a category: what category rules may fill. */
export interface UncategorizedTransaction {
  id: number;
  kind: TransactionKind;
  description: string;
  payee: string | null;
  amountMinor: number;
  currency: string;
  accountId: number;
}

/** One payee's transactions of one kind and currency, oldest first: for recurring detection. */
export interface PayeeSeries {
  key: string;
  /** The payee (or description) as last written. */
  payee: string;
  kind: TransactionKind;
  currency: string;
  accountId: number;
  occurrences: { date: string; amountMinor: number }[];
}

export interface CategoryMonthRow {
  categoryId: number;
  name: string;
  month: string;
  spentMinor: bigint;
}

export interface DaySpendingRow {
  date: string;
  spentMinor: bigint;
}

/**
 * The ledger's named reads for other modules (dashboard, budgets, categories, reports): sums in
 * the reporting currency, read from the month totals or, for days, from the indexed rows of one
 * month. No other module reads the ledger's tables.
 */
export class LedgerTotalsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Reads tolerate a little lag: a read replica serves them when DB_READ_HOSTS is set. */
  private read<T>(sql: string, parameters: unknown[]): Promise<T> {
    return readFromReplica(this.dataSource, (manager) => manager.query(sql, parameters));
  }

  /** The month's spending per category, largest first (ties by name, for a stable order). */
  async spendingByCategory(ledgerId: number, month: string): Promise<CategorySpendingRow[]> {
    const rows: { id: number | string; name: string; spent: string }[] = await this.read(
      'SELECT c.id AS id, c.name AS name, CAST(SUM(t.reportingMinor) AS CHAR) AS spent ' +
        `FROM ${MONTH_TOTALS_TABLE} t INNER JOIN categories c ON c.id = t.categoryId ` +
        "WHERE t.ledgerId = ? AND t.month = ? AND t.flow = 'EXPENSE' GROUP BY c.id, c.name",
      [ledgerId, month],
    );
    return rows
      .map((row) => ({
        category: Object.assign(new Category(), { id: Number(row.id), name: row.name }),
        spentMinor: BigInt(row.spent),
      }))
      .sort((a, b) =>
        a.spentMinor === b.spentMinor
          ? a.category.name.localeCompare(b.category.name)
          : a.spentMinor > b.spentMinor
            ? -1
            : 1,
      );
  }

  /** Spending and income of each of the `count` months ending at `month`, oldest first. */
  async monthFlows(ledgerId: number, month: string, count = 12): Promise<MonthFlowRow[]> {
    const rows: { month: string; flow: string; total: string }[] = await this.read(
      'SELECT month, flow, CAST(SUM(reportingMinor) AS CHAR) AS total ' +
        `FROM ${MONTH_TOTALS_TABLE} WHERE ledgerId = ? AND month >= ? AND month <= ? ` +
        "AND flow IN ('EXPENSE', 'INCOME') GROUP BY month, flow",
      [ledgerId, addMonths(month, 1 - count), month],
    );
    const totals = new Map(rows.map((r) => [`${r.month}|${r.flow}`, BigInt(r.total)]));
    return monthsEndingAt(month, count).map((m) => ({
      month: m,
      spentMinor: totals.get(`${m}|EXPENSE`) ?? 0n,
      incomeMinor: totals.get(`${m}|INCOME`) ?? 0n,
    }));
  }

  /**
   * Spending per category and month, keyed `${categoryId}|${month}`: for budget targets. With
   * `manager`, read in that transaction (a write's listener sees the write itself).
   */
  async spentByCategoryAndMonth(
    ledgerId: number,
    categoryIds: number[],
    months: string[],
    manager?: EntityManager,
  ): Promise<Map<string, bigint>> {
    if (categoryIds.length === 0 || months.length === 0) return new Map();
    const sql =
      'SELECT categoryId, month, CAST(SUM(reportingMinor) AS CHAR) AS spent ' +
      `FROM ${MONTH_TOTALS_TABLE} WHERE ledgerId = ? AND month IN (${months.map(() => '?').join(', ')}) ` +
      `AND categoryId IN (${categoryIds.map(() => '?').join(', ')}) AND flow = 'EXPENSE' ` +
      'GROUP BY categoryId, month';
    const params = [ledgerId, ...months, ...categoryIds];
    const rows: { categoryId: number | string; month: string; spent: string }[] = manager
      ? await manager.query(sql, params)
      : await this.read(sql, params);
    return new Map(rows.map((r) => [`${r.categoryId}|${r.month}`, BigInt(r.spent)]));
  }

  /**
   * Spending from one day to another (both included) in the reporting currency, optionally of one
   * category or of payees whose name contains `payee`: the assistant's questions, over the
   * indexed rows (its periods need not be whole months).
   */
  async spentBetween(
    ledgerId: number,
    from: string,
    to: string,
    filter: { categoryId?: number; payee?: string } = {},
  ): Promise<bigint> {
    const conditions = ['ledgerId = ?', "kind = 'EXPENSE'", 'date >= ?', 'date <= ?'];
    const parameters: unknown[] = [ledgerId, from, to];
    if (filter.categoryId !== undefined) {
      conditions.push('categoryId = ?');
      parameters.push(filter.categoryId);
    }
    if (filter.payee) {
      conditions.push('(LOWER(payee) LIKE ? OR LOWER(description) LIKE ?)');
      const pattern = `%${filter.payee.toLowerCase().replace(/[%_\\]/g, '')}%`;
      parameters.push(pattern, pattern);
    }
    const rows: { spent: string | null }[] = await this.read(
      `SELECT CAST(COALESCE(SUM(reportingAmountMinor), 0) AS CHAR) AS spent FROM transactions WHERE ${conditions.join(' AND ')}`,
      parameters,
    );
    return BigInt(rows[0]?.spent ?? '0');
  }

  /** Spending per category and month from `from` to `to` (months), from the month totals. */
  async categorySpendingByMonth(
    ledgerId: number,
    from: string,
    to: string,
  ): Promise<CategoryMonthRow[]> {
    const rows: { id: number | string; name: string; month: string; spent: string }[] =
      await this.read(
        'SELECT c.id AS id, c.name AS name, t.month AS month, ' +
          'CAST(SUM(t.reportingMinor) AS CHAR) AS spent ' +
          `FROM ${MONTH_TOTALS_TABLE} t INNER JOIN categories c ON c.id = t.categoryId ` +
          "WHERE t.ledgerId = ? AND t.month >= ? AND t.month <= ? AND t.flow = 'EXPENSE' " +
          'GROUP BY c.id, c.name, t.month',
        [ledgerId, from, to],
      );
    return rows.map((r) => ({
      categoryId: Number(r.id),
      name: r.name,
      month: r.month,
      spentMinor: BigInt(r.spent),
    }));
  }

  /**
   * The expenses from `from` to `to` (days), newest first, at most `limit`: insights' candidates
   * and payee history, a bounded walk down the (ledgerId, kind, date, id) index.
   */
  recentExpenses(ledgerId: number, from: string, to: string, limit: number): Promise<ExpenseRow[]> {
    return recentExpenses((sql, p) => this.read(sql, p), ledgerId, from, to, limit);
  }

  /**
   * Each category's `perCategory` most recent expense amounts from `from` to before `before`:
   * the history insights measure outliers against, on a covering index, in one statement.
   */
  categorySamples(
    ledgerId: number,
    categoryIds: number[],
    from: string,
    before: string,
    perCategory: number,
  ): Promise<CategorySample[]> {
    return categorySamples(
      (sql, p) => this.read(sql, p),
      ledgerId,
      categoryIds,
      from,
      before,
      perCategory,
    );
  }

  /** Spending per day of the month, for the pace chart; days without spending are left out. */
  async dailySpending(ledgerId: number, month: string): Promise<DaySpendingRow[]> {
    const { start, last } = monthRange(month);
    const rows: { date: string; spent: string }[] = await this.read(
      'SELECT date, CAST(SUM(reportingAmountMinor) AS CHAR) AS spent FROM transactions ' +
        "WHERE ledgerId = ? AND kind = 'EXPENSE' AND date >= ? AND date <= ? GROUP BY date ORDER BY date",
      [ledgerId, start, last],
    );
    return rows.map((r) => ({ date: r.date, spentMinor: BigInt(r.spent) }));
  }

  /**
   * Each account's flows per month in its own currency (income and transfers in positive,
   * spending and transfers out negative), for balances over time.
   */
  async accountFlowsByMonth(
    ledgerId: number,
  ): Promise<{ accountId: number; month: string; netMinor: bigint }[]> {
    const rows: { accountId: number | string; month: string; flow: string; amount: string }[] =
      await this.read(
        'SELECT accountId, month, flow, CAST(SUM(amountMinor) AS CHAR) AS amount ' +
          `FROM ${MONTH_TOTALS_TABLE} WHERE ledgerId = ? GROUP BY accountId, month, flow`,
        [ledgerId],
      );
    return rows.map((r) => ({
      accountId: Number(r.accountId),
      month: r.month,
      netMinor: (r.flow === 'INCOME' || r.flow === 'TRANSFER_IN' ? 1n : -1n) * BigInt(r.amount),
    }));
  }

  /**
   * Each account's flows summed before `from` and per month from `from` to `to`: balances over
   * a window without carrying every month of the history to the caller.
   */
  accountFlowsWindow(ledgerId: number, from: string, to: string): Promise<AccountFlows> {
    return accountFlowsWindow((sql, p) => this.read(sql, p), ledgerId, from, to);
  }

  /**
   * Per category with transactions (expenses and income): how many, and the latest month with
   * one. Categories without any are left out.
   */
  async categoryUsage(
    ledgerId: number,
  ): Promise<{ categoryId: number; transactionCount: number; lastMonth: string }[]> {
    const rows: { categoryId: number | string; count: number | string; lastMonth: string }[] =
      await this.read(
        'SELECT categoryId, SUM(transactionCount) AS count, MAX(month) AS lastMonth ' +
          `FROM ${MONTH_TOTALS_TABLE} WHERE ledgerId = ? AND categoryId <> 0 ` +
          "AND flow IN ('EXPENSE', 'INCOME') GROUP BY categoryId",
        [ledgerId],
      );
    return rows.map((r) => ({
      categoryId: Number(r.categoryId),
      transactionCount: Number(r.count),
      lastMonth: r.lastMonth,
    }));
  }

  /** Whether any transaction is filed under the category. */
  async categoryInUse(categoryId: number, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'SELECT 1 AS found FROM transactions WHERE categoryId = ? LIMIT 1',
      [categoryId],
    );
    return rows.length > 0;
  }

  /**
   * Per payee and description as written, kind and category: how many expenses and income since
   * `since` went there ("Uncategorized" left out: it is no one's choice). One grouped query on
   * the ledger's date index; the caller normalises the payees. Inside the caller's transaction.
   */
  async payeeCategories(
    ledgerId: number,
    since: string,
    manager: EntityManager,
  ): Promise<PayeeCategoryRow[]> {
    const rows: {
      kind: TransactionKind;
      payee: string | null;
      description: string;
      category: string;
      count: number | string;
    }[] = await manager.query(
      'SELECT t.kind AS kind, t.payee AS payee, t.description AS description, c.name AS category, ' +
        'COUNT(*) AS count FROM transactions t INNER JOIN categories c ON c.id = t.categoryId ' +
        "WHERE t.ledgerId = ? AND t.date >= ? AND t.kind IN ('EXPENSE', 'INCOME') AND c.nameKey <> ? " +
        'GROUP BY t.kind, t.payee, t.description, c.name',
      [ledgerId, since, categoryKey(UNCATEGORIZED)],
    );
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }

  /**
   * The transactions no one has categorised: expenses in "Uncategorized", income without a
   * category. Locked until the caller's transaction ends (MySQL) when `lock` is set, so that
   * moving them cannot undo an edit made meanwhile.
   */
  async uncategorized(
    ledgerId: number,
    manager: EntityManager,
    lock = false,
  ): Promise<UncategorizedTransaction[]> {
    const forUpdate = lock && manager.connection.options.type === 'mysql' ? ' FOR UPDATE' : '';
    const columns =
      'SELECT id, kind, description, payee, CAST(amountMinor AS CHAR) AS amountMinor, currency, ' +
      'accountId FROM transactions ';
    const uncategorizedId = await findCategoryIdByName(manager, ledgerId, UNCATEGORIZED);
    type Row = Omit<UncategorizedTransaction, 'id' | 'amountMinor' | 'accountId'> & {
      id: number | string;
      amountMinor: string;
      accountId: number | string;
    };
    const rows: Row[] = [
      ...((uncategorizedId === null
        ? []
        : await manager.query(
            `${columns}WHERE ledgerId = ? AND categoryId = ? AND kind = 'EXPENSE'${forUpdate}`,
            [ledgerId, uncategorizedId],
          )) as Row[]),
      ...((await manager.query(
        `${columns}WHERE ledgerId = ? AND categoryId IS NULL AND kind = 'INCOME'${forUpdate}`,
        [ledgerId],
      )) as Row[]),
    ];
    return rows.map((r) => ({
      ...r,
      id: Number(r.id),
      amountMinor: Number(r.amountMinor),
      accountId: Number(r.accountId),
    }));
  }

  /**
   * The ledger's expenses and income since `since`, grouped by normalised payee (else
   * description), kind and currency, each group's dates and amounts oldest first. Bounded by
   * the date (callers ask for about a year), read on the ledger's date index.
   */
  async payeeSeries(ledgerId: number, since: string): Promise<PayeeSeries[]> {
    const rows: {
      kind: TransactionKind;
      payee: string | null;
      description: string;
      date: string;
      amountMinor: string;
      currency: string;
      accountId: number | string;
    }[] = await this.read(
      'SELECT kind, payee, description, date, CAST(amountMinor AS CHAR) AS amountMinor, currency, ' +
        'accountId FROM transactions WHERE ledgerId = ? AND date >= ? ' +
        "AND kind IN ('EXPENSE', 'INCOME') ORDER BY date, id",
      [ledgerId, since],
    );
    const groups = new Map<string, PayeeSeries>();
    for (const row of rows) {
      const key = payeeKey(row.payee, row.description);
      if (key === '') continue;
      const id = `${row.kind}|${row.currency}|${key}`;
      let group = groups.get(id);
      if (!group) {
        group = {
          key,
          payee: '',
          kind: row.kind,
          currency: row.currency,
          accountId: Number(row.accountId),
          occurrences: [],
        };
        groups.set(id, group);
      }
      group.payee = row.payee ?? row.description;
      group.accountId = Number(row.accountId);
      group.occurrences.push({ date: row.date, amountMinor: Number(row.amountMinor) });
    }
    return [...groups.values()];
  }

  /** A period's spending grouped for a report: see ledger-report.ts. */
  report(ledgerId: number, query: ReportQuery): Promise<ReportTotalsRow[]> {
    return reportTotals(this.dataSource, ledgerId, query);
  }

  /** Whether the ledger holds any transaction at all. */
  async hasTransactions(ledgerId: number, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 AS found FROM ${MONTH_TOTALS_TABLE} WHERE ledgerId = ? LIMIT 1`,
      [ledgerId],
    );
    return rows.length > 0;
  }
}
