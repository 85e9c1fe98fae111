import { In, IsNull, LessThanOrEqual, Not, type DataSource } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import { badInput } from '../../errors';
import { moneyText } from '../../lib/money-text';
import type { JobService } from '../jobs/job.service';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import { TransactionKind } from '../ledger/transaction.entity';
import type { CurrencyConverter } from '../ledger/conversion';
import type { MailService } from '../mail/mail.service';
import type { NotificationService } from '../notifications/notification.service';
import type { SettingsService } from '../settings/settings.service';
import { addDays, occurrencesBetween, todayIn } from './recurrence';
import type { OccurrenceStatus } from './recurring-occurrence.entity';
import { RecurringMode, RecurringRule } from './recurring-rule.entity';
import { recurrenceOf, type RecurringService } from './recurring.service';

export interface UpcomingBill {
  rule: RecurringRule;
  date: string;
  amountMinor: number;
  /** An expected payment whose date has passed without a match or confirmation. */
  overdue: boolean;
}

/** An occurrence whose day has come: still OPEN, or already posted, matched or confirmed. */
export interface DueBill {
  rule: RecurringRule;
  date: string;
  status: Exclude<OccurrenceStatus, 'SKIPPED'> | 'OPEN';
  transactionId: number | null;
}

/** How many days back a bill still counts as just come due: catch-up after downtime. */
export const DUE_CATCH_UP_DAYS = 7;
export const UPCOMING_DAYS_MAX = 366;
export const REMINDER_MAIL_JOB = 'recurring.reminder-mail';
const BILLS_MAX = 500;

