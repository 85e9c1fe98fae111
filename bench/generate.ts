import { addMonths, monthRange } from '../server/src/lib/dates';
import { Random } from './random';

/**
 * The benchmark's data, seeded and reproducible: ten years of transactions per user in four
 * accounts and two currencies (expenses, income, transfers), expense amounts
 * log-normal (median about 25.00, a long tail), categories skewed (a few take most rows, by a
 * Zipf law over a per-user order), a budget for every month and targets for the top categories.
 */
export const YEARS = 10;
export const MONTHS = YEARS * 12;

export interface PlannedUser {
  /** Index in the plan; also the seed offset of the user's data. */
  index: number;
  role: 'light' | 'heavy' | 'other';
  username: string;
  expenses: number;
}

/**
 * Every user holds the same four accounts, by index: three in the reporting currency and one in
 * a second currency, whose rows are reported at a fixed rate.
 */
export const REPORTING_CURRENCY = 'USD';
export const FOREIGN_CURRENCY = 'EUR';
/** USD per EUR, fixed at booking for every foreign row (as a stored rate would be). */
export const FOREIGN_RATE = '1.08';
export const ACCOUNTS = [
  { name: 'Checking', type: 'CHECKING', currency: REPORTING_CURRENCY, openingMinor: 150_000 },
  { name: 'Card', type: 'CREDIT_CARD', currency: REPORTING_CURRENCY, openingMinor: -20_000 },
  { name: 'Savings', type: 'SAVINGS', currency: REPORTING_CURRENCY, openingMinor: 500_000 },
  { name: 'Euro account', type: 'CHECKING', currency: FOREIGN_CURRENCY, openingMinor: 30_000 },
] as const;
const CHECKING = 0;
const CARD = 1;
const SAVINGS = 2;
const FOREIGN = 3;

/** A transaction as stored, its accounts by index in ACCOUNTS. */
export interface TransactionRow {
  kind: 'EXPENSE' | 'INCOME' | 'TRANSFER';
  date: string;
  description: string;
  account: number;
  currency: string;
  amountMinor: number;
  toAccount: number | null;
  toAmountMinor: number | null;
  categoryId: number | null;
  reportingAmountMinor: number;
  rate: string;
  rateSource: 'SAME' | 'MANUAL';
}

/** minor * 108 / 100, rounded half to even: the server's rule for converted amounts. */
export function toReporting(foreignMinor: number): number {
  const scaled = BigInt(foreignMinor) * 108n;
  const whole = scaled / 100n;
  const rest = scaled % 100n;
  return Number(rest > 50n || (rest === 50n && whole % 2n === 1n) ? whole + 1n : whole);
}

/** One light user, one heavy user, and others sharing the rest of `total`. */
export function planUsers(total: number, light = 1_000, heavy = 100_000): PlannedUser[] {
  const rest = total - light - heavy;
  if (rest <= heavy) {
    throw new Error(`total ${total} leaves the heavy user's ${heavy} rows no minority`);
  }
  // Others between 1,000 and 10,000 rows each, like years of ordinary use.
  const others = Math.max(1, Math.ceil(rest / 5_000));
  const users: PlannedUser[] = [
    { index: 0, role: 'light', username: 'bench_light', expenses: light },
    { index: 1, role: 'heavy', username: 'bench_heavy', expenses: heavy },
  ];
  for (let i = 0; i < others; i++) {
    const share = Math.round(((i + 1) * rest) / others) - Math.round((i * rest) / others);
    users.push({ index: 2 + i, role: 'other', username: `bench_other_${i}`, expenses: share });
  }
  return users;
}

/** The months covered, oldest first, ending with the current one. */
export function benchMonths(current: string): string[] {
  return Array.from({ length: MONTHS }, (_, i) => addMonths(current, i - (MONTHS - 1)));
}

const WORDS = ['Corner shop', 'Market', 'Online order', 'Monthly', 'Card', 'Cash', 'Refill'];

/** A user's categories in their own order of importance, with Zipf weights. */
export class UserShape {
  readonly order: number[];
  readonly cumulative: number[];

  constructor(
    readonly user: PlannedUser,
    categoryIds: number[],
    seed: number,
  ) {
    const random = new Random(seed * 7919 + user.index);
    this.order = random.shuffle(categoryIds);
    let sum = 0;
    this.cumulative = this.order.map((_, rank) => (sum += 1 / Math.pow(rank + 1, 1.2)));
  }

  /** How many of the user's expenses fall in month number `m` (0 = oldest): exact in total. */
  countIn(m: number): number {
    const n = this.user.expenses;
    return Math.round(((m + 1) * n) / MONTHS) - Math.round((m * n) / MONTHS);
  }

