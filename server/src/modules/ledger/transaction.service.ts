import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { AppError, notFound } from '../../errors';
import { inTransaction } from '../../db/transaction';
import { log } from '../../log';
import { currencyDigits } from '../../lib/currencies';
import { convertMinor } from '../../lib/exchange';
import { parseId } from '../../lib/ids';
import { categoryKey, type CategoryService } from '../categories/category.service';
import type { Category } from '../categories/category.entity';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import type { AccountService } from './account.service';
import { UNCATEGORIZED, type Categorizer, type UncategorizedRow } from './categorizer';
import type { Conversion, CurrencyConverter } from './conversion';
import { applyTotals, rebuildMonthTotals, totalsOf, type Flow } from './month-totals';
import { insertTransactions, WriteBatch } from './transaction-batch';
import { Transaction, TransactionKind } from './transaction.entity';
import { DraftPreparer, type Prepared, type TransactionDraft } from './transaction-draft';

/** Drafts prepared between two turns of the event loop: a few milliseconds' work. */
const YIELD_EVERY = 1000;

export { DESCRIPTION_MAX, type TransactionDraft } from './transaction-draft';

/** What a write did, for listeners (webhooks): the rows as written, or as they were deleted. */
export interface WrittenEvent {
  type: 'created' | 'updated' | 'deleted';
  ledgerId: number;
  /** The currency of the rows' reporting amounts (the ledger's). */
  reportingCurrency: string;
  /** Who wrote: a member's user id (a deletion leaves no row that says it). */
  userId: number;
  transactions: Transaction[];
}

/**
 * Told of every committed write. `manager` is set when the write joined a caller's transaction
 * (import, recurring posts): the listener's own writes then land or vanish with it.
 */
export type WrittenListener = (event: WrittenEvent, manager?: EntityManager) => Promise<void>;

/** A draft the ledger refused, by its position in the batch. */
export interface RowError {
  index: number;
  error: AppError;
}

export interface RecordOptions {
  /** Join the caller's database transaction (import, recurring posts) instead of opening one. */
  manager?: EntityManager;
  /**
   * 'throw' (default): the first bad draft fails the whole batch. 'collect': bad drafts are
   * returned as row errors and the good ones written; the caller may still roll back.
   */
  errors?: 'throw' | 'collect';
  /**
   * Restoring an export: history is written as it was, so archived accounts take their
   * transactions and each draft's `booked` conversion is required and kept.
   */
  restore?: boolean;
}

/** MySQL's answer to two transactions waiting on each other: one is rolled back, to be rerun. */
function isDeadlock(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string } }).driverError;
  const code = driverError?.code ?? (error as { code?: string }).code;
  return code === 'ER_LOCK_DEADLOCK';
}

/**
 * The one write path of money. Every writer (the API, the form routes, imports, recurring posts,
 * receipts, splitting) hands drafts to `record`; updates and deletes go through here too, so
 * that the month totals stay equal to the rows after every kind of write.
 */
