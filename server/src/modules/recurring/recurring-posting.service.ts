import { In, IsNull, LessThanOrEqual, Not, type DataSource, type EntityManager } from 'typeorm';
import { inTransaction, isUniqueViolation } from '../../db/transaction';
import { AppError, badInput } from '../../errors';
import { currencyDigits } from '../../lib/currencies';
import { fromMinor } from '../../lib/money';
import { moneyText } from '../../lib/money-text';
import { requireDay } from '../../lib/validate';
import type { LedgerAccessService, LedgerScope } from '../ledger-access/ledger-access.service';
import type { TransactionQueryService } from '../ledger/transaction-query.service';
import type { TransactionService } from '../ledger/transaction.service';
import type { NotificationService } from '../notifications/notification.service';
import type { SettingsService } from '../settings/settings.service';
import type { UserService } from '../users/user.service';
import { addDays, occurrencesBetween, todayIn } from './recurrence';
import { RecurringOccurrence, type OccurrenceStatus } from './recurring-occurrence.entity';
import { RecurringMode, RecurringRule } from './recurring-rule.entity';
import { firstUnhandled, recurrenceOf, type RecurringService } from './recurring.service';

/** Rules looked at per run, and occurrences posted per rule per run: a backlog takes more runs. */
const RULES_PER_RUN = 200;
const OCCURRENCES_PER_RULE = 400;
/** An expected payment matches a transaction this many days early or late... */
export const MATCH_DAYS = 3;
/** ...whose amount is within this many per cent of the rule's. */
export const MATCH_PERCENT = 5;
/** No time zone is further ahead of UTC than this: rules due "today" anywhere are found. */
const MAX_UTC_OFFSET_DAYS = 1;

/**
 * Turns due occurrences into ledger entries: AUTO rules post through the ledger's write path,
 * EXPECT rules are matched with transactions already there. Each handled date is one
 * recurring_occurrences row, inserted first in the same database transaction as its effect, so
 * that a second instance (or a rerun after a crash) finds the date taken and changes nothing.
 */
