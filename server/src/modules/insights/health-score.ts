import { moneyText } from '../../lib/money-text';
import { coefficientOfVariation } from './statistics';

/**
 * The monthly health score: five documented components adding up to 100.
 *
 * - Savings rate (25): (income - spending) / income; 20 % or more earns every point.
 * - Budget adherence (20): the share of the month's category targets kept (spent <= target);
 *   without targets, whether the monthly budget was kept; without either, no points.
 * - Emergency fund (25): cash, checking and savings balances at the month's end in months of
 *   average spending (the six months ending there); six months or more earns every point.
 * - Debt payments to income (15): the debts' minimum payments over the month's income; 10 % or
 *   less earns every point, 40 % or more none; no debts, every point.
 * - Spending volatility (15): the coefficient of variation of the six months' spending; 10 % or
 *   less earns every point, 50 % or more none; fewer than three months of spending, none.
 */
export interface HealthInputs {
  currency: string;
  incomeMinor: bigint;
  spentMinor: bigint;
  /** The month's targets: how many, and how many kept. */
  targets: { total: number; kept: number };
  /** The monthly budget; null when none. */
  budgetMinor: bigint | null;
  liquidMinor: bigint;
  /** Spending of the six months ending at the month, oldest first (zeros before any are left out). */
  recentSpending: bigint[];
  debtMinimumsMinor: bigint;
  hasDebts: boolean;
}

export interface HealthComponentResult {
  name: string;
  value: string;
  points: number;
  maxPoints: number;
  explanation: string;
}

/** Linear points between a ratio earning nothing and one earning everything. */
function scaled(ratio: number, zeroAt: number, fullAt: number, max: number): number {
  const share = (ratio - zeroAt) / (fullAt - zeroAt);
  return Math.round(Math.min(1, Math.max(0, share)) * max);
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)} %`;

export function healthComponents(input: HealthInputs): HealthComponentResult[] {
  const amount = (minor: bigint) => moneyText(minor, input.currency);
  const income = Number(input.incomeMinor);
  const spent = Number(input.spentMinor);
  const components: HealthComponentResult[] = [];

  if (income > 0) {
    const rate = (income - spent) / income;
    components.push({
      name: 'Savings rate',
      value: percent(rate),
      points: scaled(rate, 0, 0.2, 25),
      maxPoints: 25,
      explanation: `Income ${amount(input.incomeMinor)} minus spending ${amount(input.spentMinor)} left ${percent(rate)} of income; 20 % or more earns every point.`,
    });
  } else {
    components.push({
      name: 'Savings rate',
      value: 'no income',
      points: 0,
      maxPoints: 25,
      explanation: 'No income was recorded this month, so nothing could be saved from it.',
    });
  }

  if (input.targets.total > 0) {
    const share = input.targets.kept / input.targets.total;
    components.push({
      name: 'Budget adherence',
      value: `${input.targets.kept} of ${input.targets.total}`,
      points: Math.round(share * 20),
      maxPoints: 20,
      explanation: `${input.targets.kept} of ${input.targets.total} category targets were kept (spent no more than the target).`,
    });
  } else if (input.budgetMinor !== null) {
    const kept = input.spentMinor <= input.budgetMinor;
    components.push({
      name: 'Budget adherence',
      value: kept ? 'kept' : 'over',
      points: kept ? 20 : 0,
      maxPoints: 20,
      explanation: `Spending ${amount(input.spentMinor)} against a monthly budget of ${amount(input.budgetMinor)}.`,
    });
  } else {
    components.push({
      name: 'Budget adherence',
      value: 'no budget',
      points: 0,
      maxPoints: 20,
      explanation: 'No budget or category targets were set for this month.',
    });
  }

  const spending = input.recentSpending.map(Number);
  const average = spending.length ? spending.reduce((s, v) => s + v, 0) / spending.length : 0;
  if (average > 0) {
    const months = Math.max(0, Number(input.liquidMinor)) / average;
    components.push({
      name: 'Emergency fund',
      value: `${months.toFixed(1)} months`,
      points: scaled(months, 0, 6, 25),
      maxPoints: 25,
      explanation: `Cash, checking and savings of ${amount(input.liquidMinor)} cover ${months.toFixed(1)} months of average spending (${amount(BigInt(Math.round(average)))}); six months earns every point.`,
    });
  } else {
    const any = input.liquidMinor > 0n;
    components.push({
      name: 'Emergency fund',
      value: any ? 'no spending' : 'none',
      points: any ? 25 : 0,
      maxPoints: 25,
      explanation: any
        ? `Cash, checking and savings of ${amount(input.liquidMinor)} and no spending to cover.`
        : 'No cash, checking or savings balance.',
    });
  }

  if (!input.hasDebts) {
    components.push({
      name: 'Debt payments to income',
      value: '0 %',
      points: 15,
      maxPoints: 15,
      explanation: 'No debts are recorded.',
    });
  } else if (income > 0) {
    const ratio = Number(input.debtMinimumsMinor) / income;
    components.push({
      name: 'Debt payments to income',
      value: percent(ratio),
      points: scaled(ratio, 0.4, 0.1, 15),
      maxPoints: 15,
      explanation: `Minimum debt payments of ${amount(input.debtMinimumsMinor)} take ${percent(ratio)} of income; 10 % or less earns every point, 40 % or more none.`,
    });
  } else {
    components.push({
      name: 'Debt payments to income',
      value: 'no income',
      points: 0,
      maxPoints: 15,
      explanation: `Minimum debt payments of ${amount(input.debtMinimumsMinor)} and no income this month.`,
    });
  }

  if (spending.length >= 3) {
    const cv = coefficientOfVariation(spending);
    components.push({
      name: 'Spending volatility',
      value: percent(cv),
      points: scaled(cv, 0.5, 0.1, 15),
      maxPoints: 15,
      explanation: `Monthly spending over the last ${spending.length} months varied by ${percent(cv)} of its average; 10 % or less earns every point, 50 % or more none.`,
    });
  } else {
    components.push({
      name: 'Spending volatility',
      value: 'too little history',
      points: 0,
      maxPoints: 15,
      explanation: 'Needs at least three months of spending to measure.',
    });
  }
  return components;
}

export const totalScore = (components: HealthComponentResult[]) =>
  components.reduce((sum, c) => sum + c.points, 0);
