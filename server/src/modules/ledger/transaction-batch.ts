import type { EntityManager } from 'typeorm';
import { loadRows, lockParents, withoutForeignKeyChecks } from '../../db/bulk-load';
import { currencyDigits } from '../../lib/currencies';
import { convertMinor } from '../../lib/exchange';
import type { Category } from '../categories/category.entity';
import type { Account } from './account.entity';
import type { Conversion, CurrencyConverter } from './conversion';
import { Transaction } from './transaction.entity';

/**
 * What one `record` call looks up once instead of once per draft: a 100,000-row import names
 * one account and needs a few rates per currency and day.
 */
export class WriteBatch {
  readonly accounts = new Map<string, Promise<Account>>();
  /** Categories by `categoryKey`, found or made by the batch's first row that names them. */
  readonly categories = new Map<string, Category>();
  private readonly rates = new Map<string, Promise<Conversion>>();

  constructor(
    private readonly converter: CurrencyConverter,
    private readonly ledgerId: number,
  ) {}

  /**
   * The converter's answer for `amountMinor`: its rate looked up once per pair and day, then
   * applied with the rates module's own rounding (half-even, once).
   */
  async convert(amountMinor: bigint, from: string, to: string, date: string): Promise<Conversion> {
    if (from === to) return { amountMinor, rate: '1', rateDate: date, source: 'SAME' };
    const key = `${from}|${to}|${date}`;
    let rate = this.rates.get(key);
    if (!rate) {
      rate = this.converter.convert(this.ledgerId, 0n, from, to, date);
      // Each draft that awaits it gets the error; the map's copy must not count as unhandled.
      rate.catch(() => undefined);
      this.rates.set(key, rate);
    }
    const found = await rate;
    return {
      ...found,
      amountMinor: convertMinor(amountMinor, currencyDigits(from), currencyDigits(to), found.rate),
    };
  }

  /** The cached lookup of `key`, made by `load` the first time (a failure is cached too). */
  static once<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    let found = map.get(key);
    if (!found) {
      found = load();
      found.catch(() => undefined);
      map.set(key, found);
    }
    return found;
  }
}

type Row = Omit<Transaction, 'id' | 'account' | 'toAccount' | 'category'>;

const COLUMNS = [
  'ledgerId',
  'kind',
  'date',
  'description',
  'payee',
  'accountId',
  'currency',
  'amountMinor',
  'accountAmountMinor',
  'toAccountId',
  'toAmountMinor',
  'categoryId',
  'reportingAmountMinor',
  'rate',
  'rateDate',
  'rateSource',
  'createdByUserId',
  'updatedByUserId',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof Row)[];

/**
 * Rows per INSERT: 20 parameters each stays below SQLite's 32,766 bound parameters and keeps a
 * MySQL statement near 200 KB. Measured: larger chunks gain nothing on either database.
 */
export const INSERT_CHUNK = 1000;

/** From this many rows MySQL writes with LOAD DATA (db/bulk-load.ts); INSERTs below it. */
const LOAD_FROM_ROWS = 500;

/**
 * The rows loaded in one LOAD DATA statement with their ids read back (see insertTransactions),
 * or null where the server does not allow it. The ledger, accounts and categories they refer to
 * are share-locked once instead of checked once per row by InnoDB.
 */
async function loadTransactions(manager: EntityManager, rows: Row[]): Promise<number[] | null> {
  await lockParents(
    manager,
    'ledgers',
    rows.map((r) => r.ledgerId),
  );
  await lockParents(
    manager,
    'accounts',
    rows.flatMap((r) => (r.toAccountId === null ? [r.accountId] : [r.accountId, r.toAccountId])),
  );
  await lockParents(
    manager,
    'categories',
    rows.flatMap((r) => (r.categoryId === null ? [] : [r.categoryId])),
  );
  const loaded = await withoutForeignKeyChecks(manager, () =>
    loadRows(
      manager,
      'transactions',
      COLUMNS,
      rows.map((row) => COLUMNS.map((name) => row[name])),
    ),
  );
  if (!loaded) return null;
  if (!(loaded.firstId > 0)) throw new Error('LOAD DATA gave the transactions no ids');
  const read: { id: number | string }[] = await manager.query(
    'SELECT id FROM transactions WHERE id >= ? AND ledgerId = ? ORDER BY id LIMIT ?',
    [loaded.firstId, rows[0].ledgerId, rows.length],
  );
  if (read.length !== rows.length) {
    throw new Error('The loaded transactions could not be read back');
  }
  return read.map((r) => Number(r.id));
}

/**
 * Inserts rows with multi-row INSERTs and sets their ids, in the order given. SQLite answers
 * the ids with RETURNING. MySQL answers the first id only, and its ids need not be consecutive
 * (innodb_autoinc_lock_mode 2 interleaves concurrent inserts): the chunk's own rows are read
 * back by id range within this ledger, which this transaction's snapshot shows without any
 * other transaction's later rows.
 */
export async function insertTransactions(manager: EntityManager, rows: Row[]): Promise<number[]> {
  const isMysql = manager.connection.options.type === 'mysql';
  if (isMysql && rows.length >= LOAD_FROM_ROWS) {
    const loaded = await loadTransactions(manager, rows);
    if (loaded) return loaded;
  }
  const metadata = manager.connection.getMetadata(Transaction);
  const column = (name: string) => {
    const found = metadata.findColumnWithPropertyName(name);
    if (!found) throw new Error(`transactions has no column ${name}`);
    return found;
  };
  // Dates go to each driver the way TypeORM would send them (SQLite: a UTC text).
  const persist = (name: 'createdAt' | 'updatedAt', value: Date) =>
    manager.connection.driver.preparePersistentValue(value, column(name)) as unknown;
  const ids: number[] = [];
  const placeholders = `(${COLUMNS.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    const params: unknown[] = [];
    const stamps = new Map<Date, unknown>();
    const stamp = (name: 'createdAt' | 'updatedAt', value: Date) => {
      let prepared = stamps.get(value);
      if (prepared === undefined) {
        prepared = persist(name, value);
        stamps.set(value, prepared);
      }
      return prepared;
    };
    for (const row of chunk) {
      for (const name of COLUMNS) {
        const value = row[name];
        params.push(value instanceof Date ? stamp(name as 'createdAt', value) : value);
      }
    }
    const sql =
      `INSERT INTO transactions (${COLUMNS.join(', ')}) VALUES ` +
      Array.from({ length: chunk.length }, () => placeholders).join(', ');
    if (!isMysql) {
      const returned: { id: number }[] = await manager.query(`${sql} RETURNING id`, params);
      ids.push(...returned.map((r) => Number(r.id)).sort((a, b) => a - b));
      continue;
    }
    const result: { insertId: number } = await manager.query(sql, params);
    const read: { id: number | string }[] = await manager.query(
      'SELECT id FROM transactions WHERE id >= ? AND ledgerId = ? ORDER BY id LIMIT ?',
      [result.insertId, chunk[0].ledgerId, chunk.length],
    );
    if (read.length !== chunk.length) {
      throw new Error('The inserted transactions could not be read back');
    }
    ids.push(...read.map((r) => Number(r.id)));
  }
  return ids;
}