export class RecurringPostingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly recurring: RecurringService,
    private readonly transactions: TransactionService,
    private readonly transactionQueries: TransactionQueryService,
    private readonly users: UserService,
    private readonly ledgers: LedgerAccessService,
    private readonly settings: SettingsService,
    private readonly notifications: NotificationService,
  ) {}

  /** One run over all rules with something due by `now` (in each owner's time zone). */
  async runDue(now: Date): Promise<{ posted: number; matched: number }> {
    const horizon = addDays(now.toISOString().slice(0, 10), MAX_UTC_OFFSET_DAYS + MATCH_DAYS);
    const rules = await this.dataSource.manager.find(RecurringRule, {
      where: { paused: false, nextDate: LessThanOrEqual(horizon) },
      order: { nextDate: 'ASC', id: 'ASC' },
      take: RULES_PER_RUN,
    });
    const zones = await this.settings.timeZones(rules.map((r) => r.createdByUserId));
    let posted = 0;
    let matched = 0;
    for (const rule of rules) {
      const today = todayIn(zones.get(rule.createdByUserId) ?? null, now);
      if (rule.mode === RecurringMode.AUTO) posted += await this.postUntil(rule, today);
      else matched += await this.matchUntil(rule, today);
    }
    return { posted, matched };
  }

  /** One rule, right after it was created, changed or resumed. */
  async runRule(ruleId: number, now: Date): Promise<number> {
    const rule = await this.dataSource.manager.findOne(RecurringRule, { where: { id: ruleId } });
    if (!rule || rule.paused || rule.nextDate === null) return 0;
    const zone = (await this.settings.timeZones([rule.createdByUserId])).get(rule.createdByUserId);
    const today = todayIn(zone ?? null, now);
    return rule.mode === RecurringMode.AUTO
      ? this.postUntil(rule, today)
      : this.matchUntil(rule, today);
  }

  /** The user confirms an expected occurrence: it is posted with its date. */
  async confirm(scope: LedgerScope, ruleId: string, rawDate: unknown): Promise<RecurringRule> {
    const rule = await this.recurring.get(scope.ledgerId, ruleId);
    const date = this.requireOccurrence(rule, rawDate);
    await this.handle(rule, date, 'CONFIRMED', scope, null, true);
    return this.recurring.get(scope.ledgerId, ruleId);
  }

  /** The user says an occurrence did not happen (or is not to be posted). */
  async skip(scope: LedgerScope, ruleId: string, rawDate: unknown): Promise<RecurringRule> {
    const rule = await this.recurring.get(scope.ledgerId, ruleId);
    const date = this.requireOccurrence(rule, rawDate);
    await this.handle(rule, date, 'SKIPPED', scope, null, true);
    return this.recurring.get(scope.ledgerId, ruleId);
  }

  private requireOccurrence(rule: RecurringRule, rawDate: unknown): string {
    const date = requireDay(rawDate, 'date');
    if (occurrencesBetween(recurrenceOf(rule), date, date).length === 0) {
      throw badInput('date', `${date} is not a date of this rule`);
    }
    return date;
  }

  private async scopeOf(rule: RecurringRule): Promise<LedgerScope | null> {
    const user = await this.users.findById(rule.createdByUserId);
    if (!user) return null;
    try {
      return await this.ledgers.scope(user, rule.ledgerId, 'write');
    } catch (error) {
      // The owner left the ledger or may no longer write to it: nothing is posted for them.
      if (error instanceof AppError) return null;
      throw error;
    }
  }

  private async postUntil(rule: RecurringRule, today: string): Promise<number> {
    if (rule.nextDate === null || rule.nextDate > today) return 0;
    const scope = await this.scopeOf(rule);
    if (!scope) return 0;
    const due = occurrencesBetween(recurrenceOf(rule), rule.nextDate, today, OCCURRENCES_PER_RULE);
    let posted = 0;
    for (const date of due) {
      if (await this.handle(rule, date, 'POSTED', scope, null, false)) posted++;
    }
    return posted;
  }

  private async matchUntil(rule: RecurringRule, today: string): Promise<number> {
    if (rule.nextDate === null || rule.nextDate > addDays(today, MATCH_DAYS)) return 0;
    const scope = await this.scopeOf(rule);
    if (!scope) return 0;
    const recurrence = recurrenceOf(rule);
    const due = occurrencesBetween(recurrence, rule.nextDate, addDays(today, MATCH_DAYS), 50);
    const handled = await this.recurring.handledFrom(
      rule.id,
      rule.nextDate,
      this.dataSource.manager,
    );
    const tolerance = Math.floor((rule.amountMinor * MATCH_PERCENT) / 100);
    let matched = 0;
    for (const date of due.filter((d) => !handled.has(d))) {
      const candidates = await this.transactionQueries.matchCandidates(rule.ledgerId, {
        accountId: rule.accountId,
        kind: rule.kind,
        currency: rule.currency,
        from: addDays(date, -MATCH_DAYS),
        to: addDays(date, MATCH_DAYS),
        minMinor: rule.amountMinor - tolerance,
        maxMinor: rule.amountMinor + tolerance,
      });
      if (candidates.length === 0) continue;
      const taken = await this.dataSource.manager.find(RecurringOccurrence, {
        select: { transactionId: true },
        where: { transactionId: In(candidates.map((c) => c.id)) },
      });
      const takenIds = new Set(taken.map((t) => t.transactionId));
      const distance = (d: string) => Math.abs(Date.parse(d) - Date.parse(date));
      const best = candidates
        .filter((c) => !takenIds.has(c.id))
        .sort((a, b) => distance(a.date) - distance(b.date) || a.id - b.id)[0];
      if (best && (await this.handle(rule, date, 'MATCHED', scope, best.id, false))) matched++;
    }
    return matched;
  }

  /**
   * Handles one date in one database transaction: the occurrence row first (a date already
   * taken ends here, changing nothing), then the posted transaction and its notification, then
   * the rule's next date. Answers whether this call handled it.
   */
  private async handle(
    rule: RecurringRule,
    date: string,
    status: OccurrenceStatus,
    scope: LedgerScope,
    matchedTransactionId: number | null,
    userAction: boolean,
  ): Promise<boolean> {
    try {
      await this.withDeadlockRetry(() =>
        inTransaction(this.dataSource, async (manager) => {
          await manager.insert(RecurringOccurrence, {
            ruleId: rule.id,
            date,
            status,
            transactionId: matchedTransactionId,
            createdAt: new Date(),
          });
          if (status === 'POSTED' || status === 'CONFIRMED') {
            const { written } = await this.transactions.record(
              scope,
              [
                {
                  kind: rule.kind,
                  description: rule.description,
                  amount: fromMinor(BigInt(rule.amountMinor), currencyDigits(rule.currency)),
                  date,
                  accountId: rule.accountId,
                  toAccountId: rule.toAccountId ?? undefined,
                  category: rule.categoryName ?? undefined,
                  payee: rule.payee ?? undefined,
                  mayOmitCategory: rule.categoryName === null,
                },
              ],
              { manager },
            );
            await manager.update(
              RecurringOccurrence,
              { ruleId: rule.id, date },
              { transactionId: written[0].id },
            );
            if (status === 'POSTED') {
              await this.notifications.add(
                {
                  userId: rule.createdByUserId,
                  key: `posted:${rule.id}:${date}`,
                  kind: 'POSTED',
                  title: `${rule.name} was entered`,
                  body: `${moneyText(BigInt(rule.amountMinor), rule.currency)} on ${date}`,
                },
                manager,
              );
            }
          }
          await this.advance(rule.id, manager);
        }),
      );
      return true;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (userAction) throw badInput('date', `${date} is already handled`);
      return false;
    }
  }

  /** MySQL rolls one of two transactions waiting on each other back: that one runs again. */
  private async withDeadlockRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        const code = (error as { driverError?: { code?: string } }).driverError?.code;
        if (code !== 'ER_LOCK_DEADLOCK' || attempt >= 5) throw error;
      }
    }
  }

  /** Moves the rule's next date to its first unhandled one, under a lock on the rule (MySQL). */
  private async advance(ruleId: number, manager: EntityManager): Promise<void> {
    const isMysql = manager.connection.options.type === 'mysql';
    const rule = await manager.findOne(RecurringRule, {
      where: { id: ruleId, nextDate: Not(IsNull()) },
      ...(isMysql ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!rule || rule.nextDate === null) return;
    const handled = await this.recurring.handledFrom(rule.id, rule.nextDate, manager);
    const next = firstUnhandled(recurrenceOf(rule), rule.nextDate, handled);
    if (next !== rule.nextDate)
      await manager.update(RecurringRule, { id: rule.id }, { nextDate: next });
  }
}