  /** The top categories, which get monthly targets. */
  topCategories(count: number): number[] {
    return this.order.slice(0, count);
  }
}

/**
 * The user's transactions in one month, each day within the month and not after `today`: the
 * user's share of expenses spread over the card, checking and the foreign account; a salary and
 * savings interest; and three transfers (paying off the card, into savings, and across
 * currencies into the foreign account, with both amounts given).
 */
export function monthTransactions(
  shape: UserShape,
  month: string,
  m: number,
  today: string,
  seed: number,
): TransactionRow[] {
  const random = new Random(seed * 104729 + shape.user.index * 1031 + m);
  const { last } = monthRange(month);
  const lastDay = Math.min(Number(last.slice(8)), last > today ? Number(today.slice(8)) : 31);
  const day = () => `${month}-${String(random.int(1, lastDay)).padStart(2, '0')}`;
  const count = shape.countIn(m);
  const rows: TransactionRow[] = [];
  const same = { rate: '1', rateSource: 'SAME' as const, toAccount: null, toAmountMinor: null };
  for (let i = 0; i < count; i++) {
    const categoryId = shape.order[random.weighted(shape.cumulative)];
    const amountMinor = Math.max(1, Math.round(random.logNormal(Math.log(2_500), 1.1)));
    const pick = random.next();
    const account = pick < 0.45 ? CARD : pick < 0.85 ? CHECKING : FOREIGN;
    const description = `${WORDS[random.int(0, WORDS.length - 1)]} ${i + 1}`;
    const row = { kind: 'EXPENSE' as const, date: day(), description, account, categoryId };
    rows.push(
      account === FOREIGN
        ? {
            ...row,
            currency: FOREIGN_CURRENCY,
            amountMinor,
            toAccount: null,
            toAmountMinor: null,
            reportingAmountMinor: toReporting(amountMinor),
            rate: FOREIGN_RATE,
            rateSource: 'MANUAL',
          }
        : {
            ...row,
            ...same,
            currency: REPORTING_CURRENCY,
            amountMinor,
            reportingAmountMinor: amountMinor,
          },
    );
  }
  // Mean of the log-normal above: 2500 * e^(1.1^2 / 2), about 4,600 minor units per expense.
  const typical = Math.max(10_000, count * 4_600);
  const flow = (
    kind: 'INCOME' | 'TRANSFER',
    description: string,
    account: number,
    amountMinor: number,
    toAccount: number | null = null,
  ): TransactionRow => ({
    kind,
    date: day(),
    description,
    account,
    currency: REPORTING_CURRENCY,
    amountMinor,
    toAccount,
    // The one cross-currency transfer gives what arrived; the others arrive as they left.
    toAmountMinor:
      toAccount === null
        ? null
        : toAccount === FOREIGN
          ? Math.round((amountMinor * 100) / 108)
          : amountMinor,
    categoryId: null,
    reportingAmountMinor: amountMinor,
    rate: '1',
    rateSource: 'SAME',
  });
  rows.push(
    flow('INCOME', 'Salary', CHECKING, Math.round(typical * (1.05 + 0.1 * random.next()))),
    flow('INCOME', 'Interest', SAVINGS, random.int(100, 2_000)),
    flow('TRANSFER', 'Card payment', CHECKING, Math.round(typical * 0.45), CARD),
    flow('TRANSFER', 'Savings', CHECKING, Math.round(typical * 0.05) + 1, SAVINGS),
    flow('TRANSFER', 'To the euro account', CHECKING, Math.round(typical * 0.15) + 1, FOREIGN),
  );
  return rows;
}

/** A budget near the user's typical monthly spending, and targets for the top 5 categories. */
export function monthBudget(
  shape: UserShape,
  month: string,
  m: number,
  seed: number,
): { budgetMinor: number; targets: { categoryId: number; amountMinor: number }[] } {
  const random = new Random(seed * 15485863 + shape.user.index * 4099 + m);
  // Mean of the log-normal above: 2500 * e^(1.1^2 / 2), about 4,600 minor units per expense.
  const typical = shape.countIn(m) * 4_600;
  const budgetMinor = Math.max(
    10_000,
    Math.round((typical * (0.8 + 0.4 * random.next())) / 100) * 100,
  );
  const total = shape.cumulative[shape.cumulative.length - 1];
  const targets = shape.topCategories(5).map((categoryId, rank) => {
    const share = (shape.cumulative[rank] - (rank ? shape.cumulative[rank - 1] : 0)) / total;
    return {
      categoryId,
      amountMinor: Math.max(
        1_000,
        Math.round((typical * share * (0.9 + 0.3 * random.next())) / 100) * 100,
      ),
    };
  });
  return { budgetMinor, targets };
}
