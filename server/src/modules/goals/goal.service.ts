import { In, type DataSource, type EntityManager } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import { AppError, badInput, notFound } from '../../errors';
import { currencyDigits } from '../../lib/currencies';
import { addDays, monthRange, today as todayOf } from '../../lib/dates';
import { parseId } from '../../lib/ids';
import { money } from '../../lib/money';
import { requireAmount, requireDay, requireText } from '../../lib/validate';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import { AccountType, type Account } from '../ledger/account.entity';
import type { AccountService } from '../ledger/account.service';
import type { CurrencyConverter } from '../ledger/conversion';
import { requireCurrency } from '../ledger/currency';
import type { LedgerTotalsService } from '../ledger/ledger-totals.service';
import type { NotificationService } from '../notifications/notification.service';
import { Goal, GoalAccount, GoalContribution } from './goal.entity';
import {
  PACE_MONTHS,
  milestoneAt,
  neededPerMonth,
  paceMonths,
  progressPercent,
  projectedDate,
} from './goal-progress';
import type { GoalAccountView, GoalView } from './goal.types';

const NAME_MAX = 100;
const NOTE_MAX = 200;
const LINKED_ACCOUNTS_MAX = 20;

/**
 * What INVESTMENT accounts hold beyond their ledger balance on `date` (holdings at market less
 * the cash their trades took), in each account's currency; the investments module provides it.
 * An account's worth is its balance plus this.
 */
export interface MarketValueSource {
  marketValue(ledgerId: number, accountIds: number[], date: string): Promise<Map<number, bigint>>;
}

export interface GoalFields {
  name?: unknown;
  targetAmount?: unknown;
  targetDate?: unknown;
  currency?: unknown;
  accountIds?: unknown;
}

export interface ContributionFields {
  amount?: unknown;
  date?: unknown;
  note?: unknown;
}

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

