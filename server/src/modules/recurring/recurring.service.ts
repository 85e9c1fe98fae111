import { Between, MoreThanOrEqual, type DataSource, type EntityManager } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import { badInput, notFound } from '../../errors';
import { currencyDigits } from '../../lib/currencies';
import { parseId } from '../../lib/ids';
import { requireAmount, requireDay, requireText } from '../../lib/validate';
import { requireCategoryName } from '../categories/category.service';
import type { JobService } from '../jobs/job.service';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import type { Account } from '../ledger/account.entity';
import type { AccountService } from '../ledger/account.service';
import { TransactionKind } from '../ledger/transaction.entity';
import {
  addDays,
  firstOnOrAfter,
  occurrencesBetween,
  parseRecurrence,
  type Recurrence,
} from './recurrence';
import { RecurringOccurrence, type OccurrenceStatus } from './recurring-occurrence.entity';
import { RecurringMode, RecurringRule } from './recurring-rule.entity';

/** What creates or replaces a rule: the GraphQL input, or a suggestion being accepted. */
export interface RecurringRuleFields {
  name: unknown;
  rrule: unknown;
  startDate: unknown;
  mode: unknown;
  kind: unknown;
  amount: unknown;
  accountId?: unknown;
  toAccountId?: unknown;
  category?: unknown;
  payee?: unknown;
  description?: unknown;
}

export const POST_RULE_JOB = 'recurring.post-rule';
const NAME_MAX = 100;
const TEXT_MAX = 200;
const KINDS = Object.values(TransactionKind) as string[];
const MODES = Object.values(RecurringMode) as string[];

/** The parsed recurrence of a stored rule (its text was validated when it was written). */
export function recurrenceOf(rule: RecurringRule): Recurrence {
  return parseRecurrence(rule.rrule, rule.startDate);
}

export const PREVIEW_MAX = 24;

/**
 * The first `count` dates of a series that is not saved yet, for a form to show while it is
 * filled in; the same parsing as a saved rule, so a refused rule is refused here with its field.
 */
export function previewDates(rrule: unknown, startDate: string, count: number): string[] {
  const start = requireDay(startDate, 'startDate', 'The start date');
  const recurrence = parseRecurrence(rrule, start);
  return occurrencesBetween(
    recurrence,
    start,
    '9999-12-31',
    Math.max(1, Math.min(count, PREVIEW_MAX)),
  );
}

/**
 * The first date of the series on or after `from` that no occurrence row handles yet, given
 * the handled dates from `from` on.
 */
export function firstUnhandled(
  recurrence: Recurrence,
  from: string,
  handled: Set<string>,
): string | null {
  let cursor: string | null = from;
  while (cursor !== null) {
    const batch = occurrencesBetween(recurrence, cursor, '9999-12-31', 100);
    const open = batch.find((d) => !handled.has(d));
    if (open) return open;
    if (batch.length < 100) return null;
    cursor = addDays(batch[batch.length - 1], 1);
  }
  return null;
}

export interface RestoredOccurrence {
  date: string;
  status: OccurrenceStatus;
  transactionId: number | null;
}

