import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { badInput, notFound } from '../../errors';
import { currencyDigits } from '../../lib/currencies';
import { daysBetween } from '../../lib/dates';
import { parseId } from '../../lib/ids';
import { fromMinor, money } from '../../lib/money';
import { requireDay, requireText } from '../../lib/validate';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import type { LedgerTotalsService } from '../ledger/ledger-totals.service';
import type { ReportQuery } from '../ledger/ledger-report';
import { NOT_DEDUCTIBLE, type TaxService } from '../tax/tax.service';
import type { ReportDocument } from './report-document';
import {
  ReportGroupBy,
  ReportSchedule,
  type Report,
  type ReportInput,
  type SavedReport,
} from './report.types';
import { SavedReportRecord } from './saved-report.entity';

const NAME_MAX = 100;
/** Ten years of days: a report is about a period, and this bounds what one query reads. */
const PERIOD_MAX_DAYS = 3660;
const FILTER_MAX = 100;
const SAVED_MAX = 100;

/** A report's parameters, checked: what the ledger's read takes. */
export interface ReportSpec {
  from: string;
  to: string;
  groupBy: ReportGroupBy;
  accountIds: string[] | null;
  categories: string[] | null;
  /** Only expenses marked deductible (by their category or themselves). */
  taxDeductibleOnly: boolean;
}

/** total / count in minor units, half away from zero; 0 for no rows. */
export function averageMinor(total: bigint, count: number): bigint {
  if (count === 0) return 0n;
  const n = BigInt(count);
  const half = total >= 0n ? (2n * total + n) / (2n * n) : -((-2n * total + n) / (2n * n));
  return half;
}

/** Checks a ReportInput (from the API, a query string or a saved report). */
export function requireReportInput(input: Partial<Record<keyof ReportInput, unknown>>): ReportSpec {
  const from = requireDay(input.from, 'from', 'From');
  const to = requireDay(input.to, 'to', 'To');
  if (to < from) throw badInput('to', 'To must not be before From');
  if (daysBetween(from, to) > PERIOD_MAX_DAYS) {
    throw badInput('to', 'A report covers at most 10 years');
  }
  if (
    typeof input.groupBy !== 'string' ||
    !(Object.values(ReportGroupBy) as string[]).includes(input.groupBy)
  ) {
    throw badInput('groupBy', 'Group by must be MONTH, CATEGORY, PAYEE, ACCOUNT or TAX_CATEGORY');
  }
  const deductible = input.taxDeductibleOnly;
  if (deductible !== undefined && deductible !== null && typeof deductible !== 'boolean') {
    throw badInput('taxDeductibleOnly', 'Tax-deductible only must be true or false');
  }
  const list = (value: unknown, field: string): string[] | null => {
    if (value === undefined || value === null) return null;
    if (!Array.isArray(value) || value.length > FILTER_MAX) {
      throw badInput(field, `At most ${FILTER_MAX} may be chosen`);
    }
    const items = value.map((item) => requireText(item, field, 'A filter value', NAME_MAX));
    return items.length === 0 ? null : [...new Set(items)];
  };
  const accountIds = list(input.accountIds, 'accountIds');
  if (accountIds?.some((id) => parseId(id) === null)) {
    throw badInput('accountIds', 'Account ids must be ids of accounts');
  }
  return {
    from,
    to,
    groupBy: input.groupBy as ReportSpec['groupBy'],
    accountIds,
    categories: list(input.categories, 'categories'),
    taxDeductibleOnly: deductible === true,
  };
}