export class TransactionService {
  private categorizer: Categorizer | null = null;
  private readonly writtenListeners: WrittenListener[] = [];
  private readonly drafts: DraftPreparer;

  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountService,
    private readonly categories: CategoryService,
    private readonly rates: CurrencyConverter,
  ) {
    this.drafts = new DraftPreparer(accounts, rates);
  }

  /** A write transaction, rerun when MySQL picks it as a deadlock victim (nothing remains of it). */
  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTransaction(this.dataSource, work);
      } catch (error) {
        if (!isDeadlock(error) || attempt >= 5) throw error;
      }
    }
  }

  async record(
    scope: LedgerScope,
    drafts: TransactionDraft[],
    options: RecordOptions = {},
  ): Promise<{ written: Transaction[]; errors: RowError[] }> {
    const work = async (manager: EntityManager) => {
      const batch = new WriteBatch(this.rates, scope.ledgerId);
      const { rows, errors } = await this.prepareAll(scope, drafts, manager, batch, options);
      return { written: await this.writeRows(scope, rows, manager, batch), errors };
    };
    return this.announced('created', scope, options.manager, work, (r) => r.written);
  }

  /**
   * A long batch (an import's) in the caller's transaction, chunk by chunk: each chunk written
   * and told to the listeners as `record` would, then handed to `afterChunk` with its position,
   * in order. While one chunk is being written, the next is prepared (validated, converted,
   * categorized), so that the event loop's work and the database's overlap instead of taking
   * turns. Lookups (accounts, rates, categories, the categorizer's rules and payee history) are
   * made once for the whole batch.
   */
  async recordChunks(
    scope: LedgerScope,
    chunks: Iterable<TransactionDraft[]>,
    options: Omit<RecordOptions, 'manager'> & { manager: EntityManager },
    afterChunk: (
      result: { written: Transaction[]; errors: RowError[] },
      chunkIndex: number,
    ) => Promise<void>,
  ): Promise<void> {
    const { manager } = options;
    const batch = new WriteBatch(this.rates, scope.ledgerId);
    const pending = chunks[Symbol.iterator]();
    const prepareNext = () => {
      const next = pending.next();
      if (next.done) return null;
      const preparing = this.prepareAll(scope, next.value, manager, batch, options);
      // Awaited in turn; a write failing first must not leave its rejection unhandled.
      preparing.catch(() => undefined);
      return preparing;
    };
    let preparing = prepareNext();
    for (let chunkIndex = 0; preparing; chunkIndex++) {
      const { rows, errors } = await preparing;
      const writing = this.announced(
        'created',
        scope,
        manager,
        (m) => this.writeRows(scope, rows, m, batch),
        (written) => written,
      ).then((written) => afterChunk({ written, errors }, chunkIndex));
      preparing = prepareNext();
      try {
        await writing;
      } catch (error) {
        // Its queries share the transaction's connection: they end before the rollback.
        await preparing?.catch(() => undefined);
        throw error;
      }
    }
  }

  /** Drafts made into rows with their category names; bad drafts thrown or collected. */
  private async prepareAll(
    scope: LedgerScope,
    drafts: TransactionDraft[],
    manager: EntityManager,
    batch: WriteBatch,
    options: RecordOptions,
  ): Promise<{ rows: Prepared[]; errors: RowError[] }> {
    const rows: Prepared[] = [];
    const errors: RowError[] = [];
    for (const [index, draft] of drafts.entries()) {
      // A big batch (an import's) lets other requests in between its drafts.
      if (index % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
      try {
        rows.push(
          await this.drafts.prepare(scope, draft, manager, batch, options.restore === true),
        );
      } catch (error) {
        if (options.errors !== 'collect' || !(error instanceof AppError)) throw error;
        errors.push({ index, error });
      }
    }
    await this.fillCategories(scope, rows, manager, batch);
    return { rows, errors };
  }

  /** Prepared rows written, with the month totals they change. */
  private async writeRows(
    scope: LedgerScope,
    rows: Prepared[],
    manager: EntityManager,
    batch: WriteBatch,
  ): Promise<Transaction[]> {
    const written = await this.insertAll(scope, rows, manager, batch.categories);
    await applyTotals(
      manager,
      written.flatMap((t) => totalsOf(t, 1)),
    );
    return written;
  }

  /** Set at start-up: modules that react to writes (webhooks) without the ledger knowing them. */
  onWritten(listener: WrittenListener): void {
    this.writtenListeners.push(listener);
  }

  /**
   * Runs `work` (in the caller's transaction or a new one) and tells the listeners what it wrote:
   * inside the caller's transaction, else after the commit, so that a listener never announces
   * a write that was rolled back and a failing listener cannot undo a committed one.
   */
  private async announced<T>(
    type: WrittenEvent['type'],
    scope: LedgerScope,
    manager: EntityManager | undefined,
    work: (manager: EntityManager) => Promise<T>,
    rows: (result: T) => Transaction[],
  ): Promise<T> {
    const { ledgerId } = scope;
    const event = (result: T): WrittenEvent => ({
      type,
      ledgerId,
      reportingCurrency: scope.user.currency,
      userId: scope.user.id,
      transactions: rows(result),
    });
    if (manager) {
      const result = await work(manager);
      await this.tell(event(result), manager);
      return result;
    }
    const result = await this.write(work);
    try {
      await this.tell(event(result));
    } catch (error) {
      log('error', 'A write listener failed after the commit', { error, type, ledgerId });
    }
    return result;
  }

  private async tell(event: WrittenEvent, manager?: EntityManager): Promise<void> {
    if (event.transactions.length === 0) return;
    for (const listener of this.writtenListeners) await listener(event, manager);
  }

  /** Set once at start-up: the category-rules module depends on the ledger, not the reverse. */
  setCategorizer(categorizer: Categorizer): void {
    this.categorizer = categorizer;
  }

  /**
   * Names a category for each expense or income written without one: the categorizer's pick,
   * else (expenses only, which always have a category) "Uncategorized", easy to fix in bulk.
   */
  private async fillCategories(
    scope: LedgerScope,
    rows: Prepared[],
    manager: EntityManager,
    batch: WriteBatch,
  ): Promise<void> {
    const open = rows.filter((r) => r.categoryName === null && r.kind !== TransactionKind.TRANSFER);
    if (open.length === 0) return;
    const picked = this.categorizer
      ? await this.categorizer.categorize(
          scope.ledgerId,
          open.map((r) => ({
            kind: r.kind,
            description: r.description,
            payee: r.payee,
            amountMinor: r.amountMinor,
            currency: r.currency,
            accountId: r.accountId,
          })),
          manager,
          batch,
        )
      : [];
    open.forEach((row, i) => {
      row.categoryName = picked[i] ?? (row.kind === TransactionKind.EXPENSE ? UNCATEGORIZED : null);
    });
  }

  /**
   * The category names rows written without one would get (an import's preview): the
   * categorizer's pick, else "Uncategorized" for expenses and none for income.
   */
  async suggestCategories(
    scope: LedgerScope,
    rows: UncategorizedRow[],
  ): Promise<(string | null)[]> {
    const picked = this.categorizer
      ? await this.categorizer.categorize(scope.ledgerId, rows, this.dataSource.manager)
      : [];
    return rows.map(
      (row, i) => picked[i] ?? (row.kind === TransactionKind.EXPENSE ? UNCATEGORIZED : null),
    );
  }

  /** One transaction, for the API's single writes: its error is the answer. */
  async recordOne(scope: LedgerScope, draft: TransactionDraft): Promise<Transaction> {
    const { written } = await this.record(scope, [draft]);
    return written[0];
  }

  /**
   * Replaces a transaction's fields; its kind may change too (unless `kind` pins it). A draft
   * that names no account keeps the transaction's account, and its currency when the account
   * stays: the original expense API knows neither.
   */
  update(
    scope: LedgerScope,
    id: string,
    draft: TransactionDraft,
    kind?: TransactionKind,
    options: { manager?: EntityManager } = {},
  ): Promise<Transaction> {
    const work = async (manager: EntityManager) => {
      const before = await this.getForUpdate(scope.ledgerId, id, manager, kind);
      const keepAccount = draft.accountId == null || draft.accountId === '';
      const prepared = await this.drafts.prepare(
        scope,
        {
          ...draft,
          accountId: keepAccount ? before.accountId : draft.accountId,
          currency:
            keepAccount && (draft.currency == null || draft.currency === '')
              ? before.currency
              : draft.currency,
        },
        manager,
      );
      const category = await this.category(scope, prepared, manager);
      // The creator stays who first wrote it: an edit changes only who changed it last.
      const { account, toAccount, categoryName, createdByUserId, ...values } = prepared;
      void categoryName;
      void createdByUserId;
      const updatedAt = new Date();
      const changes = {
        ...values,
        categoryId: category?.id ?? null,
        updatedByUserId: scope.user.id,
        updatedAt,
      };
      await manager.update(Transaction, { id: before.id, ledgerId: scope.ledgerId }, changes);
      const after = Object.assign(new Transaction(), before, changes, {
        account,
        toAccount,
        category,
      });
      await applyTotals(manager, [...totalsOf(before, -1), ...totalsOf(after, 1)]);
      return after;
    };
    return this.announced('updated', scope, options.manager, work, (t) => [t]);
  }

  delete(
    scope: LedgerScope,
    id: string,
    kind?: TransactionKind,
    options: { manager?: EntityManager } = {},
  ): Promise<boolean> {
    let deleted: Transaction | null = null;
    const work = async (manager: EntityManager) => {
      const transaction = await this.getForUpdate(scope.ledgerId, id, manager, kind);
      await manager.delete(Transaction, { id: transaction.id, ledgerId: scope.ledgerId });
      await applyTotals(manager, totalsOf(transaction, -1));
      deleted = transaction;
      return true;
    };
    return this.announced('deleted', scope, options.manager, work, () =>
      deleted ? [deleted] : [],
    );
  }

  /**
   * Files the given expenses and income under one category (found or created by name), inside
   * the caller's database transaction, with their month totals: each row leaves its old
   * category's totals and joins the new one's. Ids of other ledgers, transfers and rows already
   * there are left alone. Returns how many moved. For category rules applied to old rows.
   */
  async setCategory(
    scope: LedgerScope,
    ids: number[],
    categoryName: string,
    manager: EntityManager,
  ): Promise<number> {
    if (ids.length === 0) return 0;
    const category = await this.categories.findOrCreate(
      scope.ledgerId,
      categoryName,
      manager,
      scope.user.id,
    );
    const isMysql = manager.connection.options.type === 'mysql';
    const updatedAt = new Date();
    const deltas: ReturnType<typeof totalsOf> = [];
    let moved = 0;
    // In chunks: a statement's placeholders are limited (SQLite, MySQL packets).
    for (let start = 0; start < ids.length; start += 500) {
      const chunk = ids.slice(start, start + 500);
      const rows: {
        id: number | string;
        kind: TransactionKind;
        date: string;
        accountId: number | string;
        accountAmountMinor: string;
        categoryId: number | string | null;
        reportingAmountMinor: string;
      }[] = await manager.query(
        'SELECT id, kind, date, accountId, CAST(accountAmountMinor AS CHAR) AS accountAmountMinor, ' +
          'categoryId, CAST(reportingAmountMinor AS CHAR) AS reportingAmountMinor FROM transactions ' +
          `WHERE ledgerId = ? AND id IN (${chunk.map(() => '?').join(', ')}) ` +
          "AND kind IN ('EXPENSE', 'INCOME') AND (categoryId IS NULL OR categoryId <> ?)" +
          (isMysql ? ' FOR UPDATE' : ''),
        [scope.ledgerId, ...chunk, category.id],
      );
      if (rows.length === 0) continue;
      for (const row of rows) {
        const before = {
          ledgerId: scope.ledgerId,
          kind: row.kind,
          date: row.date,
          accountId: Number(row.accountId),
          accountAmountMinor: Number(row.accountAmountMinor),
          toAccountId: null,
          toAmountMinor: null,
          categoryId: row.categoryId === null ? null : Number(row.categoryId),
          reportingAmountMinor: Number(row.reportingAmountMinor),
        };
        deltas.push(
          ...totalsOf(before, -1),
          ...totalsOf({ ...before, categoryId: category.id }, 1),
        );
      }
      const movedIds = rows.map((r) => Number(r.id));
      await manager.update(
        Transaction,
        { ledgerId: scope.ledgerId, id: In(movedIds) },
        { categoryId: category.id, updatedByUserId: scope.user.id, updatedAt },
      );
      moved += rows.length;
    }
    await applyTotals(manager, deltas);
    return moved;
  }

  /**
   * Moves every transaction of one category to another (a merge), inside the caller's database
   * transaction, with their month totals: what each row of the old category held moves to the
   * same month, account and flow of the new one. Returns how many transactions moved.
   */
  async recategorize(
    scope: LedgerScope,
    fromCategoryId: number,
    toCategoryId: number,
    manager: EntityManager,
  ): Promise<number> {
    // Summed from the rows, not copied from the totals, and locked (MySQL) so that no write
    // moves a transaction in or out of the category between this read and the update.
    const isMysql = manager.connection.options.type === 'mysql';
    const groups: {
      month: string;
      accountId: number | string;
      kind: string;
      amount: string;
      reporting: string;
      count: number | string;
    }[] = await manager.query(
      'SELECT SUBSTR(date, 1, 7) AS month, accountId, kind, ' +
        'CAST(SUM(accountAmountMinor) AS CHAR) AS amount, ' +
        'CAST(SUM(reportingAmountMinor) AS CHAR) AS reporting, COUNT(*) AS count ' +
        'FROM transactions WHERE ledgerId = ? AND categoryId = ? ' +
        `GROUP BY SUBSTR(date, 1, 7), accountId, kind${isMysql ? ' FOR UPDATE' : ''}`,
      [scope.ledgerId, fromCategoryId],
    );
    if (groups.length === 0) return 0;
    await manager.update(
      Transaction,
      { ledgerId: scope.ledgerId, categoryId: fromCategoryId },
      { categoryId: toCategoryId, updatedByUserId: scope.user.id, updatedAt: new Date() },
    );
    const deltas = groups.flatMap((g) =>
      ([-1, 1] as const).map((sign) => ({
        ledgerId: scope.ledgerId,
        month: g.month,
        accountId: Number(g.accountId),
        categoryId: sign === -1 ? fromCategoryId : toCategoryId,
        // Only expenses and income have categories: the kind is the flow.
        flow: g.kind as Flow,
        amountMinor: sign * Number(g.amount),
        reportingMinor: sign * Number(g.reporting),
        count: sign * Number(g.count),
      })),
    );
    await applyTotals(manager, deltas);
    return groups.reduce((n, g) => n + Number(g.count), 0);
  }

  /**
   * Expresses every transaction of the ledger in a new reporting currency, each at the rate of
   * its own day (or the latest earlier one), and rebuilds the month totals: for a change of the
   * reporting currency, inside the caller's transaction. Every missing rate is named at once.
   */
  async reexpress(ledgerId: number, to: string, manager: EntityManager): Promise<void> {
    const rows: { id: number | string; currency: string; date: string; amountMinor: string }[] =
      await manager.query(
        'SELECT id, currency, date, CAST(amountMinor AS CHAR) AS amountMinor FROM transactions ' +
          'WHERE ledgerId = ?',
        [ledgerId],
      );
    const missing = new Map<string, string[]>();
    const updates: { id: number; minor: number; rate: string; rateDate: string; source: string }[] =
      [];
    // One rate lookup per currency and day, not per row: years of history share few of them.
    const rates = new Map<string, Promise<Conversion | null>>();
    const rateOf = (currency: string, date: string) => {
      const key = `${currency}|${date}`;
      let rate = rates.get(key);
      if (!rate) {
        rate = this.rates.convert(ledgerId, 0n, currency, to, date).catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'BAD_USER_INPUT') return null;
          throw error;
        });
        rates.set(key, rate);
      }
      return rate;
    };
    for (const row of rows) {
      const rate = await rateOf(row.currency, row.date);
      if (!rate) {
        const pair = `${row.currency}->${to}`;
        missing.set(pair, [...(missing.get(pair) ?? []), row.date]);
        continue;
      }
      const amount = BigInt(row.amountMinor);
      updates.push({
        id: Number(row.id),
        // The rates module's own arithmetic (half-even, once), applied to each row's amount.
        minor: Number(
          rate.source === 'SAME'
            ? amount
            : convertMinor(amount, currencyDigits(row.currency), currencyDigits(to), rate.rate),
        ),
        rate: rate.rate,
        rateDate: rate.rateDate,
        source: rate.source,
      });
    }
    if (missing.size > 0) {
      const named = [...missing].map(([pair, dates]) => {
        const sorted = [...new Set(dates)].sort();
        return `${pair} on ${sorted.slice(0, 3).join(', ')}${sorted.length > 3 ? ` and ${sorted.length - 3} more days` : ''}`;
      });
      throw new AppError(
        'BAD_USER_INPUT',
        `Exchange rates are missing to re-express your history: ${named.join('; ')}`,
        'currency',
      );
    }
    for (const u of updates) {
      await manager.query(
        'UPDATE transactions SET reportingAmountMinor = ?, rate = ?, rateDate = ?, rateSource = ? WHERE id = ?',
        [u.minor, u.rate, u.rateDate, u.source, u.id],
      );
    }
    await rebuildMonthTotals(manager, ledgerId);
  }

  /**
   * The transaction as it is now, locked until the write ends (MySQL; SQLite's transactions take
   * turns): the totals are corrected by its old values, so two concurrent writes to one
   * transaction must not both start from them. `kind` narrows it (an expense id of the Expense
   * API must name an expense).
   */
  private async getForUpdate(
    ledgerId: number,
    id: string,
    manager: EntityManager,
    kind?: TransactionKind,
  ): Promise<Transaction> {
    const numericId = parseId(id);
    const isMysql = manager.connection.options.type === 'mysql';
    const found =
      numericId === null
        ? null
        : await manager.findOne(Transaction, {
            where: { id: numericId, ledgerId, ...(kind ? { kind } : {}) },
            ...(isMysql ? { lock: { mode: 'pessimistic_write' as const } } : {}),
          });
    if (!found) throw notFound(kind === TransactionKind.EXPENSE ? 'Expense' : 'Transaction');
    return found;
  }

  private async category(
    scope: LedgerScope,
    prepared: Prepared,
    manager: EntityManager,
  ): Promise<Category | null> {
    return prepared.categoryName === null
      ? null
      : this.categories.findOrCreate(scope.ledgerId, prepared.categoryName, manager, scope.user.id);
  }

  /**
   * Writes the prepared rows with multi-row INSERTs: each category name is resolved (or made)
   * once per batch, not once per row.
   */
  private async insertAll(
    scope: LedgerScope,
    rows: Prepared[],
    manager: EntityManager,
    categories: Map<string, Category>,
  ): Promise<Transaction[]> {
    for (const row of rows) {
      if (row.categoryName === null) continue;
      const key = categoryKey(row.categoryName);
      if (categories.has(key)) continue;
      const found = await this.categories.findOrCreate(
        scope.ledgerId,
        row.categoryName,
        manager,
        scope.user.id,
      );
      categories.set(key, found);
    }
    const now = new Date();
    // Built field by field: a 100,000-row import makes one object per row, not three.
    const written = rows.map((p) => {
      const category = p.categoryName === null ? null : categories.get(categoryKey(p.categoryName));
      const t = new Transaction();
      t.ledgerId = p.ledgerId;
      t.kind = p.kind;
      t.date = p.date;
      t.description = p.description;
      t.payee = p.payee;
      t.accountId = p.accountId;
      t.currency = p.currency;
      t.amountMinor = p.amountMinor;
      t.accountAmountMinor = p.accountAmountMinor;
      t.toAccountId = p.toAccountId;
      t.toAmountMinor = p.toAmountMinor;
      t.categoryId = category?.id ?? null;
      t.reportingAmountMinor = p.reportingAmountMinor;
      t.rate = p.rate;
      t.rateDate = p.rateDate;
      t.rateSource = p.rateSource;
      t.createdByUserId = scope.user.id;
      t.updatedByUserId = scope.user.id;
      t.createdAt = now;
      t.updatedAt = now;
      t.account = p.account;
      t.toAccount = p.toAccount;
      t.category = category ?? null;
      return t;
    });
    const ids = await insertTransactions(manager, written);
    written.forEach((t, i) => {
      t.id = ids[i];
    });
    return written;
  }
}
