import { MoreThan, type DataSource } from 'typeorm';
import {
  idOf,
  inBatches,
  once,
  recordAt,
  RestoreError,
  type IdMap,
  type PortableSection,
} from '../export/portable';
import { ImportAccount } from './import-account.entity';
import { ImportKey } from './import-key.entity';
import { insertRestoredKeys } from './import-store';
import type { CsvMapping } from './statement';

export interface ImportAccountRecord {
  /** The account's export id. */
  account: string;
  bankAccount: string | null;
  csvHeader: string[] | null;
  csvMapping: CsvMapping | null;
}

export interface ImportKeyRecord {
  account: string;
  key: string;
  /** The transaction the row became (its export id); null when the user deleted it since. */
  transaction: string | null;
}

const MAPPING_NUMBERS = [
  'date',
  'amount',
  'debit',
  'credit',
  'description',
  'payee',
  'category',
  'payeeIn',
  'currency',
  'splitTotal',
  'skipRows',
] as const;
const MAPPING_TEXTS = ['dateFormat', 'decimalSeparator', 'delimiter', 'encoding'] as const;
const MAPPING_FIELDS: readonly string[] = [...MAPPING_NUMBERS, ...MAPPING_TEXTS];
// The import keys are hex SHA-256 prefixes (import-rows.ts); the column holds 64 characters.
const KEY = /^[0-9a-f]{1,64}$/;
const RESTORE_BATCH = 1000;

const parseJson = <T>(text: string | null): T | null => (text ? (JSON.parse(text) as T) : null);

function accountOf(ids: IdMap, section: string, index: number, value: unknown): number {
  const id = value === null || value === undefined ? undefined : ids.get('accounts', String(value));
  if (id === undefined) {
    throw new RestoreError(
      section,
      index,
      'account',
      `names the account "${String(value)}", which is not in the export's accounts`,
    );
  }
  return id;
}

/** A saved CSV mapping as the parser reads it: column numbers, and a few texts. */
function requireMapping(value: unknown, fail: (field: string, reason: string) => Error) {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || Array.isArray(value))
    throw fail('csvMapping', 'must be an object');
  const mapping = value as Record<string, unknown>;
  for (const [key, field] of Object.entries(mapping)) {
    if (!MAPPING_FIELDS.includes(key)) throw fail(`csvMapping.${key}`, 'is not a mapping field');
    if (field === null) continue;
    if ((MAPPING_NUMBERS as readonly string[]).includes(key)) {
      if (!Number.isInteger(field) || (field as number) < 0 || (field as number) > 10_000) {
        throw fail(`csvMapping.${key}`, 'must be a column number (from 0) or null');
      }
    } else if (typeof field !== 'string' || field.length > 40) {
      throw fail(`csvMapping.${key}`, 'must be a short text or null');
    }
  }
  return mapping as CsvMapping;
}

/**
 * What earlier imports taught each account: the bank account its statements were for and the
 * CSV mapping offered the next time (with the header it was made for).
 */