/** Reports over the ledger's spending, and the reports people save. */
export class ReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledgerTotals: LedgerTotalsService,
    private readonly tax: TaxService,
  ) {}

  async run(
    scope: LedgerScope,
    input: Partial<Record<keyof ReportInput, unknown>>,
  ): Promise<Report> {
    const spec = requireReportInput(input);
    const currency = scope.user.currency;
    const digits = currencyDigits(currency);
    const query: ReportQuery = {
      from: spec.from,
      to: spec.to,
      groupBy: spec.groupBy === ReportGroupBy.TAX_CATEGORY ? 'LABEL' : spec.groupBy,
      accountIds: spec.accountIds?.map(Number),
      categories: spec.categories ?? undefined,
    };
    // Tax marks only through the tax module: its ids, which the ledger's read filters by.
    if (spec.groupBy === ReportGroupBy.TAX_CATEGORY || spec.taxDeductibleOnly) {
      const marks = await this.tax.reportMarks(scope.ledgerId);
      query.labels = { labels: marks.labels, other: NOT_DEDUCTIBLE };
      if (spec.taxDeductibleOnly) query.only = marks.deductible;
    }
    const rows = await this.ledgerTotals.report(scope.ledgerId, query);
    const totalMinor = rows.reduce((sum, row) => sum + row.totalMinor, 0n);
    const count = rows.reduce((sum, row) => sum + row.count, 0);
    return {
      rows: rows.map((row) => ({
        key: row.key,
        id: row.id === null ? null : String(row.id),
        total: money(row.totalMinor, digits),
        count: row.count,
        average: money(averageMinor(row.totalMinor, row.count), digits),
      })),
      total: money(totalMinor, digits),
      count,
      average: money(averageMinor(totalMinor, count), digits),
      currency,
      from: spec.from,
      to: spec.to,
      groupBy: spec.groupBy,
      taxDeductibleOnly: spec.taxDeductibleOnly,
    };
  }

  /** The report as the export files print it. */
  async document(
    scope: LedgerScope,
    input: Partial<Record<keyof ReportInput, unknown>>,
    title = 'Spending report',
  ): Promise<ReportDocument> {
    const report = await this.run(scope, input);
    const text = (m: { minor: bigint; digits: number }) => fromMinor(m.minor, m.digits);
    return {
      title,
      from: report.from,
      to: report.to,
      groupBy: report.groupBy,
      taxDeductibleOnly: report.taxDeductibleOnly,
      currency: report.currency,
      digits: currencyDigits(report.currency),
      rows: report.rows.map((row) => ({
        key: row.key,
        total: text(row.total),
        count: row.count,
        average: text(row.average),
      })),
      total: text(report.total),
      count: report.count,
      average: text(report.average),
    };
  }

  async list(scope: LedgerScope): Promise<SavedReport[]> {
    const records = await this.dataSource.manager.find(SavedReportRecord, {
      where: { ledgerId: scope.ledgerId },
      order: { id: 'ASC' },
    });
    return records.map(view);
  }

  /** A saved report of the ledger, or NOT_FOUND. */
  async get(scope: LedgerScope, id: unknown): Promise<SavedReportRecord> {
    const key = parseId(String(id));
    const record =
      key === null
        ? null
        : await this.dataSource.manager.findOne(SavedReportRecord, {
            where: { id: key, ledgerId: scope.ledgerId },
          });
    if (!record) throw notFound('Saved report');
    return record;
  }

  /**
   * Saves a new report, or over the one named by `id`. A schedule mails it to the one saving it
   * (email defaults to true with a schedule); each save makes a new unsubscribe key.
   */
  async save(
    scope: LedgerScope,
    fields: {
      id?: unknown;
      name: unknown;
      input: ReportInput;
      schedule?: unknown;
      email?: unknown;
    },
  ): Promise<SavedReport> {
    const name = requireText(fields.name, 'name', 'Name', NAME_MAX);
    const spec = requireReportInput(fields.input);
    const schedule = fields.schedule ?? null;
    if (
      schedule !== null &&
      schedule !== ReportSchedule.WEEKLY &&
      schedule !== ReportSchedule.MONTHLY
    ) {
      throw badInput('schedule', 'Schedule must be WEEKLY, MONTHLY or none');
    }
    const email =
      fields.email === undefined || fields.email === null
        ? schedule !== null
        : fields.email === true;
    if (email && schedule === null) {
      throw badInput('schedule', 'Choose weekly or monthly to have the report mailed');
    }
    const now = new Date();
    const values = {
      name,
      input: JSON.stringify(spec),
      schedule: schedule as string | null,
      email,
      userId: scope.user.id,
      unsubscribeSecret: randomBytes(32).toString('hex'),
      updatedAt: now,
    };
    const manager = this.dataSource.manager;
    if (fields.id !== undefined && fields.id !== null) {
      const record = await this.get(scope, fields.id);
      await manager.update(SavedReportRecord, { id: record.id }, values);
      return view({ ...record, ...values });
    }
    if (
      (await manager.count(SavedReportRecord, { where: { ledgerId: scope.ledgerId } })) >= SAVED_MAX
    ) {
      throw badInput('name', `A ledger keeps at most ${SAVED_MAX} saved reports`);
    }
    const record = manager.create(SavedReportRecord, {
      ...values,
      ledgerId: scope.ledgerId,
      lastSentPeriod: null,
      createdAt: now,
    });
    await manager.insert(SavedReportRecord, record);
    return view(record);
  }

  async delete(scope: LedgerScope, id: unknown): Promise<boolean> {
    const record = await this.get(scope, id);
    await this.dataSource.manager.delete(SavedReportRecord, { id: record.id });
    return true;
  }
}

export function view(record: SavedReportRecord): SavedReport {
  // Reports saved before the tax filter existed have no taxDeductibleOnly: false.
  const input = JSON.parse(record.input) as Partial<ReportSpec> &
    Omit<ReportSpec, 'taxDeductibleOnly'>;
  return {
    id: String(record.id),
    name: record.name,
    input: { ...input, taxDeductibleOnly: input.taxDeductibleOnly === true },
    schedule: record.schedule,
    email: record.email,
  };
}
