import { In, type DataSource } from 'typeorm';
import { currencyDigits } from '../../lib/currencies';
import { fromMinor } from '../../lib/money';
import { requireAmount, requireDay, requireText } from '../../lib/validate';
import { requireCategoryName } from '../categories/category.service';
import { checked, once, recordAt, RestoreError, type PortableSection } from '../export/portable';
import type { LedgerAccessService } from '../ledger-access/ledger-access.service';
import { requireCurrency } from '../ledger/currency';
import { GroupExpense, GroupExpenseSplit, SplitMethod } from './group-expense.entity';
import { GroupMember, SplitGroup } from './group.entity';
import { groupCurrencies, groupOf, memberOf, personalUserOf } from './splitting.portable';

export interface SplitRecord {
  member: string;
  /** The shares, exact amount or percent as entered; null for EQUAL. */
  value: string | null;
  /** In the group's currency. */
  amount: string;
  /**
   * The member's share booked as an expense in the exported ledger (the owner's share in their
   * personal ledger): that transaction's export id; else null.
   */
  shareTransaction: string | null;
}

export interface GroupExpenseRecord {
  group: string;
  description: string;
  date: string;
  paidBy: string;
  method: string;
  currency: string;
  amount: string;
  groupAmount: string;
  rate: string;
  category: string | null;
  splits: SplitRecord[];
}

const RATE = /^\d{1,20}(\.\d{1,18})?$/;

/**
 * Group expenses with each member's part as booked (the conversion kept, not done again), and
 * the owner's shares linked to their transactions of the export.
 */