/** What is due: upcoming bills, the monthly cost of subscriptions, reminders. */
export class BillsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly recurring: RecurringService,
    private readonly settings: SettingsService,
    private readonly notifications: NotificationService,
    private readonly rates: CurrencyConverter,
    private readonly jobs: JobService,
    private readonly mail: MailService,
  ) {}

  /** The caller's "today" in their time zone. */
  async today(userId: number, now: Date = new Date()): Promise<string> {
    return todayIn((await this.settings.get(userId)).timeZone, now);
  }

  /**
   * Expenses of the ledger's rules (AUTO and EXPECT, paused ones left out) due from today to
   * `days` ahead, by date; expected payments still open from before today come first, overdue.
   */
  async upcoming(
    scope: LedgerScope,
    days: number,
    now: Date = new Date(),
  ): Promise<UpcomingBill[]> {
    if (!Number.isInteger(days) || days < 1 || days > UPCOMING_DAYS_MAX) {
      throw badInput('days', `days must be 1 to ${UPCOMING_DAYS_MAX}`);
    }
    const today = await this.today(scope.user.id, now);
    const rules = await this.dataSource.manager.find(RecurringRule, {
      where: {
        ledgerId: scope.ledgerId,
        paused: false,
        kind: TransactionKind.EXPENSE,
        nextDate: Not(IsNull()),
      },
    });
    return this.billsOf(rules, today, addDays(today, days - 1));
  }

  /** The rules' bills up to `last`: their handled dates read for all rules in one statement. */
  private async billsOf(
    rules: RecurringRule[],
    today: string,
    last: string,
  ): Promise<UpcomingBill[]> {
    const due = rules.filter(
      (rule): rule is RecurringRule & { nextDate: string } =>
        rule.nextDate !== null && rule.nextDate <= last,
    );
    const handled = await this.recurring.handledFromEach(
      due.map((rule) => ({ ruleId: rule.id, from: rule.nextDate })),
      this.dataSource.manager,
    );
    const bills: UpcomingBill[] = [];
    for (const rule of due) {
      const done = handled.get(rule.id) ?? new Set<string>();
      const recurrence = recurrenceOf(rule);
      const overdueFrom = rule.mode === RecurringMode.EXPECT ? rule.nextDate : today;
      for (const date of occurrencesBetween(recurrence, overdueFrom, last, BILLS_MAX)) {
        if (done.has(date)) continue;
        bills.push({ rule, date, amountMinor: rule.amountMinor, overdue: date < today });
      }
    }
    return bills
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.rule.id - b.rule.id))
      .slice(0, BILLS_MAX);
  }

  /**
   * What the ledger's recurring expenses cost per month, in the reporting currency: the next
   * twelve months' occurrences (from today) of every rule that is not paused, converted at
   * today's rate, divided by 12 and rounded half up once. A weekly 10.00 is 43.33 or 43.50
   * depending on how many weeks the coming year holds: the honest average, not 52/12.
   */
  async monthlyCost(scope: LedgerScope, now: Date = new Date()): Promise<bigint> {
    const today = await this.today(scope.user.id, now);
    const rules = await this.dataSource.manager.find(RecurringRule, {
      where: {
        ledgerId: scope.ledgerId,
        paused: false,
        kind: TransactionKind.EXPENSE,
        nextDate: Not(IsNull()),
      },
    });
    let yearly = 0n;
    for (const rule of rules) {
      // A year from the rule's next date, not from today: a monthly bill first due next month
      // still costs its amount a month (a year from today would hold only 11 of them).
      const from = rule.nextDate && rule.nextDate > today ? rule.nextDate : today;
      const count = occurrencesBetween(recurrenceOf(rule), from, addDays(from, 364), 400).length;
      if (count === 0) continue;
      const converted = await this.rates.convert(
        scope.ledgerId,
        BigInt(rule.amountMinor) * BigInt(count),
        rule.currency,
        scope.user.currency,
        today,
      );
      yearly += converted.amountMinor;
    }
    return (yearly + 6n) / 12n;
  }

  /**
   * For every user with reminders on: a notification, and a mail sent by a job, for each bill
   * due within their chosen days. Keyed by rule and date, so each occurrence reminds once.
   */
  async sendReminders(now: Date): Promise<number> {
    const users = await this.settings.reminderUsers();
    let sent = 0;
    for (const user of users) {
      const today = todayIn(user.timeZone, now);
      const last = addDays(today, user.reminderDaysBefore);
      const rules = await this.dataSource.manager.find(RecurringRule, {
        where: {
          createdByUserId: user.userId,
          paused: false,
          kind: TransactionKind.EXPENSE,
          nextDate: LessThanOrEqual(last),
        },
        take: 200,
      });
      for (const bill of await this.billsOf(rules, today, last)) {
        if (bill.overdue) continue;
        const amount = moneyText(BigInt(bill.amountMinor), bill.rule.currency);
        const key = `reminder:${bill.rule.id}:${bill.date}`;
        const title = `${bill.rule.name} is due on ${bill.date}`;
        const body = `${amount}${bill.rule.payee ? ` to ${bill.rule.payee}` : ''}`;
        const added = await inTransaction(this.dataSource, async (manager) => {
          const isNew = await this.notifications.add(
            { userId: user.userId, key, kind: 'REMINDER', title, body },
            manager,
          );
          if (isNew) {
            await this.jobs.enqueue(
              {
                type: REMINDER_MAIL_JOB,
                key: `${user.userId}:${key}`,
                payload: { userId: user.userId, title, body },
              },
              manager,
            );
          }
          return isNew;
        });
        if (added) sent++;
      }
    }
    return sent;
  }

  /**
   * The occurrences of the ledgers' recurring expenses (paused rules left out) whose day has come
   * in their creator's time zone, in the last DUE_CATCH_UP_DAYS days, oldest first; skipped ones
   * left out. An AUTO bill counts once it is posted (status POSTED): one not posted yet (the
   * posting job has not reached it) is left for a later run, so that nothing calls a bill the
   * app is about to pay itself OPEN.
   */
  async dueOccurrences(ledgerIds: number[], now: Date): Promise<DueBill[]> {
    if (ledgerIds.length === 0) return [];
    const rules = await this.dataSource.manager.find(RecurringRule, {
      where: { ledgerId: In(ledgerIds), paused: false, kind: TransactionKind.EXPENSE },
      order: { id: 'ASC' },
    });
    const zones = await this.settings.timeZones(rules.map((r) => r.createdByUserId));
    const due: DueBill[] = [];
    for (const rule of rules) {
      const today = todayIn(zones.get(rule.createdByUserId) ?? null, now);
      const from = addDays(today, 1 - DUE_CATCH_UP_DAYS);
      const dates = occurrencesBetween(recurrenceOf(rule), from, today, DUE_CATCH_UP_DAYS);
      if (dates.length === 0) continue;
      const handled = await this.recurring.occurrencesBetween(rule.id, from, today);
      for (const date of dates) {
        const occurrence = handled.get(date);
        if (occurrence?.status === 'SKIPPED') continue;
        if (!occurrence && rule.mode === RecurringMode.AUTO) continue;
        due.push({
          rule,
          date,
          status: occurrence ? (occurrence.status as DueBill['status']) : 'OPEN',
          transactionId: occurrence?.transactionId ?? null,
        });
      }
    }
    return due.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.rule.id - b.rule.id));
  }

  /** The reminder mail job: the address is read when it is sent. */
  async mailReminder(
    payload: { userId: number; title: string; body: string },
    email: string | null,
  ): Promise<void> {
    if (!email) return;
    await this.mail.send({
      to: email,
      subject: payload.title,
      text: `${payload.title}: ${payload.body}.\n\nYou get these reminders because you turned them on in Settings.`,
    });
  }
}
