import { MoreThan } from 'typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { currencyDigits } from '../../lib/currencies';
import { fromMinor } from '../../lib/money';
import type { CategoryService } from '../categories/category.service';
import {
  checked,
  idOf,
  inBatches,
  once,
  recordAt,
  RestoreError,
  type PortableSection,
} from '../export/portable';
import { Account } from './account.entity';
import type { AccountService } from './account.service';
import { Transaction, TransactionKind } from './transaction.entity';
import type { TransactionDraft, TransactionService } from './transaction.service';

export interface AccountRecord {
  id: string;
  name: string;
  type: string;
  currency: string;
  openingBalance: string;
  archived: boolean;
}

export interface TransactionRecord {
  id: string;
  kind: string;
  date: string;
  description: string;
  payee: string | null;
  account: string;
  currency: string;
  amount: string;
  accountAmount: string;
  toAccount: string | null;
  toAmount: string | null;
  category: string | null;
  reportingAmount: string;
  rate: string;
  rateDate: string;
  rateSource: string;
}

// Drafts go to the write path in batches, with a turn for other requests between them: on SQLite
// (synchronous) a batch of 100 kept /healthz under ~110 ms while 4,000 rows were restored.
const RESTORE_BATCH = 100;

const hasTransactions = async (ledgerId: number, manager: EntityManager) =>
  (await manager.count(Transaction, { where: { ledgerId }, take: 1 })) > 0;

const money = (minor: number, currency: string) =>
  fromMinor(BigInt(minor), currencyDigits(currency));

/** The ledger's accounts, by their export ids. */
export function accountsSection(
  dataSource: DataSource,
  accounts: AccountService,
): PortableSection<AccountRecord> {
  const name = 'accounts';
  return {
    name,
    export: ({ ledgerId }) =>
      once(async () =>
        (await dataSource.manager.find(Account, { where: { ledgerId }, order: { id: 'ASC' } })).map(
          (a) => ({
            id: String(a.id),
            name: a.name,
            type: a.type,
            currency: a.currency,
            openingBalance: money(a.openingBalanceMinor, a.currency),
            archived: a.archived,
          }),
        ),
      ),
    // Registration's one empty account does not count: it is replaced by the export's.
    async holdsData(ledgerId, manager) {
      const rows = await manager.find(Account, { where: { ledgerId } });
      return (
        rows.length > 1 ||
        rows.some((a) => a.openingBalanceMinor !== 0) ||
        (await hasTransactions(ledgerId, manager))
      );
    },
    async restore(records, { scope, manager, ids }) {
      await manager.delete(Account, { ledgerId: scope.ledgerId });
      const names = new Set<string>();
      for (const index of records.keys()) {
        const record = recordAt(name, records, index);
        const id = idOf(record);
        if (id === undefined) throw new RestoreError(name, index, 'id', 'is required');
        if (ids.get(name, id) !== undefined) {
          throw new RestoreError(name, index, 'id', 'is used by another account', id);
        }
        const fields = checked(name, index, record, () =>
          accounts.validate({
            name: record.name,
            type: record.type,
            currency: record.currency,
            openingBalance: record.openingBalance,
          }),
        );
        if (names.has(fields.nameKey)) {
          throw new RestoreError(name, index, 'name', 'another account has this name', id);
        }
        names.add(fields.nameKey);
        if (record.archived !== undefined && typeof record.archived !== 'boolean') {
          throw new RestoreError(name, index, 'archived', 'must be true or false', id);
        }
        const account = await accounts.insertRestored(
          scope.ledgerId,
          { ...fields, archived: record.archived === true },
          manager,
        );
        ids.set(name, id, account.id);
      }
      return records.length;
    },
    csvColumns: [
      { name: 'id', type: 'text', value: (r) => r.id },
      { name: 'name', type: 'text', value: (r) => r.name },
      { name: 'type', type: 'text', value: (r) => r.type },
      { name: 'currency', type: 'text', value: (r) => r.currency },
      { name: 'openingBalance', type: 'amount', value: (r) => r.openingBalance },
      { name: 'archived', type: 'boolean', value: (r) => r.archived },
    ],
  };
}

/**
 * Every transaction with its amounts as booked; restored through the ledger's one write path,
 * which keeps the booked conversion (`restore`) rather than converting again at today's rates.
 */
