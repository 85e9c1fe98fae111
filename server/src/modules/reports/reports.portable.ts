import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { requireText } from '../../lib/validate';
import { checked, once, recordAt, RestoreError, type PortableSection } from '../export/portable';
import type { AccountService } from '../ledger/account.service';
import { ReportSchedule } from './report.types';
import { requireReportInput, type ReportSpec } from './report.service';
import { SavedReportRecord } from './saved-report.entity';

export interface ReportRecord {
  name: string;
  input: {
    from: string;
    to: string;
    groupBy: string;
    /** Export ids of the accounts the report is limited to; null: all. */
    accounts: string[] | null;
    categories: string[] | null;
  };
  schedule: string | null;
  email: boolean;
  /** The last period mailed (`2025-W14`, `2025-03`): a restored schedule does not mail it again. */
  lastSentPeriod: string | null;
}

const SAVED_MAX = 100;
const PERIOD = /^\d{4}-(W\d{2}|\d{2})$/;

/**
 * Saved reports with their schedules. A restored schedule mails the restoring user; its
 * unsubscribe key is new (the old links were the exporting server's).
 */
export function savedReportsSection(
  dataSource: DataSource,
  accounts: AccountService,
): PortableSection<ReportRecord> {
  const name = 'savedReports';
  return {
    name,
    holdsData: async (ledgerId, manager) =>
      (await manager.count(SavedReportRecord, { where: { ledgerId }, take: 1 })) > 0,
    export: ({ ledgerId }) =>
      once(async () => {
        const existing = new Set((await accounts.list(ledgerId)).map((a) => String(a.id)));
        const rows = await dataSource.manager.find(SavedReportRecord, {
          where: { ledgerId },
          order: { id: 'ASC' },
        });
        return rows.map((r) => {
          const spec = JSON.parse(r.input) as ReportSpec;
          // A filter on an account deleted since filters nothing any more: it is left out.
          const kept = spec.accountIds?.filter((id) => existing.has(id)) ?? null;
          return {
            name: r.name,
            input: {
              from: spec.from,
              to: spec.to,
              groupBy: spec.groupBy,
              accounts: kept && kept.length > 0 ? kept : null,
              categories: spec.categories,
            },
            schedule: r.schedule,
            email: r.email,
            lastSentPeriod: r.lastSentPeriod,
          };
        });
      }),
    async restore(records, { scope, manager, ids }) {
      if (records.length > SAVED_MAX) {
        throw new RestoreError(name, null, null, `a ledger keeps at most ${SAVED_MAX} reports`);
      }
      const now = new Date();
      for (const index of records.keys()) {
        const record = recordAt(name, records, index);
        const fail = (field: string, reason: string) =>
          new RestoreError(name, index, field, reason);
        const reportName = checked(name, index, record, () =>
          requireText(record.name, 'name', 'Name', 100),
        );
        const input = record.input as Record<string, unknown> | null;
        if (typeof input !== 'object' || input === null) throw fail('input', 'must be an object');
        let accountIds: string[] | null = null;
        if (input.accounts !== null && input.accounts !== undefined) {
          if (!Array.isArray(input.accounts)) throw fail('input.accounts', 'must be a list');
          accountIds = input.accounts.map((value: unknown) => {
            const id = ids.get('accounts', String(value));
            if (id === undefined) {
              throw fail(
                'input.accounts',
                `names the account "${String(value)}", not in the export`,
              );
            }
            return String(id);
          });
        }
        const spec = checked(name, index, record, () =>
          requireReportInput({
            from: input.from,
            to: input.to,
            groupBy: input.groupBy,
            accountIds,
            categories: input.categories,
          }),
        );
        const { schedule, email, lastSentPeriod } = record;
        if (
          schedule !== null &&
          schedule !== ReportSchedule.WEEKLY &&
          schedule !== ReportSchedule.MONTHLY
        ) {
          throw fail('schedule', 'must be WEEKLY, MONTHLY or null');
        }
        if (typeof email !== 'boolean') throw fail('email', 'must be true or false');
        if (email && schedule === null)
          throw fail('email', 'a report is mailed only on a schedule');
        if (
          lastSentPeriod !== null &&
          (typeof lastSentPeriod !== 'string' || !PERIOD.test(lastSentPeriod))
        ) {
          throw fail('lastSentPeriod', 'must be a week (2025-W14), a month (2025-03) or null');
        }
        await manager.insert(SavedReportRecord, {
          ledgerId: scope.ledgerId,
          userId: scope.user.id,
          name: reportName,
          input: JSON.stringify(spec),
          schedule,
          email,
          unsubscribeSecret: randomBytes(32).toString('hex'),
          lastSentPeriod,
          createdAt: now,
          updatedAt: now,
        });
      }
      return records.length;
    },
    csvColumns: [
      { name: 'name', type: 'text', value: (r) => r.name },
      { name: 'from', type: 'date', value: (r) => r.input.from },
      { name: 'to', type: 'date', value: (r) => r.input.to },
      { name: 'groupBy', type: 'text', value: (r) => r.input.groupBy },
      { name: 'accounts', type: 'text', value: (r) => r.input.accounts?.join(' ') ?? null },
      { name: 'categories', type: 'text', value: (r) => r.input.categories?.join('|') ?? null },
      { name: 'schedule', type: 'text', value: (r) => r.schedule },
      { name: 'email', type: 'boolean', value: (r) => r.email },
      { name: 'lastSentPeriod', type: 'text', value: (r) => r.lastSentPeriod },
    ],
  };
}