export function groupExpensesSection(
  dataSource: DataSource,
  ledgers: LedgerAccessService,
): PortableSection<GroupExpenseRecord> {
  const name = 'groupExpenses';
  return {
    name,
    export: ({ ledgerId }) =>
      once(async () => {
        const [expenses, currencies, owner] = await Promise.all([
          dataSource.manager.find(GroupExpense, { where: { ledgerId }, order: { id: 'ASC' } }),
          groupCurrencies(dataSource, ledgerId),
          personalUserOf(ledgers, ledgerId),
        ]);
        const ids = expenses.map((e) => e.id);
        const [splits, members] =
          ids.length === 0
            ? [[], []]
            : await Promise.all([
                dataSource.manager.find(GroupExpenseSplit, { where: { expenseId: In(ids) } }),
                dataSource.manager.find(GroupMember, { where: { ledgerId } }),
              ]);
        const position = new Map(members.map((m) => [m.id, m.position]));
        return expenses.map((e) => {
          const digits = currencyDigits(currencies.get(e.groupId) ?? e.currency);
          return {
            group: String(e.groupId),
            description: e.description,
            date: e.date,
            paidBy: String(e.paidByMemberId),
            method: e.method,
            currency: e.currency,
            amount: fromMinor(BigInt(e.amountMinor), currencyDigits(e.currency)),
            groupAmount: fromMinor(BigInt(e.groupAmountMinor), digits),
            rate: e.rate,
            category: e.category,
            splits: splits
              .filter((s) => s.expenseId === e.id)
              .sort((a, b) => (position.get(a.memberId) ?? 0) - (position.get(b.memberId) ?? 0))
              .map((s) => ({
                member: String(s.memberId),
                value: s.value,
                amount: fromMinor(BigInt(s.amountMinor), digits),
                shareTransaction:
                  s.shareTransactionId !== null && owner !== null && s.shareUserId === owner
                    ? String(s.shareTransactionId)
                    : null,
              })),
          };
        });
      }),
    async restore(records, { scope, manager, ids }) {
      const owner = await personalUserOf(ledgers, scope.ledgerId, manager);
      // A share can be linked only where the restoring user's shares are booked.
      const sharesHere = owner === scope.user.id;
      const currencies = new Map(
        (await manager.find(SplitGroup, { where: { ledgerId: scope.ledgerId } })).map((g) => [
          g.id,
          g.currency,
        ]),
      );
      const now = new Date();
      for (const index of records.keys()) {
        const record = recordAt(name, records, index);
        const fail = (field: string, reason: string) =>
          new RestoreError(name, index, field, reason);
        const groupId = groupOf(ids, name, index, record.group);
        const groupDigits = currencyDigits(currencies.get(groupId) as string);
        const paidBy = memberOf(ids, groupId, record.paidBy, () =>
          fail('paidBy', 'names no member of the group'),
        );
        if (!(Object.values(SplitMethod) as unknown[]).includes(record.method)) {
          throw fail('method', `must be one of ${Object.values(SplitMethod).join(', ')}`);
        }
        if (
          typeof record.rate !== 'string' ||
          !RATE.test(record.rate) ||
          Number(record.rate) <= 0
        ) {
          throw fail('rate', 'must be a positive decimal number');
        }
        const fields = checked(name, index, record, () => {
          const currency = requireCurrency(record.currency, 'currency');
          return {
            description: requireText(record.description, 'description', 'Description', 150),
            date: requireDay(record.date, 'date'),
            currency,
            amountMinor: Number(
              requireAmount(
                record.amount,
                'amount',
                'Amount',
                currencyDigits(currency),
                'positive',
              ),
            ),
            groupAmountMinor: requireAmount(
              record.groupAmount,
              'groupAmount',
              'Group amount',
              groupDigits,
              'positive',
            ),
            category:
              record.category === null || record.category === undefined
                ? null
                : requireCategoryName(record.category),
          };
        });
        if (!Array.isArray(record.splits) || record.splits.length === 0) {
          throw fail('splits', 'must list the members who share it');
        }
        const seen = new Set<number>();
        let total = 0n;
        const parts = record.splits.map((value: unknown, at: number) => {
          const split = (value ?? {}) as Record<string, unknown>;
          const field = `splits[${at}]`;
          const memberId = memberOf(ids, groupId, split.member, () =>
            fail(`${field}.member`, 'names no member of the group'),
          );
          if (seen.has(memberId)) throw fail(`${field}.member`, 'is listed twice');
          seen.add(memberId);
          if (
            split.value !== null &&
            (typeof split.value !== 'string' || split.value.length > 30)
          ) {
            throw fail(`${field}.value`, 'must be a short text or null');
          }
          const amountMinor = checked(name, index, record, () =>
            requireAmount(split.amount, `${field}.amount`, 'Part', groupDigits, 'non-negative'),
          );
          total += amountMinor;
          let shareTransactionId: number | null = null;
          if (split.shareTransaction !== null && split.shareTransaction !== undefined) {
            const id = ids.get('transactions', String(split.shareTransaction));
            if (id === undefined) {
              throw fail(`${field}.shareTransaction`, "names no transaction of the export's");
            }
            shareTransactionId = sharesHere ? id : null;
          }
          return { memberId, value: split.value, amountMinor, shareTransactionId };
        });
        if (total !== fields.groupAmountMinor) {
          throw fail('splits', 'the parts must add up to the group amount');
        }
        const expense = manager.create(GroupExpense, {
          ...fields,
          groupAmountMinor: Number(fields.groupAmountMinor),
          groupId,
          ledgerId: scope.ledgerId,
          paidByMemberId: paidBy,
          method: record.method as SplitMethod,
          rate: record.rate,
          createdByUserId: scope.user.id,
          createdAt: now,
          updatedAt: now,
        });
        await manager.insert(GroupExpense, expense);
        for (const part of parts) {
          await manager.insert(GroupExpenseSplit, {
            expenseId: expense.id,
            groupId,
            memberId: part.memberId,
            value: part.value as string | null,
            amountMinor: Number(part.amountMinor),
            shareUserId: part.shareTransactionId === null ? null : scope.user.id,
            shareTransactionId: part.shareTransactionId,
          });
        }
      }
      return records.length;
    },
    csvColumns: [
      { name: 'group', type: 'text', value: (r) => r.group },
      { name: 'date', type: 'date', value: (r) => r.date },
      { name: 'description', type: 'text', value: (r) => r.description },
      { name: 'paidBy', type: 'text', value: (r) => r.paidBy },
      { name: 'method', type: 'text', value: (r) => r.method },
      { name: 'amount', type: 'amount', value: (r) => r.amount },
      { name: 'currency', type: 'text', value: (r) => r.currency },
      { name: 'groupAmount', type: 'amount', value: (r) => r.groupAmount },
      { name: 'rate', type: 'number', value: (r) => r.rate },
      { name: 'category', type: 'text', value: (r) => r.category },
      {
        name: 'splits',
        type: 'text',
        value: (r) => r.splits.map((s) => `${s.member}:${s.amount}`).join(' '),
      },
    ],
  };
}
