import type { ApolloCache } from '@apollo/client';
import { forgetTotals } from '../expenses/cache';

/** After a copy or a changed setting: the totals, and the budget page's own figures, are stale. */
export function forgetBudgetPlanning(cache: ApolloCache): void {
  for (const fieldName of [
    'budgetSettings',
    'monthBudgeted',
    'unbudgetedSpending',
    'leftToBudget',
  ]) {
    cache.evict({ id: 'ROOT_QUERY', fieldName });
  }
  forgetTotals(cache);
}
