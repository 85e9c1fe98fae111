import { createHmac, timingSafeEqual } from 'node:crypto';
import { IsNull, Not, type DataSource } from 'typeorm';
import { addDays, addMonths, monthOf, monthRange, today } from '../../lib/dates';
import type { LedgerAccessService } from '../ledger-access/ledger-access.service';
import type { JobService } from '../jobs/job.service';
import type { MailService } from '../mail/mail.service';
import type { UserService } from '../users/user.service';
import { reportPdf } from './report-files';
import type { ReportService, ReportSpec } from './report.service';
import { ReportSchedule } from './report.types';
import { SavedReportRecord } from './saved-report.entity';

export const REPORT_MAIL_JOB = 'reports.mail';

export interface ReportPeriod {
  /** Names the period: the week's Monday (YYYY-MM-DD) or the month (YYYY-MM). */
  key: string;
  from: string;
  to: string;
}

/**
 * The last whole week (Monday to Sunday) or month before `now`. A run that was missed finds
 * the same period later, so downtime delays a mail but does not lose it.
 */
export function lastPeriod(schedule: string, now: Date): ReportPeriod {
  const day = today(now);
  if (schedule === ReportSchedule.MONTHLY) {
    const month = addMonths(monthOf(day), -1);
    const { start, last } = monthRange(month);
    return { key: month, from: start, to: last };
  }
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  const from = addDays(day, -weekday - 7);
  return { key: from, from, to: addDays(from, 6) };
}

const sign = (record: Pick<SavedReportRecord, 'id' | 'unsubscribeSecret'>) =>
  createHmac('sha256', record.unsubscribeSecret)
    .update(`unsubscribe:${record.id}`)
    .digest('base64url');

/**
 * Mails scheduled reports with their PDF through the job runner, and stops them by the signed
 * link each mail carries (the key is per report, in the database, so any instance checks it).
 */
export class ReportMailService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportService,
    private readonly ledgers: LedgerAccessService,
    private readonly users: UserService,
    private readonly jobs: JobService,
    private readonly mail: MailService,
    private readonly appUrl: string,
  ) {}

  /** One mail job per scheduled report whose last period has not been mailed yet. */
  async enqueueDue(now: Date): Promise<number> {
    const scheduled = await this.dataSource.manager.find(SavedReportRecord, {
      where: { schedule: Not(IsNull()), email: true },
    });
    let enqueued = 0;
    for (const record of scheduled) {
      const period = lastPeriod(record.schedule as string, now);
      if (record.lastSentPeriod === period.key) continue;
      // Keyed by report and period: a second tick (or instance) makes no second job.
      if (
        await this.jobs.enqueue({
          type: REPORT_MAIL_JOB,
          key: `${record.id}|${period.key}`,
          payload: { savedReportId: record.id, ...period },
        })
      ) {
        enqueued++;
      }
    }
    return enqueued;
  }

  /** Sends one period's mail; nothing when the report was deleted, unscheduled or sent. */
  async send(payload: { savedReportId: number } & ReportPeriod): Promise<void> {
    const record = await this.dataSource.manager.findOne(SavedReportRecord, {
      where: { id: payload.savedReportId },
    });
    if (!record || !record.email || !record.schedule || record.lastSentPeriod === payload.key) {
      return;
    }
    const user = await this.users.findById(record.userId);
    if (!user?.email) return;
    // Through the ledger's access check: someone who left the ledger gets no more of its reports.
    const scope = await this.ledgers.scope(user, record.ledgerId, 'read');
    const spec = JSON.parse(record.input) as ReportSpec;
    const document = await this.reports.document(
      scope,
      { ...spec, from: payload.from, to: payload.to },
      record.name,
    );
    const pdf = await reportPdf(document, 'A4');
    const url = this.unsubscribeUrl(record);
    await this.mail.send({
      to: user.email,
      subject: `${record.name}: ${payload.from} to ${payload.to}`,
      text:
        `Your ${record.schedule.toLowerCase()} report "${record.name}" is attached.\n` +
        `Spending from ${payload.from} to ${payload.to}: ${document.total} ${document.currency} ` +
        `in ${document.count} transaction${document.count === 1 ? '' : 's'}.\n\n` +
        `Stop these mails: ${url}\n`,
      attachments: [
        { filename: `report-${payload.key}.pdf`, content: pdf, contentType: 'application/pdf' },
      ],
      // RFC 8058: mail clients offer "unsubscribe" and POST to the URL without opening it.
      headers: {
        'List-Unsubscribe': `<${url}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
    await this.dataSource.manager.update(
      SavedReportRecord,
      { id: record.id },
      { lastSentPeriod: payload.key },
    );
  }

  unsubscribeUrl(record: Pick<SavedReportRecord, 'id' | 'unsubscribeSecret'>): string {
    return `${this.appUrl}/api/reports/unsubscribe?token=${record.id}.${sign(record)}`;
  }

  /** The report a token names when its signature holds (else null). */
  async verify(token: unknown): Promise<SavedReportRecord | null> {
    if (typeof token !== 'string') return null;
    const match = /^([1-9]\d{0,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return null;
    const record = await this.dataSource.manager.findOne(SavedReportRecord, {
      where: { id: Number(match[1]) },
    });
    if (!record) return null;
    const expected = Buffer.from(sign(record));
    const given = Buffer.from(match[2]);
    return expected.length === given.length && timingSafeEqual(expected, given) ? record : null;
  }

  /** Stops the mails of the token's report; false when the token does not hold. */
  async unsubscribe(token: unknown): Promise<boolean> {
    const record = await this.verify(token);
    if (!record) return false;
    await this.dataSource.manager.update(
      SavedReportRecord,
      { id: record.id },
      { email: false, schedule: null, updatedAt: new Date() },
    );
    return true;
  }
}
