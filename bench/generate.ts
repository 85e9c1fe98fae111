import { addMonths, monthRange } from '../server/src/lib/dates';
import { Random } from './random';

/**
 * The benchmark's data, seeded and reproducible: ten years of expenses per user, amounts
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

export interface ExpenseRow {
  userId: number;
  description: string;
  amountMinor: number;
  categoryId: number;
  date: string;
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

/** The user's expenses in one month, each day within the month and not after `today`. */
export function monthExpenses(
  shape: UserShape,
  userId: number,
  month: string,
  m: number,
  today: string,
  seed: number,
): ExpenseRow[] {
  const random = new Random(seed * 104729 + shape.user.index * 1031 + m);
  const { last } = monthRange(month);
  const lastDay = Math.min(Number(last.slice(8)), last > today ? Number(today.slice(8)) : 31);
  const count = shape.countIn(m);
  const rows: ExpenseRow[] = [];
  for (let i = 0; i < count; i++) {
    const category = shape.order[random.weighted(shape.cumulative)];
    const amountMinor = Math.max(1, Math.round(random.logNormal(Math.log(2_500), 1.1)));
    const day = random.int(1, lastDay);
    rows.push({
      userId,
      description: `${WORDS[random.int(0, WORDS.length - 1)]} ${i + 1}`,
      amountMinor,
      categoryId: category,
      date: `${month}-${String(day).padStart(2, '0')}`,
    });
  }
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
