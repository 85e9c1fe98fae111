import { currencyDigits } from '../../lib/currencies';
import { addMonths, monthOf, monthRange, monthsEndingAt } from '../../lib/dates';
import { moneyText } from '../../lib/money-text';
import { badInput } from '../../errors';
import type { BudgetService } from '../budgets/budget.service';
import type { DebtService } from '../debts/debt.service';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import { AccountType } from '../ledger/account.entity';
import type { AccountService } from '../ledger/account.service';
import type { LedgerTotalsService } from '../ledger/ledger-totals.service';
import type { TransactionQueryService } from '../ledger/transaction-query.service';
import type { Transaction } from '../ledger/transaction.entity';
import type { BillsService } from '../recurring/bills.service';
import {
  amountsByPayee,
  baselinesOf,
  payeeKeys,
  categoryChanges,
  priceRises,
  unusualExpenses,
  type Baselines,
  type FoundInsight,
} from './detectors';
import { healthComponents, totalScore, type HealthComponentResult } from './health-score';
import { recommend, RECOMMENDATION_MONTHS, type Recommendation } from './recommendations';
import { median } from './statistics';

export interface InsightResult extends FoundInsight {
  transactions: Transaction[];
}

export interface HealthScoreResult {
  month: string;
  score: number;
  components: HealthComponentResult[];
}

export const HEALTH_HISTORY_MAX = 24;
const LIQUID: string[] = [AccountType.CASH, AccountType.CHECKING, AccountType.SAVINGS];
/** Months of spending the emergency fund and volatility look at. */
const SPENDING_WINDOW = 6;
/** Months of month totals that category changes compare against. */
const HISTORY_MONTHS = 12;
/**
 * A category's outliers are measured against its most recent 60 expenses within those months:
 * plenty for a median, and a bounded read however busy the category.
 */
const CATEGORY_SAMPLE = 60;
/** Payees (their outliers and price rises) are measured against the three months before. */
const PAYEE_MONTHS = 3;
/** The month's expenses and the payees' three months, newest first, stop here. */
const RECENT_MAX = 4000;

/**
 * Insights, budget recommendations and the health score, composed from the named reads of the
 * ledger, budgets, debts and recurring modules. Every answer costs a fixed number of statements,
 * each bounded whatever the history: month totals for per-month and per-category figures, and
 * individual expenses only from narrow index ranges (the month and the three before it, capped;
 * each category's last 60 expenses).
 */
export class InsightsService {
  constructor(
    private readonly totals: LedgerTotalsService,
    private readonly transactionQueries: TransactionQueryService,
    private readonly accounts: AccountService,
    private readonly budgets: BudgetService,
    private readonly debts: DebtService,
    private readonly bills: BillsService,
  ) {}

  async insights(scope: LedgerScope, month: string, now = new Date()): Promise<InsightResult[]> {
    const { start, last } = monthRange(month);
    const historyFrom = monthRange(addMonths(month, -HISTORY_MONTHS)).start;
    const payeeFrom = monthRange(addMonths(month, -PAYEE_MONTHS)).start;
    const [rows, recent, bills] = await Promise.all([
      this.totals.categorySpendingByMonth(scope.ledgerId, addMonths(month, -HISTORY_MONTHS), month),
      this.totals.recentExpenses(scope.ledgerId, payeeFrom, last, RECENT_MAX),
      this.bills.upcoming(scope, 1, now),
    ]);
    // Oldest first, as the detectors read them.
    const expenses = [...recent].reverse();
    const current = expenses.filter((e) => e.date >= start);
    const before = expenses.filter((e) => e.date < start);
    const samples = await this.totals.categorySamples(
      scope.ledgerId,
      current.flatMap((e) => (e.categoryId === null ? [] : [e.categoryId])),
      historyFrom,
      start,
      CATEGORY_SAMPLE,
    );
    const payeeBasis =
      recent.length === RECENT_MAX && before.length > 0
        ? `since ${before[0].date}`
        : `in the ${PAYEE_MONTHS} months before`;
    const keyOf = payeeKeys(expenses);
    const since = new Map(samples.map((s) => [s.categoryId, s.since]));
    const baselines: Baselines = {
      byCategory: baselinesOf(
        new Map(samples.map((s) => [s.categoryId, s.amounts])),
        (categoryId, amounts) =>
          amounts.length === CATEGORY_SAMPLE
            ? `since ${since.get(categoryId)}`
            : `in the ${HISTORY_MONTHS} months before`,
      ),
      byPayee: baselinesOf(amountsByPayee(before, keyOf), () => payeeBasis),
    };
    const names = new Map(rows.map((r) => [r.categoryId, r.name]));
    const rises = priceRises(month, expenses, scope.user.currency, keyOf);
    const explained = new Set(rises.flatMap((r) => r.transactionIds));
    const missed: FoundInsight[] = bills
      .filter((bill) => bill.overdue && monthOf(bill.date) === month)
      .map((bill) => ({
        id: `missed-bill:${bill.rule.id}:${bill.date}`,
        kind: 'MISSED_BILL',
        title: `${bill.rule.name} did not come`,
        explanation: `The recurring rule "${bill.rule.name}" expected ${moneyText(BigInt(bill.amountMinor), bill.rule.currency)} on ${bill.date}; no transaction was matched or confirmed.`,
        month,
        amountMinor: BigInt(bill.amountMinor),
        transactionIds: [],
      }));
    const found = [
      ...categoryChanges(month, rows, current, scope.user.currency),
      ...unusualExpenses(month, current, baselines, names, scope.user.currency, explained, keyOf),
      ...rises,
      ...missed,
    ];
    const linked = await this.transactionQueries.byIds(scope.ledgerId, [
      ...new Set(found.flatMap((f) => f.transactionIds)),
    ]);
    const byId = new Map(linked.map((t) => [t.id, t]));
    return found.map((f) => ({
      ...f,
      transactions: f.transactionIds.flatMap((id) => byId.get(id) ?? []),
    }));
  }

