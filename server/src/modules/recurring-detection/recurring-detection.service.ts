import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import { AppError, notFound } from '../../errors';
import { currencyDigits } from '../../lib/currencies';
import { addDays, daysBetween, today } from '../../lib/dates';
import { fromMinor, money } from '../../lib/money';
import { parseId } from '../../lib/ids';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import type { LedgerTotalsService } from '../ledger/ledger-totals.service';
import type { TransactionKind } from '../ledger/transaction.entity';
import { detectSeries, type Cadence } from './detect';
import { RecurringSuggestion, SuggestionStatus } from './recurring-suggestion.entity';
import type { RecurringSuggestionView } from './recurring-suggestion.types';

/**
 * What accepting a suggestion needs from the recurring rules (RecurringService.create of the
 * recurring module): this module depends on the interface, wired in services.ts.
 */
export interface RecurringRuleCreator {
  create(
    scope: LedgerScope,
    input: {
      name: string;
      rrule: string;
      startDate: string;
      mode: 'AUTO' | 'EXPECT';
      kind: TransactionKind;
      amount: string;
      accountId: string;
      payee: string;
      description: string;
    },
  ): Promise<{ id: number | string }>;
}

/**
 * Yearly series need three payments, so the history read reaches back three years and a
 * little; the read is one indexed range of the ledger's rows.
 */
const HISTORY_DAYS = 3 * 365 + 10;
/** A series whose next payment is overdue by more than a step of its cadence has stopped. */
const STEP_DAYS: Record<Cadence, number> = {
  WEEKLY: 7,
  BIWEEKLY: 14,
  MONTHLY: 31,
  QUARTERLY: 92,
  YEARLY: 366,
};

