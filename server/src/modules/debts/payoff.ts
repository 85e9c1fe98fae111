/**
 * The debt payoff planner: a month-by-month simulation in integer minor units (bigint), with no
 * database and no GraphQL, so that it can be checked against worked examples.
 *
 * Each month, in this order:
 * 1. every open debt accrues interest = balance * annualRate / 12, rounded half to even to the
 *    minor unit (lib/exchange.ts `roundHalfEven`; e.g. 1000.00 at 0.18 -> 15.00, 1000.01 at
 *    0.18 -> 15.00, 1000.50 at 0.015 -> 1.25 (1.250625 rounds down));
 * 2. every open debt is paid its minimum (or its whole balance when that is less);
 * 3. what is left of the monthly budget goes to the open debts in the strategy's order, each
 *    paid off before the next gets anything.
 * The monthly budget is the sum of every debt's minimum plus the extra, for as long as any debt
 * is open: a paid-off debt's minimum rolls over to the others. "Minimums only", the baseline,
 * pays each debt its own minimum and nothing else (no extra, no roll-over).
 *
 * A debt still open after `HORIZON_MONTHS`, or whose balance outgrows what an amount may be, is
 * "never paid off at this payment": the simulation stops there instead of looping.
 */
import { roundHalfEven } from '../../lib/exchange';

export type Strategy = 'SNOWBALL' | 'AVALANCHE';

/** 100 years. */
export const HORIZON_MONTHS = 1200;
/** 10^13 major units of a two-digit currency: beyond this an amount cannot be written. */
const RUNAWAY_MINOR = 10n ** 15n;

export interface PlanDebt {
  id: number;
  name: string;
  balanceMinor: bigint;
  /** Annual rate as an exact fraction: "0.199" -> 199 / 1000. */
  rateNum: bigint;
  rateDen: bigint;
  minimumMinor: bigint;
}

export interface PlanMonth {
  /** 1 for the first month simulated. */
  index: number;
  interestMinor: bigint;
  paymentMinor: bigint;
  /** Each debt's balance at the end of the month, in the order of the debts given. */
  balancesMinor: bigint[];
}

export interface DebtOutcome {
  id: number;
  /** The month (1-based) of the last payment; null: never paid off at this payment. */
  payoffMonth: number | null;
  interestMinor: bigint;
  /** The debt's place in the strategy's order, 1 first. */
  order: number;
}

export interface PlanResult {
  /** Months until every debt is paid; the months simulated when some never are. */
  months: number;
  paidOff: boolean;
  totalInterestMinor: bigint;
  debts: DebtOutcome[];
  schedule: PlanMonth[];
}

/** Monthly interest on `balance` at an annual rate of num/den, half to even. */
export function monthlyInterest(balance: bigint, rateNum: bigint, rateDen: bigint): bigint {
  return roundHalfEven(balance * rateNum, rateDen * 12n);
}

/** Compares rates num/den exactly, without dividing. */
const rateCompare = (a: PlanDebt, b: PlanDebt) => {
  const left = a.rateNum * b.rateDen;
  const right = b.rateNum * a.rateDen;
  return left === right ? 0 : left > right ? 1 : -1;
};
const byBalance = (a: PlanDebt, b: PlanDebt) =>
  a.balanceMinor === b.balanceMinor ? 0 : a.balanceMinor < b.balanceMinor ? -1 : 1;

/**
 * Snowball: smallest starting balance first (then the higher rate, then the older debt).
 * Avalanche: highest rate first (then the smaller balance, then the older debt).
 */
export function strategyOrder(debts: PlanDebt[], strategy: Strategy): PlanDebt[] {
  return [...debts].sort((a, b) => {
    const first = strategy === 'SNOWBALL' ? byBalance(a, b) : -rateCompare(a, b);
    if (first !== 0) return first;
    const second = strategy === 'SNOWBALL' ? -rateCompare(a, b) : byBalance(a, b);
    return second !== 0 ? second : a.id - b.id;
  });
}

/**
 * Simulates paying `debts` with `extraMinor` a month on top of the minimums, by `strategy`;
 * `strategy` null is the minimums-only baseline.
 */
export function simulate(
  debts: PlanDebt[],
  strategy: Strategy | null,
  extraMinor: bigint,
): PlanResult {
  const order = strategyOrder(debts, strategy ?? 'AVALANCHE');
  const position = new Map(debts.map((d, i) => [d.id, i]));
  const balances = debts.map((d) => d.balanceMinor);
  const interest = debts.map(() => 0n);
  const payoffMonth: (number | null)[] = debts.map((d) => (d.balanceMinor > 0n ? null : 0));
  const budget = debts.reduce((sum, d) => sum + d.minimumMinor, 0n) + extraMinor;
  const schedule: PlanMonth[] = [];
  let totalInterest = 0n;
  let month = 0;
  const open = () => balances.some((b) => b > 0n);
  while (open() && month < HORIZON_MONTHS) {
    month += 1;
    let monthInterest = 0n;
    let monthPayment = 0n;
    debts.forEach((debt, i) => {
      if (balances[i] <= 0n) return;
      const charge = monthlyInterest(balances[i], debt.rateNum, debt.rateDen);
      balances[i] += charge;
      interest[i] += charge;
      monthInterest += charge;
    });
    let left = budget;
    debts.forEach((debt, i) => {
      if (balances[i] <= 0n) return;
      const pay = debt.minimumMinor < balances[i] ? debt.minimumMinor : balances[i];
      balances[i] -= pay;
      left -= pay;
      monthPayment += pay;
    });
    if (strategy !== null) {
      for (const debt of order) {
        if (left <= 0n) break;
        const i = position.get(debt.id) as number;
        const pay = left < balances[i] ? left : balances[i];
        balances[i] -= pay;
        left -= pay;
        monthPayment += pay;
      }
    }
    balances.forEach((b, i) => {
      if (b === 0n && payoffMonth[i] === null) payoffMonth[i] = month;
    });
    totalInterest += monthInterest;
    schedule.push({
      index: month,
      interestMinor: monthInterest,
      paymentMinor: monthPayment,
      balancesMinor: [...balances],
    });
    if (balances.some((b) => b > RUNAWAY_MINOR)) break;
  }
  const ranks = new Map(order.map((d, i) => [d.id, i + 1]));
  return {
    months: month,
    paidOff: !open(),
    totalInterestMinor: totalInterest,
    debts: debts.map((d, i) => ({
      id: d.id,
      payoffMonth: payoffMonth[i],
      interestMinor: interest[i],
      order: ranks.get(d.id) as number,
    })),
    schedule,
  };
}
