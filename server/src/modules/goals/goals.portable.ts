import { In, type DataSource } from 'typeorm';
import { currencyDigits } from '../../lib/currencies';
import { fromMinor } from '../../lib/money';
import {
  checkedAsync,
  idOf,
  once,
  recordAt,
  RestoreError,
  type PortableSection,
} from '../export/portable';
import { Goal, GoalAccount, GoalContribution } from './goal.entity';
import type { GoalService } from './goal.service';

export interface ContributionRecord {
  date: string;
  amount: string;
  note: string | null;
}

export interface GoalRecord {
  name: string;
  currency: string;
  targetAmount: string;
  targetDate: string | null;
  milestoneReached: number;
  /** Export ids of the accounts whose balances count towards the goal. */
  accounts: string[];
  /** In the goal's `currency`. */
  contributions: ContributionRecord[];
}

const MILESTONES = [0, 25, 50, 75, 100];

/** Savings goals, each with its linked accounts and its contributions. */
export function goalsSection(
  dataSource: DataSource,
  goals: GoalService,
): PortableSection<GoalRecord> {
  const name = 'goals';
  return {
    name,
    export: ({ ledgerId }) =>
      once(async () => {
        const rows = await dataSource.manager.find(Goal, {
          where: { ledgerId },
          order: { id: 'ASC' },
        });
        const goalIds = rows.map((g) => g.id);
        const [links, contributions] =
          goalIds.length === 0
            ? [[], []]
            : await Promise.all([
                dataSource.manager.find(GoalAccount, {
                  where: { goalId: In(goalIds) },
                  order: { accountId: 'ASC' },
                }),
                dataSource.manager.find(GoalContribution, {
                  where: { goalId: In(goalIds) },
                  order: { date: 'ASC', id: 'ASC' },
                }),
              ]);
        return rows.map((g) => {
          const digits = currencyDigits(g.currency);
          return {
            name: g.name,
            currency: g.currency,
            targetAmount: fromMinor(BigInt(g.targetAmountMinor), digits),
            targetDate: g.targetDate,
            milestoneReached: g.milestoneReached,
            accounts: links.filter((l) => l.goalId === g.id).map((l) => String(l.accountId)),
            contributions: contributions
              .filter((c) => c.goalId === g.id)
              .map((c) => ({
                date: c.date,
                amount: fromMinor(BigInt(c.amountMinor), digits),
                note: c.note,
              })),
          };
        });
      }),
    async restore(records, { scope, manager, ids }) {
      for (const index of records.keys()) {
        const record = recordAt(name, records, index);
        const fail = (field: string, reason: string) =>
          new RestoreError(name, index, field, reason, idOf(record));
        if (!MILESTONES.includes(record.milestoneReached as number)) {
          throw fail('milestoneReached', `must be one of ${MILESTONES.join(', ')}`);
        }
        if (!Array.isArray(record.accounts)) throw fail('accounts', 'must be a list');
        const accountIds = record.accounts.map((value: unknown) => {
          const id = ids.get('accounts', String(value));
          if (id === undefined)
            throw fail(
              'accounts',
              `names the account "${String(value)}", which is not in the export's accounts`,
            );
          return id;
        });
        if (!Array.isArray(record.contributions)) throw fail('contributions', 'must be a list');
        const contributions = record.contributions.map((value: unknown, at: number) => {
          if (typeof value !== 'object' || value === null) {
            throw fail(`contributions[${at}]`, 'must be an object');
          }
          return value as Record<string, unknown>;
        });
        await checkedAsync(name, index, record, () =>
          goals.restore(
            scope,
            {
              name: record.name,
              currency: record.currency,
              targetAmount: record.targetAmount,
              targetDate: record.targetDate,
            },
            {
              milestoneReached: record.milestoneReached as number,
              accountIds,
              contributions,
            },
            manager,
          ),
        );
      }
      return records.length;
    },
    csvColumns: [
      { name: 'name', type: 'text', value: (r) => r.name },
      { name: 'currency', type: 'text', value: (r) => r.currency },
      { name: 'targetAmount', type: 'amount', value: (r) => r.targetAmount },
      { name: 'targetDate', type: 'date', value: (r) => r.targetDate },
      { name: 'milestoneReached', type: 'number', value: (r) => r.milestoneReached },
      { name: 'accounts', type: 'text', value: (r) => r.accounts.join(' ') },
      { name: 'contributions', type: 'number', value: (r) => r.contributions.length },
    ],
  };
}