export function importAccountsSection(
  dataSource: DataSource,
): PortableSection<ImportAccountRecord> {
  const name = 'importAccounts';
  return {
    name,
    export: ({ ledgerId }) =>
      once(async () =>
        (
          await dataSource.manager.find(ImportAccount, {
            where: { ledgerId },
            order: { id: 'ASC' },
          })
        ).map((a) => ({
          account: String(a.accountId),
          bankAccount: a.bankAccount,
          csvHeader: parseJson<string[]>(a.csvHeader),
          csvMapping: parseJson<CsvMapping>(a.csvMapping),
        })),
      ),
    async restore(records, { scope, manager, ids }) {
      const seen = new Set<number>();
      const now = new Date();
      for (const index of records.keys()) {
        const record = recordAt(name, records, index);
        const fail = (field: string, reason: string) =>
          new RestoreError(name, index, field, reason, idOf(record));
        const accountId = accountOf(ids, name, index, record.account);
        if (seen.has(accountId)) throw fail('account', 'is listed twice');
        seen.add(accountId);
        const { bankAccount, csvHeader } = record;
        if (bankAccount !== null && (typeof bankAccount !== 'string' || bankAccount.length > 64)) {
          throw fail(
            'bankAccount',
            'must be a bank account number (at most 64 characters) or null',
          );
        }
        if (
          csvHeader !== null &&
          (!Array.isArray(csvHeader) || csvHeader.some((cell) => typeof cell !== 'string'))
        ) {
          throw fail('csvHeader', 'must be a list of column names or null');
        }
        const mapping = requireMapping(record.csvMapping, fail);
        await manager.insert(ImportAccount, {
          ledgerId: scope.ledgerId,
          accountId,
          bankAccount,
          csvHeader: csvHeader === null ? null : JSON.stringify(csvHeader),
          csvMapping: mapping === null ? null : JSON.stringify(mapping),
          updatedAt: now,
        });
      }
      return records.length;
    },
    csvColumns: [
      { name: 'account', type: 'text', value: (r) => r.account },
      { name: 'bankAccount', type: 'text', value: (r) => r.bankAccount },
      {
        name: 'csvHeader',
        type: 'text',
        value: (r) => (r.csvHeader ? r.csvHeader.join('|') : null),
      },
      {
        name: 'csvMapping',
        type: 'text',
        value: (r) => (r.csvMapping ? JSON.stringify(r.csvMapping) : null),
      },
    ],
  };
}

/**
 * The identity of every row imported so far, per account: with them a restored ledger refuses
 * the same bank rows again. The imports that wrote them are not exported (their uploads are
 * gone; status, progress and leases were the commit's bookkeeping): a restored key has none.
 */
export function importKeysSection(dataSource: DataSource): PortableSection<ImportKeyRecord> {
  const name = 'importKeys';
  return {
    name,
    async *export({ ledgerId }) {
      const batches = inBatches((afterId, size) =>
        dataSource.manager.find(ImportKey, {
          where: { ledgerId, id: MoreThan(afterId) },
          order: { id: 'ASC' },
          take: size,
        }),
      );
      for await (const batch of batches) {
        yield batch.map((k) => ({
          account: String(k.accountId),
          key: k.key,
          transaction: k.transactionId === null ? null : String(k.transactionId),
        }));
      }
    },
    async restore(records, { scope, manager, ids }) {
      const seen = new Set<string>();
      for (let start = 0; start < records.length; start += RESTORE_BATCH) {
        const rows: { accountId: number; key: string; transactionId: number | null }[] = [];
        for (let index = start; index < Math.min(records.length, start + RESTORE_BATCH); index++) {
          const record = recordAt(name, records, index);
          const accountId = accountOf(ids, name, index, record.account);
          if (typeof record.key !== 'string' || !KEY.test(record.key)) {
            throw new RestoreError(name, index, 'key', 'must be a key of hex digits');
          }
          const unique = `${accountId}|${record.key}`;
          if (seen.has(unique)) {
            throw new RestoreError(name, index, 'key', 'is listed twice for this account');
          }
          seen.add(unique);
          let transactionId: number | null = null;
          if (record.transaction !== null && record.transaction !== undefined) {
            const id = ids.get('transactions', String(record.transaction));
            if (id === undefined) {
              throw new RestoreError(
                name,
                index,
                'transaction',
                "names no transaction of the export's transactions",
              );
            }
            transactionId = id;
          }
          rows.push({ accountId, key: record.key, transactionId });
        }
        await insertRestoredKeys(manager, scope.ledgerId, rows);
      }
      return records.length;
    },
    csvColumns: [
      { name: 'account', type: 'text', value: (r) => r.account },
      { name: 'key', type: 'text', value: (r) => r.key },
      { name: 'transaction', type: 'text', value: (r) => r.transaction },
    ],
  };
}