/** Recurring rules: templates of transactions and when they recur. */
export class RecurringService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountService,
    private readonly jobs: JobService,
  ) {}

  list(ledgerId: number): Promise<RecurringRule[]> {
    return this.dataSource.manager.find(RecurringRule, {
      where: { ledgerId },
      order: { name: 'ASC', id: 'ASC' },
    });
  }

  async get(
    ledgerId: number,
    id: unknown,
    manager = this.dataSource.manager,
  ): Promise<RecurringRule> {
    const numeric = typeof id === 'string' || typeof id === 'number' ? parseId(id) : null;
    const rule =
      numeric === null
        ? null
        : await manager.findOne(RecurringRule, { where: { id: numeric, ledgerId } });
    if (!rule) throw notFound('Recurring rule');
    return rule;
  }

  /**
   * Creates a rule (exported for acceptRecurringSuggestion). Occurrences on or before today are
   * posted soon after by a job, each once, with its own date.
   */
  async create(scope: LedgerScope, fields: RecurringRuleFields): Promise<RecurringRule> {
    const rule = await inTransaction(this.dataSource, async (manager) => {
      const values = await this.validate(scope, fields, manager);
      const now = new Date();
      const created = manager.create(RecurringRule, {
        ...values,
        ledgerId: scope.ledgerId,
        createdByUserId: scope.user.id,
        paused: false,
        nextDate: firstOnOrAfter(values.recurrence, values.startDate),
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(RecurringRule, created);
      await this.enqueuePost(created, manager);
      return created;
    });
    return rule;
  }

  /**
   * Replaces a rule's fields. Dates already handled stay handled; the new schedule continues
   * after the last of them, so an edit never posts the past again under new dates.
   */
  async update(
    scope: LedgerScope,
    id: string,
    fields: RecurringRuleFields,
  ): Promise<RecurringRule> {
    return inTransaction(this.dataSource, async (manager) => {
      const rule = await this.get(scope.ledgerId, id, manager);
      const values = await this.validate(scope, fields, manager);
      const last = await manager.findOne(RecurringOccurrence, {
        where: { ruleId: rule.id },
        order: { date: 'DESC' },
      });
      const from =
        last && addDays(last.date, 1) > values.startDate ? addDays(last.date, 1) : values.startDate;
      const handled = await this.handledFrom(rule.id, from, manager);
      const changes = {
        ...values,
        nextDate: firstUnhandled(values.recurrence, from, handled),
        updatedAt: new Date(),
      };
      const { recurrence, ...columns } = changes;
      void recurrence;
      await manager.update(RecurringRule, { id: rule.id }, columns);
      const updated = Object.assign(rule, columns);
      await this.enqueuePost(updated, manager);
      return updated;
    });
  }

  async setPaused(scope: LedgerScope, id: string, paused: boolean): Promise<RecurringRule> {
    const rule = await this.get(scope.ledgerId, id);
    await this.dataSource.manager.update(
      RecurringRule,
      { id: rule.id },
      { paused, updatedAt: new Date() },
    );
    rule.paused = paused;
    // Resuming catches up: the dates missed while paused are posted (AUTO) or shown (EXPECT).
    if (!paused) await this.enqueuePost(rule, this.dataSource.manager);
    return rule;
  }

  async delete(scope: LedgerScope, id: string): Promise<boolean> {
    const rule = await this.get(scope.ledgerId, id);
    await this.dataSource.manager.delete(RecurringRule, { id: rule.id });
    return true;
  }

  /**
   * A rule of a restore (export/portable.ts), by the rules of `create`, with its state as
   * exported: its next date and the dates already handled, so that an AUTO rule does not post
   * the past again. No posting job is queued: the schedule picks the rule up at `nextDate`.
   */
  async restore(
    scope: LedgerScope,
    fields: RecurringRuleFields,
    state: { paused: boolean; nextDate: string | null; handled: RestoredOccurrence[] },
    manager: EntityManager,
  ): Promise<RecurringRule> {
    const { recurrence, ...values } = await this.validate(scope, fields, manager);
    void recurrence;
    const now = new Date();
    const rule = manager.create(RecurringRule, {
      ...values,
      ledgerId: scope.ledgerId,
      createdByUserId: scope.user.id,
      paused: state.paused,
      nextDate: state.nextDate,
      createdAt: now,
      updatedAt: now,
    });
    await manager.insert(RecurringRule, rule);
    for (const occurrence of state.handled) {
      await manager.insert(RecurringOccurrence, { ...occurrence, ruleId: rule.id, createdAt: now });
    }
    return rule;
  }

  /** The handled occurrences of a rule from one day to another, by date. */
  async occurrencesBetween(
    ruleId: number,
    from: string,
    to: string,
  ): Promise<Map<string, RecurringOccurrence>> {
    const rows = await this.dataSource.manager.find(RecurringOccurrence, {
      where: { ruleId, date: Between(from, to) },
    });
    return new Map(rows.map((r) => [r.date, r]));
  }

  /** Dates of a rule handled (posted, matched, confirmed, skipped) on or after `from`. */
  async handledFrom(ruleId: number, from: string, manager: EntityManager): Promise<Set<string>> {
    const rows = await manager.find(RecurringOccurrence, {
      select: { date: true },
      where: { ruleId, date: MoreThanOrEqual(from) },
    });
    return new Set(rows.map((r) => r.date));
  }

  /**
   * For each rule, its dates handled on or after its own `from`: one statement whatever the
   * number of rules, each rule's part a range of the (ruleId, date) index.
   */
  async handledFromEach(
    rules: { ruleId: number; from: string }[],
    manager: EntityManager,
  ): Promise<Map<number, Set<string>>> {
    const handled = new Map(rules.map((r) => [r.ruleId, new Set<string>()]));
    if (rules.length === 0) return handled;
    const rows = await manager.find(RecurringOccurrence, {
      select: { ruleId: true, date: true },
      where: rules.map((r) => ({ ruleId: r.ruleId, date: MoreThanOrEqual(r.from) })),
    });
    for (const row of rows) handled.get(row.ruleId)?.add(row.date);
    return handled;
  }

  private async enqueuePost(rule: RecurringRule, manager: EntityManager): Promise<void> {
    await this.jobs.enqueue(
      {
        type: POST_RULE_JOB,
        key: `${rule.id}:${rule.updatedAt.getTime()}`,
        payload: { ruleId: rule.id },
      },
      manager,
    );
  }

  private async validate(scope: LedgerScope, fields: RecurringRuleFields, manager: EntityManager) {
    const name = requireText(fields.name, 'name', 'Name', NAME_MAX);
    const startDate = requireDay(fields.startDate, 'startDate', 'Start date');
    const recurrence = parseRecurrence(fields.rrule, startDate);
    if (typeof fields.mode !== 'string' || !MODES.includes(fields.mode)) {
      throw badInput('mode', `Mode must be one of ${MODES.join(', ')}`);
    }
    if (typeof fields.kind !== 'string' || !KINDS.includes(fields.kind)) {
      throw badInput('kind', `Kind must be one of ${KINDS.join(', ')}`);
    }
    const kind = fields.kind as TransactionKind;
    const account = await this.openAccount(scope, fields.accountId, 'accountId', manager);
    const amountMinor = requireAmount(
      fields.amount,
      'amount',
      'Amount',
      currencyDigits(account.currency),
      'positive',
    );
    let toAccountId: number | null = null;
    const given = (value: unknown) => value !== undefined && value !== null && value !== '';
    if (kind === TransactionKind.TRANSFER) {
      if (!given(fields.toAccountId))
        throw badInput('toAccountId', 'Choose the account the money goes to');
      const to = await this.openAccount(scope, fields.toAccountId, 'toAccountId', manager);
      if (to.id === account.id) throw badInput('toAccountId', 'A transfer goes to another account');
      if (to.currency !== account.currency) {
        throw badInput('toAccountId', 'A recurring transfer needs two accounts of one currency');
      }
      if (given(fields.category)) throw badInput('category', 'A transfer has no category');
      toAccountId = to.id;
    } else if (given(fields.toAccountId)) {
      throw badInput('toAccountId', 'Only a transfer goes to another account');
    }
    return {
      name,
      startDate,
      recurrence,
      rrule: recurrence.rrule,
      mode: fields.mode as RecurringMode,
      kind,
      amountMinor: Number(amountMinor),
      currency: account.currency,
      accountId: account.id,
      toAccountId,
      categoryName: given(fields.category) ? requireCategoryName(fields.category) : null,
      payee: given(fields.payee) ? requireText(fields.payee, 'payee', 'Payee', TEXT_MAX) : null,
      description: given(fields.description)
        ? requireText(fields.description, 'description', 'Description', TEXT_MAX)
        : name,
    };
  }

  private async openAccount(
    scope: LedgerScope,
    id: unknown,
    field: string,
    manager: EntityManager,
  ): Promise<Account> {
    const account =
      id === undefined || id === null || id === ''
        ? await this.accounts.defaultFor(scope.ledgerId, manager)
        : await this.accounts.get(scope.ledgerId, id, manager, field);
    if (account.archived) {
      throw badInput(field, `The account "${account.name}" is archived; unarchive it to use it`);
    }
    return account;
  }
}