/** Savings goals: their contributions, linked accounts, progress and milestones. */
export class GoalService {
  private marketValues: MarketValueSource | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountService,
    private readonly totals: LedgerTotalsService,
    private readonly rates: CurrencyConverter,
    private readonly notifications: NotificationService,
  ) {}

  /** Where INVESTMENT accounts get their market value; without one, their balance counts. */
  setMarketValueSource(source: MarketValueSource | null): void {
    this.marketValues = source;
  }

  /** The ledger's goals, oldest first; a milestone newly reached is announced to the caller. */
  async list(scope: LedgerScope, now = new Date()): Promise<GoalView[]> {
    const goals = await this.dataSource.manager.find(Goal, {
      where: { ledgerId: scope.ledgerId },
      order: { id: 'ASC' },
    });
    return this.views(scope, goals, now);
  }

  create(scope: LedgerScope, fields: GoalFields, now = new Date()): Promise<GoalView> {
    return this.write(scope, now, async (manager) => {
      const values = this.validate(scope, fields, now);
      const accountIds = await this.requireAccounts(scope.ledgerId, fields.accountIds ?? []);
      const goal = manager.create(Goal, {
        ...values,
        ledgerId: scope.ledgerId,
        milestoneReached: 0,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(Goal, goal);
      await this.link(manager, goal, accountIds);
      return goal;
    });
  }

  /**
   * A goal of a restore (export/portable.ts) with its contributions and linked accounts (ids of
   * the restore's accounts, mapped by the caller), by the rules of `create` and `contribute`. A
   * target date that has passed since the export is kept, as an edit keeps it; the milestone
   * already announced stays announced.
   */
  async restore(
    scope: LedgerScope,
    fields: GoalFields,
    state: { milestoneReached: number; accountIds: number[]; contributions: ContributionFields[] },
    manager: EntityManager,
    now = new Date(),
  ): Promise<void> {
    const kept = { targetDate: fields.targetDate, currency: scope.user.currency } as Goal;
    const values = this.validate(scope, fields, now, kept);
    if (state.accountIds.length > LINKED_ACCOUNTS_MAX) {
      throw badInput('accounts', `At most ${LINKED_ACCOUNTS_MAX} accounts`);
    }
    const goal = manager.create(Goal, {
      ...values,
      ledgerId: scope.ledgerId,
      milestoneReached: state.milestoneReached,
      createdAt: now,
      updatedAt: now,
    });
    await manager.insert(Goal, goal);
    await this.link(manager, goal, [...new Set(state.accountIds)]);
    for (const [index, fields] of state.contributions.entries()) {
      let values;
      try {
        values = this.validateContribution(goal, fields);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        throw new AppError(error.code, error.message, `contributions[${index}].${error.field}`);
      }
      await manager.insert(GoalContribution, {
        ...values,
        ledgerId: scope.ledgerId,
        goalId: goal.id,
        createdAt: now,
      });
    }
  }

  update(scope: LedgerScope, id: string, fields: GoalFields, now = new Date()): Promise<GoalView> {
    return this.write(scope, now, async (manager) => {
      const goal = await this.get(scope.ledgerId, id, manager);
      const values = this.validate(scope, fields, now, goal);
      const accountIds =
        fields.accountIds === undefined || fields.accountIds === null
          ? null
          : await this.requireAccounts(scope.ledgerId, fields.accountIds);
      if (values.currency !== goal.currency && (await this.hasContributions(manager, goal.id))) {
        throw badInput('currency', 'The currency of a goal with contributions cannot change');
      }
      Object.assign(goal, values, { updatedAt: now });
      await manager.save(Goal, goal);
      if (accountIds !== null) {
        await manager.delete(GoalAccount, { goalId: goal.id });
        await this.link(manager, goal, accountIds);
      }
      return goal;
    });
  }

  async delete(scope: LedgerScope, id: string): Promise<boolean> {
    const numericId = parseId(id);
    const result =
      numericId === null
        ? { affected: 0 }
        : await this.dataSource.manager.delete(Goal, { id: numericId, ledgerId: scope.ledgerId });
    if (!result.affected) throw notFound('Goal');
    return true;
  }

  contribute(
    scope: LedgerScope,
    goalId: string,
    fields: ContributionFields,
    now = new Date(),
  ): Promise<GoalView> {
    return this.write(scope, now, async (manager) => {
      const goal = await this.get(scope.ledgerId, goalId, manager);
      const values = this.validateContribution(goal, fields);
      await manager.insert(GoalContribution, {
        ...values,
        ledgerId: scope.ledgerId,
        goalId: goal.id,
        createdAt: now,
      });
      return goal;
    });
  }

  updateContribution(
    scope: LedgerScope,
    id: string,
    fields: ContributionFields,
    now = new Date(),
  ): Promise<GoalView> {
    return this.write(scope, now, async (manager) => {
      const contribution = await this.getContribution(scope.ledgerId, id, manager);
      const goal = await this.get(scope.ledgerId, String(contribution.goalId), manager);
      Object.assign(contribution, this.validateContribution(goal, fields));
      await manager.save(GoalContribution, contribution);
      return goal;
    });
  }

  deleteContribution(scope: LedgerScope, id: string, now = new Date()): Promise<GoalView> {
    return this.write(scope, now, async (manager) => {
      const contribution = await this.getContribution(scope.ledgerId, id, manager);
      const goal = await this.get(scope.ledgerId, String(contribution.goalId), manager);
      await manager.delete(GoalContribution, { id: contribution.id });
      return goal;
    });
  }

  /** Runs a write in one transaction, then answers the goal as it is now. */
  private async write(
    scope: LedgerScope,
    now: Date,
    work: (manager: EntityManager) => Promise<Goal>,
  ): Promise<GoalView> {
    const goal = await inTransaction(this.dataSource, work);
    return (await this.views(scope, [goal], now))[0];
  }

  private async views(scope: LedgerScope, goals: Goal[], now: Date): Promise<GoalView[]> {
    if (goals.length === 0) return [];
    const day = todayOf(now);
    const ids = goals.map((g) => g.id);
    const manager = this.dataSource.manager;
    const [contributions, links] = await Promise.all([
      manager.find(GoalContribution, {
        where: { goalId: In(ids) },
        order: { date: 'DESC', id: 'DESC' },
      }),
      manager.find(GoalAccount, { where: { goalId: In(ids) } }),
    ]);
    const linked = await this.linkedValues(scope.ledgerId, links, day);
    const window = paceMonths(day);
    const windowStart = monthRange(window[0]).start;
    const views: GoalView[] = [];
    for (const goal of goals) {
      const own = contributions.filter((c) => c.goalId === goal.id);
      const digits = currencyDigits(goal.currency);
      const contributed = own.reduce((sum, c) => sum + BigInt(c.amountMinor), 0n);
      let pace = own
        .filter((c) => c.date >= windowStart && c.date <= day)
        .reduce((sum, c) => sum + BigInt(c.amountMinor), 0n);
      let linkedTotal = 0n;
      const accounts: GoalAccountView[] = [];
      for (const link of links.filter((l) => l.goalId === goal.id)) {
        const found = linked.get(link.accountId);
        if (!found) continue;
        const value = await this.convert(
          scope.ledgerId,
          found.valueMinor,
          found.account,
          goal,
          day,
        );
        const flow = await this.convert(scope.ledgerId, found.flowMinor, found.account, goal, day);
        if (value !== null) linkedTotal += value;
        if (flow !== null) pace += flow;
        accounts.push({
          id: String(found.account.id),
          name: found.account.name,
          type: found.account.type,
          currency: found.account.currency,
          value: value === null ? null : money(value, digits),
        });
      }
      const saved = contributed + linkedTotal;
      const target = BigInt(goal.targetAmountMinor);
      const percent = progressPercent(saved, target);
      await this.announce(scope, goal, percent);
      const needed = neededPerMonth(saved, target, goal.targetDate, day);
      views.push({
        id: String(goal.id),
        name: goal.name,
        currency: goal.currency,
        targetAmount: money(target, digits),
        savedAmount: money(saved, digits),
        contributedAmount: money(contributed, digits),
        targetDate: goal.targetDate,
        projectedDate: projectedDate(saved, target, pace, day),
        neededPerMonth: needed === null ? null : money(needed, digits),
        // Shown per month: rounded down, so that it never promises more than came in.
        monthlyPace: money(pace >= 0n ? pace / BigInt(PACE_MONTHS) : 0n, digits),
        progressPercent: percent,
        reached: saved >= target,
        contributions: own.map((c) => ({
          id: String(c.id),
          date: c.date,
          amount: money(c.amountMinor, digits),
          note: c.note,
        })),
        accounts,
      });
    }
    return views;
  }

  /**
   * Each linked account's value today (its balance, or its market value when the source gives
   * one) and its net flow over the pace window, in the account's currency.
   */
  private async linkedValues(
    ledgerId: number,
    links: GoalAccount[],
    day: string,
  ): Promise<Map<number, { account: Account; valueMinor: bigint; flowMinor: bigint }>> {
    const result = new Map<number, { account: Account; valueMinor: bigint; flowMinor: bigint }>();
    if (links.length === 0) return result;
    const [accounts, balances, flows] = await Promise.all([
      this.accounts.list(ledgerId),
      this.accounts.balances(ledgerId),
      this.totals.accountFlowsByMonth(ledgerId),
    ]);
    const wanted = new Set(links.map((l) => l.accountId));
    const investments = accounts
      .filter((a) => wanted.has(a.id) && a.type === AccountType.INVESTMENT)
      .map((a) => a.id);
    const market =
      this.marketValues && investments.length > 0
        ? await this.marketValues.marketValue(ledgerId, investments, day)
        : new Map<number, bigint>();
    const window = new Set(paceMonths(day));
    for (const account of accounts) {
      if (!wanted.has(account.id)) continue;
      const flowMinor = flows
        .filter((f) => f.accountId === account.id && window.has(f.month))
        .reduce((sum, f) => sum + f.netMinor, 0n);
      const valueMinor = (balances.get(account.id) ?? 0n) + (market.get(account.id) ?? 0n);
      result.set(account.id, { account, valueMinor, flowMinor });
    }
    return result;
  }

  /** `amount` of the account's currency in the goal's at today's rate; null without a rate. */
  private async convert(
    ledgerId: number,
    amount: bigint,
    account: Account,
    goal: Goal,
    day: string,
  ): Promise<bigint | null> {
    if (account.currency === goal.currency || amount === 0n) return amount;
    try {
      return (await this.rates.convert(ledgerId, amount, account.currency, goal.currency, day))
        .amountMinor;
    } catch (error) {
      if (error instanceof AppError && error.code === 'BAD_USER_INPUT') return null;
      throw error;
    }
  }

  /**
   * Announces the highest milestone newly reached, once: the goal remembers the highest one
   * announced (so falling back and climbing again says nothing), and the notification's key is
   * unique per user, goal and milestone (so two requests at once write it once).
   */
  private async announce(scope: LedgerScope, goal: Goal, percent: number): Promise<void> {
    const milestone = milestoneAt(percent);
    if (milestone <= goal.milestoneReached) return;
    await inTransaction(this.dataSource, async (manager) => {
      const claimed = await manager
        .createQueryBuilder()
        .update(Goal)
        .set({ milestoneReached: milestone })
        .where('id = :id AND milestoneReached < :milestone', { id: goal.id, milestone })
        .execute();
      if (!claimed.affected) return;
      await this.notifications.add(
        {
          userId: scope.user.id,
          key: `goal:${goal.id}:${milestone}`,
          kind: 'GOAL',
          title:
            milestone === 100 ? `Goal reached: ${goal.name}` : `${goal.name}: ${milestone} % saved`,
          body:
            milestone === 100
              ? `You have saved the whole target of "${goal.name}".`
              : `You have saved ${milestone} % of the target of "${goal.name}".`,
        },
        manager,
      );
    });
    goal.milestoneReached = milestone;
  }

  private async get(ledgerId: number, id: string, manager: EntityManager): Promise<Goal> {
    const numericId = parseId(id);
    const goal =
      numericId === null
        ? null
        : await manager.findOne(Goal, { where: { id: numericId, ledgerId } });
    if (!goal) throw notFound('Goal');
    return goal;
  }

  private async getContribution(
    ledgerId: number,
    id: string,
    manager: EntityManager,
  ): Promise<GoalContribution> {
    const numericId = parseId(id);
    const contribution =
      numericId === null
        ? null
        : await manager.findOne(GoalContribution, { where: { id: numericId, ledgerId } });
    if (!contribution) throw notFound('Contribution');
    return contribution;
  }

  private async hasContributions(manager: EntityManager, goalId: number): Promise<boolean> {
    return (await manager.count(GoalContribution, { where: { goalId } })) > 0;
  }

  private async link(manager: EntityManager, goal: Goal, accountIds: number[]): Promise<void> {
    if (accountIds.length === 0) return;
    await manager.insert(
      GoalAccount,
      accountIds.map((accountId) => ({ goalId: goal.id, accountId, ledgerId: goal.ledgerId })),
    );
  }

  private async requireAccounts(ledgerId: number, value: unknown): Promise<number[]> {
    if (!Array.isArray(value)) throw badInput('accountIds', 'Accounts must be a list of ids');
    if (value.length > LINKED_ACCOUNTS_MAX) {
      throw badInput('accountIds', `At most ${LINKED_ACCOUNTS_MAX} accounts`);
    }
    if (value.length === 0) return [];
    const own = new Set((await this.accounts.list(ledgerId)).map((a) => a.id));
    const ids = new Set<number>();
    for (const item of value) {
      const id = typeof item === 'string' || typeof item === 'number' ? parseId(item) : null;
      if (id === null || !own.has(id))
        throw new AppError('NOT_FOUND', 'Account not found', 'accountIds');
      ids.add(id);
    }
    return [...ids];
  }

  /**
   * A goal's fields. A target date before yesterday (UTC) is refused: "yesterday" so that no
   * time zone's today is taken for the past. An existing goal may keep a date that has passed.
   */
  private validate(scope: LedgerScope, fields: GoalFields, now: Date, existing?: Goal) {
    const name = requireText(fields.name, 'name', 'Name', NAME_MAX);
    const currency = given(fields.currency)
      ? requireCurrency(fields.currency, 'currency')
      : (existing?.currency ?? scope.user.currency);
    const target = requireAmount(
      fields.targetAmount,
      'targetAmount',
      'Target amount',
      currencyDigits(currency),
      'positive',
    );
    let targetDate: string | null = null;
    if (given(fields.targetDate)) {
      targetDate = requireDay(fields.targetDate, 'targetDate', 'Target date');
      const unchanged = existing !== undefined && existing.targetDate === targetDate;
      if (!unchanged && targetDate < addDays(todayOf(now), -1)) {
        throw badInput('targetDate', 'Target date must not be in the past');
      }
    }
    return { name, currency, targetAmountMinor: Number(target), targetDate };
  }

  private validateContribution(goal: Goal, fields: ContributionFields) {
    const amount = requireAmount(
      fields.amount,
      'amount',
      'Amount',
      currencyDigits(goal.currency),
      'positive',
    );
    const date = requireDay(fields.date, 'date');
    const note = given(fields.note) ? requireText(fields.note, 'note', 'Note', NOTE_MAX) : null;
    return { amountMinor: Number(amount), date, note };
  }
}
