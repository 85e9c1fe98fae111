import type { ApolloCache } from '@apollo/client';
import { CategoryRulesDocument } from '../../graphql/graphql';

/** After rules file transactions, every list and sum by category is read again. */
export function forgetFiledViews(cache: ApolloCache): void {
  for (const fieldName of [
    'categories',
    'categoryUsage',
    'expenses',
    'transactions',
    'dashboard',
    'budgetCategories',
  ]) {
    cache.evict({ id: 'ROOT_QUERY', fieldName });
  }
  cache.gc();
}

/** Options of the rule mutations: the list is read again (its order depends on every rule). */
export const refetchRules = {
  refetchQueries: [{ query: CategoryRulesDocument }],
  awaitRefetchQueries: true,
  // A new category may have been made for the rule.
  update: (cache: ApolloCache) => {
    cache.evict({ id: 'ROOT_QUERY', fieldName: 'categories' });
    cache.gc();
  },
};