  /** Recommended targets for `month`, with what has been spent in it so far. */
  async recommendations(
    ledgerId: number,
    currency: string,
    month: string,
  ): Promise<{ recommendation: Recommendation; spentMinor: bigint }[]> {
    const months = monthsEndingAt(addMonths(month, -1), RECOMMENDATION_MONTHS);
    const [rows, flows] = await Promise.all([
      this.totals.categorySpendingByMonth(ledgerId, months[0], month),
      this.totals.monthFlows(ledgerId, addMonths(month, -1), RECOMMENDATION_MONTHS),
    ]);
    const income = median(flows.map((f) => Number(f.incomeMinor)));
    const spent = new Map(
      rows.filter((r) => r.month === month).map((r) => [r.categoryId, r.spentMinor]),
    );
    return recommend(months, rows, income, currencyDigits(currency)).map((recommendation) => ({
      recommendation,
      spentMinor: spent.get(recommendation.categoryId) ?? 0n,
    }));
  }

  /** Accepts the recommendations into the month's targets, in one transaction. */
  async applyRecommendations(scope: LedgerScope, month: string): Promise<void> {
    const recommended = await this.recommendations(scope.ledgerId, scope.user.currency, month);
    await this.budgets.setTargetsOfMonth(
      scope,
      month,
      recommended.map(({ recommendation }) => ({
        categoryId: recommendation.categoryId,
        amountMinor: recommendation.amountMinor,
      })),
    );
  }

  /** The health score of each of the `count` months ending at `last`, oldest first. */
  async healthScores(
    ledgerId: number,
    currency: string,
    last: string,
    count: number,
  ): Promise<HealthScoreResult[]> {
    if (!Number.isInteger(count) || count < 1 || count > HEALTH_HISTORY_MAX) {
      throw badInput('months', `months must be from 1 to ${HEALTH_HISTORY_MAX}`);
    }
    const months = monthsEndingAt(last, count);
    const [flows, budgets, adherence, accounts, accountFlows, debts] = await Promise.all([
      this.totals.monthFlows(ledgerId, last, count + SPENDING_WINDOW - 1),
      this.budgets.forMonths(ledgerId, months),
      this.budgets.targetAdherence(ledgerId, months),
      this.accounts.list(ledgerId),
      this.totals.accountFlowsWindow(ledgerId, months[0], last),
      this.debts.minimums(ledgerId, currency),
    ]);
    // Only balances in the reporting currency count towards the fund: no rate is guessed.
    const liquid = accounts.filter((a) => LIQUID.includes(a.type) && a.currency === currency);
    const liquidIds = new Set(liquid.map((a) => a.id));
    // Balances at the window's start: opening balances and every flow before it.
    const opening = liquid.reduce(
      (sum, a) => sum + BigInt(a.openingBalanceMinor) + (accountFlows.before.get(a.id) ?? 0n),
      0n,
    );
    const firstActive = flows.find((f) => f.spentMinor > 0n || f.incomeMinor > 0n)?.month;
    return months.map((month) => {
      const index = flows.findIndex((f) => f.month === month);
      const flow = flows[index];
      const recentSpending = flows
        .slice(Math.max(0, index - SPENDING_WINDOW + 1), index + 1)
        .filter((f) => firstActive !== undefined && f.month >= firstActive)
        .map((f) => f.spentMinor);
      const liquidMinor = accountFlows.byMonth
        .filter((f) => liquidIds.has(f.accountId) && f.month <= month)
        .reduce((sum, f) => sum + f.netMinor, opening);
      const budget = budgets.get(month);
      const components = healthComponents({
        currency,
        incomeMinor: flow.incomeMinor,
        spentMinor: flow.spentMinor,
        targets: adherence.get(month) ?? { total: 0, kept: 0 },
        budgetMinor: budget === undefined ? null : BigInt(budget),
        liquidMinor,
        recentSpending,
        debtMinimumsMinor: debts.minimumMinor,
        hasDebts: debts.count > 0,
      });
      return { month, score: totalScore(components), components };
    });
  }
}
