import type { DataSource, EntityManager } from 'typeorm';
import { loadRows, withoutForeignKeyChecks } from '../../db/bulk-load';
import { ImportAccount } from './import-account.entity';
import { turn } from './import-rows';
import type { CsvMapping } from './statement';

type Db = Pick<EntityManager, 'query'> | Pick<DataSource, 'query'>;

/** Keys per IN list or multi-row INSERT: well below both databases' parameter limits. */
const KEYS_PER_QUERY = 1000;

/** Which of `keys` the account already holds (imported before, by any import). */
export async function existingKeys(
  db: Db,
  accountId: number,
  keys: string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
    const chunk = keys.slice(start, start + KEYS_PER_QUERY);
    const rows: { key: string }[] = await db.query(
      `SELECT \`key\` AS \`key\` FROM import_keys WHERE accountId = ? AND \`key\` IN (${chunk
        .map(() => '?')
        .join(', ')})`,
      [accountId, ...chunk],
    );
    for (const row of rows) found.add(row.key);
    // SQLite answers on the main thread: let other requests in between the lookups.
    await turn();
  }
  return found;
}

/** Which of `transactionIds` came from an import (the rest were entered by hand or by rules). */
export async function importedTransactions(db: Db, transactionIds: number[]): Promise<Set<number>> {
  const found = new Set<number>();
  for (let start = 0; start < transactionIds.length; start += KEYS_PER_QUERY) {
    const chunk = transactionIds.slice(start, start + KEYS_PER_QUERY);
    const rows: { id: number | string }[] = await db.query(
      `SELECT transactionId AS id FROM import_keys WHERE transactionId IN (${chunk
        .map(() => '?')
        .join(', ')})`,
      chunk,
    );
    for (const row of rows) found.add(Number(row.id));
    await turn();
  }
  return found;
}

/** Records the keys of written rows, in the transaction that wrote them. */
export async function insertKeys(
  manager: EntityManager,
  values: { ledgerId: number; accountId: number; importId: number },
  rows: { key: string; transactionId: number }[],
): Promise<void> {
  // MySQL: one LOAD DATA without per-row foreign-key lookups. What the keys refer to is held by
  // this same transaction: the transactions are its own rows, and writing them share-locked
  // the account (the ledger's bulk load locks it; an INSERT's own key check does too).
  if (rows.length >= KEYS_PER_QUERY && manager.connection.options.type === 'mysql') {
    const loaded = await withoutForeignKeyChecks(manager, () =>
      loadRows(
        manager,
        'import_keys',
        ['ledgerId', 'accountId', 'key', 'transactionId', 'importId'],
        rows.map((r) => [
          values.ledgerId,
          values.accountId,
          r.key,
          r.transactionId,
          values.importId,
        ]),
      ),
    );
    if (loaded) return;
  }
  for (let start = 0; start < rows.length; start += KEYS_PER_QUERY) {
    const chunk = rows.slice(start, start + KEYS_PER_QUERY);
    await manager.query(
      'INSERT INTO import_keys (ledgerId, accountId, `key`, transactionId, importId) VALUES ' +
        chunk.map(() => '(?, ?, ?, ?, ?)').join(', '),
      chunk.flatMap((r) => [
        values.ledgerId,
        values.accountId,
        r.key,
        r.transactionId,
        values.importId,
      ]),
    );
    await turn();
  }
}

/**
 * The keys of a restored export, inside its transaction: with no import (importId null), each
 * with its own account.
 */
export async function insertRestoredKeys(
  manager: EntityManager,
  ledgerId: number,
  rows: { accountId: number; key: string; transactionId: number | null }[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += KEYS_PER_QUERY) {
    const chunk = rows.slice(start, start + KEYS_PER_QUERY);
    await manager.query(
      'INSERT INTO import_keys (ledgerId, accountId, `key`, transactionId, importId) VALUES ' +
        chunk.map(() => '(?, ?, ?, ?, NULL)').join(', '),
      chunk.flatMap((r) => [ledgerId, r.accountId, r.key, r.transactionId]),
    );
    await turn();
  }
}

export interface AccountMemory {
  bankAccount: string | null;
  csvHeader: string[] | null;
  csvMapping: CsvMapping | null;
}

const parseJson = <T>(text: string | null): T | null => (text ? (JSON.parse(text) as T) : null);

/** What earlier imports into the account taught; null before its first import. */
export async function readAccountMemory(
  db: DataSource | EntityManager,
  accountId: number,
): Promise<AccountMemory | null> {
  const found = await db.getRepository(ImportAccount).findOne({ where: { accountId } });
  if (!found) return null;
  return {
    bankAccount: found.bankAccount,
    csvHeader: parseJson<string[]>(found.csvHeader),
    csvMapping: parseJson<CsvMapping>(found.csvMapping),
  };
}

/** The account of the ledger whose imports came from `bankAccount`, other than `accountId`. */
export async function accountOfBank(
  db: Db,
  ledgerId: number,
  bankAccount: string,
  accountId: number,
): Promise<number | null> {
  const rows: { accountId: number | string }[] = await db.query(
    'SELECT accountId FROM import_accounts WHERE ledgerId = ? AND bankAccount = ? AND accountId <> ?',
    [ledgerId, bankAccount, accountId],
  );
  return rows.length > 0 ? Number(rows[0].accountId) : null;
}

/** Remembers, after a committed import, the bank account and (for CSV) the mapping used. */
export async function rememberAccount(
  manager: EntityManager,
  ledgerId: number,
  accountId: number,
  memory: Partial<AccountMemory>,
): Promise<void> {
  const repository = manager.getRepository(ImportAccount);
  const found = await repository.findOne({ where: { accountId } });
  const values = {
    ...(memory.bankAccount ? { bankAccount: memory.bankAccount } : {}),
    ...(memory.csvMapping
      ? {
          csvMapping: JSON.stringify(memory.csvMapping),
          csvHeader: JSON.stringify(memory.csvHeader ?? null),
        }
      : {}),
    updatedAt: new Date(),
  };
  if (found) {
    await repository.update({ id: found.id }, values);
    return;
  }
  await repository.insert({
    ledgerId,
    accountId,
    bankAccount: null,
    csvHeader: null,
    csvMapping: null,
    ...values,
  });
}
