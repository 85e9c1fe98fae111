import type { ApolloCache } from '@apollo/client';

/**
 * Every write to the ledger moves balances, totals and lists at once: they are dropped from the
 * cache together, and the queries on screen fetch fresh figures.
 */
export function forgetLedger(cache: ApolloCache): void {
  for (const fieldName of [
    'accounts',
    'transactions',
    'transaction',
    'expenses',
    'expense',
    'dashboard',
    'netWorth',
    'budgetCategories',
    'categories',
  ]) {
    cache.evict({ id: 'ROOT_QUERY', fieldName });
  }
  cache.gc();
}
