import type { ImportService } from '../imports/import.service';
import type { PriceService } from '../investments/price.service';
import type { RateService } from '../rates/rate.service';
import { READ_RECEIPT_JOB, type ReceiptIntakeService } from '../receipts/receipt-intake.service';
import type { BillsService } from '../recurring/bills.service';
import { REMINDER_MAIL_JOB } from '../recurring/bills.service';
import type { RecurringPostingService } from '../recurring/recurring-posting.service';
import { POST_RULE_JOB } from '../recurring/recurring.service';
import type { ReportMailService } from '../reports/report-mail.service';
import { REPORT_MAIL_JOB } from '../reports/report-mail.service';
import type { UserService } from '../users/user.service';
import {
  DELIVERY_MAX_ATTEMPTS,
  WEBHOOK_DELIVER_JOB,
  WEBHOOK_EVENT_JOB,
  type WebhookService,
} from '../webhooks/webhook.service';
import type { JobRunner } from './job-runner';

export const POST_DUE_JOB = 'recurring.post-due';
export const REMINDERS_JOB = 'recurring.reminders';
export const RATES_REFRESH_JOB = 'rates.refresh';
export const IMPORTS_RESUME_JOB = 'imports.resume';
export const PRICES_REFRESH_JOB = 'prices.refresh';
export const REPORTS_DUE_JOB = 'reports.due';
export const WEBHOOK_SEAL_JOB = 'webhooks.seal-secrets';
export const WEBHOOK_PRUNE_JOB = 'webhooks.prune-events';

/** The application's background work, registered on every instance's runner. */
export function registerJobs(
  runner: JobRunner,
  deps: {
    recurringPosting: RecurringPostingService;
    bills: BillsService;
    users: UserService;
    rates: RateService;
    imports: ImportService;
    receiptIntake: ReceiptIntakeService;
    reportMail: ReportMailService;
    webhooks: WebhookService;
    /** bill.due for the occurrences whose day has come (webhook-sources.ts). */
    announceBillsDue: (now: Date) => Promise<number>;
    ratesUrl: string | undefined;
    prices: PriceService;
    pricesUrl: string | undefined;
  },
): void {
  // Every tick: due occurrences of every rule, caught up after any downtime.
  runner.registerPeriodic(POST_DUE_JOB, { everyMs: 60_000 }, async ({ now }) => {
    await deps.recurringPosting.runDue(now);
  });
  runner.register(POST_RULE_JOB, async ({ payload, now }) => {
    await deps.recurringPosting.runRule((payload as { ruleId: number }).ruleId, now);
  });
  runner.registerPeriodic(REMINDERS_JOB, { everyMs: 15 * 60_000 }, async ({ now }) => {
    // Its period starts before the posting job's minute, so it often runs first in a tick: the
    // AUTO bills due by now are posted first, for bill.due to say POSTED rather than wait a run.
    await deps.recurringPosting.runDue(now);
    await deps.bills.sendReminders(now);
    await deps.announceBillsDue(now);
  });
  runner.register(
    REMINDER_MAIL_JOB,
    async ({ payload }) => {
      const message = payload as { userId: number; title: string; body: string };
      const user = await deps.users.findById(message.userId);
      await deps.bills.mailReminder(message, user?.email ?? null);
    },
    { maxAttempts: 8 },
  );
  // An import commit runs on the instance that was asked; one whose instance died (its lease
  // lapsed, its transaction rolled back) is taken up here by whichever instance ticks.
  runner.registerPeriodic(IMPORTS_RESUME_JOB, { everyMs: 60_000 }, async ({ now }) => {
    for (const id of await deps.imports.lapsedCommits(now)) await deps.imports.runCommit(id);
  });
  // OCR takes a second or two of a worker thread; a minute covers a slow machine's queue.
  runner.register(
    READ_RECEIPT_JOB,
    async ({ payload, now }) => {
      await deps.receiptIntake.read((payload as { receiptId: number }).receiptId, now);
    },
    { maxAttempts: 2, timeoutMs: 2 * 60_000 },
  );
  // Hourly: a week or month that just ended is mailed within the hour, or after downtime.
  runner.registerPeriodic(REPORTS_DUE_JOB, { everyMs: 60 * 60_000 }, async ({ now }) => {
    await deps.reportMail.enqueueDue(now);
  });
  runner.register(
    REPORT_MAIL_JOB,
    async ({ payload }) => {
      await deps.reportMail.send(payload as Parameters<ReportMailService['send']>[0]);
    },
    { maxAttempts: 5 },
  );
  // Secrets stored in plain text before encryption at rest: sealed soon after an upgrade.
  runner.registerPeriodic(WEBHOOK_SEAL_JOB, { everyMs: 60 * 60_000 }, async () => {
    await deps.webhooks.sealPlainSecrets();
  });
  runner.register(WEBHOOK_EVENT_JOB, async ({ payload }) => {
    await deps.webhooks.fanOut(payload as Parameters<WebhookService['fanOut']>[0]);
  });
  // A job posts one batch's events for up to DELIVERY_BUDGET_MS (each post timing out in 10 s),
  // then leaves the rest to a job of its own; the runner's timeout bounds a stuck one.
  runner.register(
    WEBHOOK_DELIVER_JOB,
    async ({ payload, now }) => {
      await deps.webhooks.deliver(payload as Parameters<WebhookService['deliver']>[0], now);
    },
    { maxAttempts: DELIVERY_MAX_ATTEMPTS, timeoutMs: 60_000 },
  );
  runner.registerPeriodic(WEBHOOK_PRUNE_JOB, { dailyAt: '03:30' }, async ({ now }) => {
    await deps.webhooks.pruneEvents(now);
  });
  if (deps.ratesUrl) {
    // After the ECB publishes (about 16:00 CET).
    runner.registerPeriodic(
      RATES_REFRESH_JOB,
      { dailyAt: '16:30' },
      async () => {
        await deps.rates.refreshAll();
      },
      { maxAttempts: 3 },
    );
  }
  if (deps.pricesUrl) {
    // After the US close (21:00 UTC), so that the day's closes are in.
    runner.registerPeriodic(
      PRICES_REFRESH_JOB,
      { dailyAt: '22:30' },
      async () => {
        await deps.prices.refreshAll();
      },
      { maxAttempts: 3 },
    );
  }
}