export function transactionsSection(
  dataSource: DataSource,
  categories: CategoryService,
  transactions: TransactionService,
): PortableSection<TransactionRecord> {
  const name = 'transactions';
  return {
    name,
    async *export({ ledgerId, user }) {
      const accounts = await dataSource.manager.find(Account, { where: { ledgerId } });
      const currencyOf = new Map(accounts.map((a) => [a.id, a.currency]));
      const categoryName = new Map(
        (await categories.list(ledgerId, true)).map((c) => [c.id, c.name]),
      );
      const batches = inBatches((afterId, size) =>
        dataSource.manager.find(Transaction, {
          where: { ledgerId, id: MoreThan(afterId) },
          order: { id: 'ASC' },
          take: size,
        }),
      );
      for await (const batch of batches) {
        yield batch.map((t) => ({
          id: String(t.id),
          kind: t.kind,
          date: t.date,
          description: t.description,
          payee: t.payee,
          account: String(t.accountId),
          currency: t.currency,
          amount: money(t.amountMinor, t.currency),
          accountAmount: money(t.accountAmountMinor, currencyOf.get(t.accountId) ?? t.currency),
          toAccount: t.toAccountId === null ? null : String(t.toAccountId),
          toAmount:
            t.toAmountMinor === null || t.toAccountId === null
              ? null
              : money(t.toAmountMinor, currencyOf.get(t.toAccountId) ?? t.currency),
          category: t.categoryId === null ? null : (categoryName.get(t.categoryId) ?? null),
          reportingAmount: money(t.reportingAmountMinor, user.currency),
          rate: t.rate,
          rateDate: t.rateDate,
          rateSource: t.rateSource,
        }));
      }
    },
    holdsData: hasTransactions,
    async restore(records, { scope, manager, ids }) {
      for (let start = 0; start < records.length; start += RESTORE_BATCH) {
        const drafts: TransactionDraft[] = [];
        const end = Math.min(start + RESTORE_BATCH, records.length);
        for (let index = start; index < end; index++) {
          const record = recordAt(name, records, index);
          const reference = (field: 'account' | 'toAccount') => {
            const value = record[field];
            if (value === null || value === undefined) return null;
            const id = ids.get('accounts', String(value));
            if (id === undefined) {
              throw new RestoreError(
                name,
                index,
                field,
                `names the account "${String(value)}", which is not in the export's accounts`,
                idOf(record),
              );
            }
            return id;
          };
          const accountId = reference('account');
          if (accountId === null) {
            throw new RestoreError(name, index, 'account', 'is required', idOf(record));
          }
          drafts.push({
            kind: record.kind,
            description: record.description,
            amount: record.amount,
            date: record.date,
            accountId,
            currency: record.currency,
            toAccountId: reference('toAccount'),
            toAmount: record.toAmount,
            category: record.category,
            payee: record.payee,
            // An income may have no category; an expense always had one when it was exported.
            mayOmitCategory: record.kind === TransactionKind.INCOME,
            booked: {
              accountAmount: record.accountAmount,
              reportingAmount: record.reportingAmount,
              rate: record.rate,
              rateDate: record.rateDate,
              rateSource: record.rateSource,
            },
          });
        }
        const { written, errors } = await transactions.record(scope, drafts, {
          manager,
          errors: 'collect',
          restore: true,
        });
        if (errors.length > 0) {
          const [{ index, error }] = errors;
          const field = DRAFT_FIELDS[error.field ?? ''] ?? error.field ?? null;
          const record = recordAt(name, records, start + index);
          throw new RestoreError(name, start + index, field, error.message, idOf(record));
        }
        // Later sections (recurring occurrences, import keys) refer to transactions by export id.
        for (const [offset, row] of written.entries()) {
          const id = idOf(recordAt(name, records, start + offset));
          if (id !== undefined) ids.set(name, id, row.id);
        }
        // better-sqlite3 answers synchronously: let other requests in between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return records.length;
    },
    csvColumns: [
      { name: 'id', type: 'text', value: (r) => r.id },
      { name: 'date', type: 'date', value: (r) => r.date },
      { name: 'kind', type: 'text', value: (r) => r.kind },
      { name: 'description', type: 'text', value: (r) => r.description },
      { name: 'payee', type: 'text', value: (r) => r.payee },
      { name: 'category', type: 'text', value: (r) => r.category },
      { name: 'account', type: 'text', value: (r) => r.account },
      // Signed in the CSV, as a spreadsheet sums it: what left the account is negative.
      {
        name: 'amount',
        type: 'amount',
        value: (r) => (r.kind === TransactionKind.INCOME ? r.amount : `-${r.amount}`),
      },
      { name: 'currency', type: 'text', value: (r) => r.currency },
      { name: 'accountAmount', type: 'amount', value: (r) => r.accountAmount },
      { name: 'toAccount', type: 'text', value: (r) => r.toAccount },
      { name: 'toAmount', type: 'amount', value: (r) => r.toAmount },
      { name: 'reportingAmount', type: 'amount', value: (r) => r.reportingAmount },
      { name: 'rate', type: 'number', value: (r) => r.rate },
      { name: 'rateDate', type: 'date', value: (r) => r.rateDate },
      { name: 'rateSource', type: 'text', value: (r) => r.rateSource },
    ],
  };
}

/** The write path's draft fields under their names in the document. */
const DRAFT_FIELDS: Record<string, string> = { accountId: 'account', toAccountId: 'toAccount' };
