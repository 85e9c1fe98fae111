import { daysInMonth } from '../../lib/dates';
import { currencyDigits, fromMinor, toMinor } from '../../lib/money';

/**
 * The month's spending added up day by day (exact, in minor units), and the even pace a budget
 * allows: budget / days x day. Days after `lastDay` (the future) have no spending point.
 */
export function cumulativeSpending(
  month: string,
  expenses: { amount: string; date: string }[],
  budget: string | null,
  currency: string,
  lastDay: number,
): { day: number; spent: string | null; pace: string | null }[] {
  const digits = currencyDigits(currency);
  const days = daysInMonth(month);
  const perDay = new Array<bigint>(days + 1).fill(0n);
  for (const expense of expenses) {
    if (!expense.date.startsWith(month)) continue;
    perDay[Number(expense.date.slice(8, 10))] += toMinor(expense.amount, digits);
  }
  const budgetMinor = budget == null ? null : toMinor(budget, digits);
  const points = [];
  let running = 0n;
  for (let day = 1; day <= days; day += 1) {
    running += perDay[day];
    points.push({
      day,
      spent: day <= lastDay ? fromMinor(running, digits) : null,
      pace:
        budgetMinor == null ? null : fromMinor((budgetMinor * BigInt(day)) / BigInt(days), digits),
    });
  }
  return points;
}