export class RecurringDetectionService {
  private creator: RecurringRuleCreator | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly ledgerTotals: LedgerTotalsService,
  ) {}

  /** Set at start-up once the recurring rules exist. */
  setRuleCreator(creator: RecurringRuleCreator): void {
    this.creator = creator;
  }

  /** The open suggestions, by payee. */
  async list(ledgerId: number): Promise<RecurringSuggestionView[]> {
    const rows = await this.dataSource.manager.find(RecurringSuggestion, {
      where: { ledgerId, status: SuggestionStatus.OPEN },
      order: { payee: 'ASC', id: 'ASC' },
    });
    return rows.map((r) => this.view(r));
  }

  /**
   * Looks for series in the ledger's history and keeps them: new ones open, changed open ones
   * updated, dismissed and accepted ones left as they are, open ones no longer found removed.
   * Returns the open suggestions.
   */
  async detect(scope: LedgerScope, now = today()): Promise<RecurringSuggestionView[]> {
    const groups = await this.ledgerTotals.payeeSeries(scope.ledgerId, addDays(now, -HISTORY_DAYS));
    const found = groups.flatMap((group) =>
      detectSeries(group.occurrences)
        .filter((s) => daysBetween(s.nextDate, now) <= STEP_DAYS[s.cadence])
        .map((s) => ({ group, series: s })),
    );
    await inTransaction(this.dataSource, async (manager) => {
      const stored = await manager.find(RecurringSuggestion, {
        where: { ledgerId: scope.ledgerId },
      });
      const identity = (kind: string, key: string, cadence: string) => `${kind}|${key}|${cadence}`;
      const byIdentity = new Map(stored.map((s) => [identity(s.kind, s.payeeKey, s.cadence), s]));
      const seen = new Set<string>();
      const updatedAt = new Date();
      for (const { group, series } of found) {
        const id = identity(group.kind, group.key.slice(0, 200), series.cadence);
        seen.add(id);
        const existing = byIdentity.get(id);
        if (existing && existing.status !== SuggestionStatus.OPEN) continue;
        const values = {
          payee: group.payee.slice(0, 200),
          rrule: series.rrule,
          currency: group.currency,
          amountMinor: series.amountMinor,
          accountId: group.accountId,
          occurrences: series.occurrences,
          firstDate: series.firstDate,
          lastDate: series.lastDate,
          nextDate: series.nextDate,
          updatedAt,
        };
        if (existing) await manager.update(RecurringSuggestion, { id: existing.id }, values);
        else {
          await manager.insert(RecurringSuggestion, {
            ...values,
            ledgerId: scope.ledgerId,
            payeeKey: group.key.slice(0, 200),
            cadence: series.cadence,
            kind: group.kind,
            status: SuggestionStatus.OPEN,
          });
        }
      }
      const gone = stored.filter(
        (s) =>
          s.status === SuggestionStatus.OPEN && !seen.has(identity(s.kind, s.payeeKey, s.cadence)),
      );
      if (gone.length > 0)
        await manager.delete(
          RecurringSuggestion,
          gone.map((s) => s.id),
        );
    });
    return this.list(scope.ledgerId);
  }

  /** The series is not suggested again, however often detection runs. */
  async dismiss(scope: LedgerScope, id: string): Promise<boolean> {
    const suggestion = await this.getOpen(scope.ledgerId, id);
    await this.dataSource.manager.update(
      RecurringSuggestion,
      { id: suggestion.id, ledgerId: scope.ledgerId },
      { status: SuggestionStatus.DISMISSED, updatedAt: new Date() },
    );
    return true;
  }

  /**
   * A dismissed series of a restore (export/portable.ts): kept so that detection in the restored
   * ledger does not suggest it again.
   */
  async restoreDismissed(
    ledgerId: number,
    values: Omit<RecurringSuggestion, 'id' | 'ledgerId' | 'status' | 'updatedAt'>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.insert(RecurringSuggestion, {
      ...values,
      ledgerId,
      status: SuggestionStatus.DISMISSED,
      updatedAt: new Date(),
    });
  }

  /**
   * Makes the series a recurring rule (EXPECT: it waits for the payment to be imported or
   * entered, rather than booking it itself) from its next date, and closes the suggestion.
   */
  async accept(scope: LedgerScope, id: string): Promise<{ id: number | string }> {
    if (!this.creator) throw new AppError('NOT_FOUND', 'Recurring rules are not available');
    const suggestion = await this.getOpen(scope.ledgerId, id);
    const rule = await this.creator.create(scope, {
      name: suggestion.payee,
      rrule: suggestion.rrule,
      startDate: suggestion.nextDate,
      mode: 'EXPECT',
      kind: suggestion.kind as TransactionKind,
      amount: fromMinor(BigInt(suggestion.amountMinor), currencyDigits(suggestion.currency)),
      accountId: String(suggestion.accountId),
      payee: suggestion.payee,
      description: suggestion.payee,
    });
    await this.dataSource.manager.update(
      RecurringSuggestion,
      { id: suggestion.id, ledgerId: scope.ledgerId },
      { status: SuggestionStatus.ACCEPTED, updatedAt: new Date() },
    );
    return rule;
  }

  private async getOpen(ledgerId: number, id: string): Promise<RecurringSuggestion> {
    const numericId = parseId(id);
    const suggestion =
      numericId === null
        ? null
        : await this.dataSource.manager.findOne(RecurringSuggestion, {
            where: { id: numericId, ledgerId, status: SuggestionStatus.OPEN },
          });
    if (!suggestion) throw notFound('Suggestion');
    return suggestion;
  }

  private view(row: RecurringSuggestion): RecurringSuggestionView {
    return {
      id: row.id,
      payee: row.payee,
      rrule: row.rrule,
      cadence: row.cadence,
      kind: row.kind as TransactionKind,
      amount: money(row.amountMinor, currencyDigits(row.currency)),
      currency: row.currency,
      accountId: row.accountId,
      occurrences: row.occurrences,
      firstDate: row.firstDate,
      lastDate: row.lastDate,
      nextDate: row.nextDate,
    };
  }
}
