import { In, type DataSource } from 'typeorm';
import { currencyDigits } from '../../lib/currencies';
import { fromMinor } from '../../lib/money';
import { requireDay } from '../../lib/validate';
import {
  checked,
  checkedAsync,
  idOf,
  once,
  recordAt,
  RestoreError,
  type IdMap,
} from '../export/portable';
import type { PortableSection } from '../export/portable';
import { RecurringOccurrence, type OccurrenceStatus } from './recurring-occurrence.entity';
import { RecurringRule } from './recurring-rule.entity';
import type { RecurringService, RestoredOccurrence } from './recurring.service';

export interface OccurrenceRecord {
  date: string;
  status: OccurrenceStatus;
  transaction: string | null;
}

export interface RecurringRuleRecord {
  id: string;
  name: string;
  rrule: string;
  startDate: string;
  mode: string;
  kind: string;
  amount: string;
  currency: string;
  account: string;
  toAccount: string | null;
  category: string | null;
  payee: string | null;
  description: string;
  paused: boolean;
  nextDate: string | null;
  /** The dates already handled: without them a restored AUTO rule would post the past again. */
  handled: OccurrenceRecord[];
}

const STATUSES: OccurrenceStatus[] = ['POSTED', 'MATCHED', 'CONFIRMED', 'SKIPPED'];

function accountOf(ids: IdMap, section: string, index: number, value: unknown, field: string) {
  if (value === null || value === undefined) return null;
  const id = ids.get('accounts', String(value));
  if (id === undefined) {
    throw new RestoreError(
      section,
      index,
      field,
      `names the account "${String(value)}", which is not in the export's accounts`,
    );
  }
  return id;
}

/** Recurring rules with their schedule state and the dates they already handled. */
export function recurringRulesSection(
  dataSource: DataSource,
  recurring: RecurringService,
): PortableSection<RecurringRuleRecord> {
  const name = 'recurringRules';
  return {
    name,
    export: ({ ledgerId }) =>
      once(async () => {
        const rules = await dataSource.manager.find(RecurringRule, {
          where: { ledgerId },
          order: { id: 'ASC' },
        });
        const occurrences =
          rules.length === 0
            ? []
            : await dataSource.manager.find(RecurringOccurrence, {
                where: { ruleId: In(rules.map((r) => r.id)) },
                order: { date: 'ASC', id: 'ASC' },
              });
        return rules.map((r) => ({
          id: String(r.id),
          name: r.name,
          rrule: r.rrule,
          startDate: r.startDate,
          mode: r.mode,
          kind: r.kind,
          amount: fromMinor(BigInt(r.amountMinor), currencyDigits(r.currency)),
          currency: r.currency,
          account: String(r.accountId),
          toAccount: r.toAccountId === null ? null : String(r.toAccountId),
          category: r.categoryName,
          payee: r.payee,
          description: r.description,
          paused: r.paused,
          nextDate: r.nextDate,
          handled: occurrences
            .filter((o) => o.ruleId === r.id)
            .map((o) => ({
              date: o.date,
              status: o.status,
              transaction: o.transactionId === null ? null : String(o.transactionId),
            })),
        }));
      }),
    async restore(records, { scope, manager, ids }) {
      for (const index of records.keys()) {
        const record = recordAt(name, records, index);
        const fail = (field: string, reason: string) =>
          new RestoreError(name, index, field, reason, idOf(record));
        const accountId = accountOf(ids, name, index, record.account, 'account');
        if (accountId === null) throw fail('account', 'is required');
        if (typeof record.paused !== 'boolean') throw fail('paused', 'must be true or false');
        const nextDate =
          record.nextDate === null
            ? null
            : checked(name, index, record, () => requireDay(record.nextDate, 'nextDate'));
        if (!Array.isArray(record.handled)) throw fail('handled', 'must be a list');
        const handled: RestoredOccurrence[] = record.handled.map((value: unknown, at: number) => {
          const o = (value ?? {}) as Record<string, unknown>;
          const field = `handled[${at}]`;
          if (!STATUSES.includes(o.status as OccurrenceStatus)) {
            throw fail(`${field}.status`, `must be one of ${STATUSES.join(', ')}`);
          }
          let transactionId: number | null = null;
          if (o.transaction !== null && o.transaction !== undefined) {
            const id = ids.get('transactions', String(o.transaction));
            if (id === undefined) {
              throw fail(`${field}.transaction`, 'names no transaction of the export');
            }
            transactionId = id;
          }
          return {
            date: checked(name, index, record, () => requireDay(o.date, `${field}.date`)),
            status: o.status as OccurrenceStatus,
            transactionId,
          };
        });
        const rule = await checkedAsync(name, index, record, () =>
          recurring.restore(
            scope,
            {
              name: record.name,
              rrule: record.rrule,
              startDate: record.startDate,
              mode: record.mode,
              kind: record.kind,
              amount: record.amount,
              accountId,
              toAccountId: accountOf(ids, name, index, record.toAccount, 'toAccount'),
              category: record.category,
              payee: record.payee,
              description: record.description,
            },
            { paused: record.paused === true, nextDate, handled },
            manager,
          ),
        );
        if (rule.currency !== record.currency) {
          throw fail('currency', `must be the account's currency, ${rule.currency}`);
        }
        const id = idOf(record);
        if (id !== undefined) ids.set(name, id, rule.id);
      }
      return records.length;
    },
    csvColumns: [
      { name: 'id', type: 'text', value: (r) => r.id },
      { name: 'name', type: 'text', value: (r) => r.name },
      { name: 'rrule', type: 'text', value: (r) => r.rrule },
      { name: 'startDate', type: 'date', value: (r) => r.startDate },
      { name: 'mode', type: 'text', value: (r) => r.mode },
      { name: 'kind', type: 'text', value: (r) => r.kind },
      { name: 'amount', type: 'amount', value: (r) => r.amount },
      { name: 'currency', type: 'text', value: (r) => r.currency },
      { name: 'account', type: 'text', value: (r) => r.account },
      { name: 'toAccount', type: 'text', value: (r) => r.toAccount },
      { name: 'category', type: 'text', value: (r) => r.category },
      { name: 'payee', type: 'text', value: (r) => r.payee },
      { name: 'description', type: 'text', value: (r) => r.description },
      { name: 'paused', type: 'boolean', value: (r) => r.paused },
      { name: 'nextDate', type: 'date', value: (r) => r.nextDate },
      { name: 'handledDates', type: 'number', value: (r) => r.handled.length },
    ],
  };
}
