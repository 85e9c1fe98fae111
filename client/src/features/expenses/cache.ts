import type { ApolloCache } from '@apollo/client';

/**
 * After any change to expenses, budgets or targets, the totals that depend on them are dropped
 * from the cache; the queries on screen notice the gap and fetch fresh figures.
 */
export function forgetTotals(cache: ApolloCache): void {
  for (const fieldName of ['expenses', 'dashboard', 'budgetCategories', 'budgets', 'categories']) {
    cache.evict({ id: 'ROOT_QUERY', fieldName });
  }
  cache.gc();
}
