import type { ApolloCache } from '@apollo/client';
import { CategoryUsageDocument } from '../../graphql/graphql';

/**
 * Every list, chart and picker that shows categories or sums by them is read again after a
 * change here: a merge moves money between categories, a rename or a hide changes pickers.
 */
function forgetCategoryViews(cache: ApolloCache) {
  for (const fieldName of [
    'categories',
    'expenses',
    'transactions',
    'dashboard',
    'budgetCategories',
  ]) {
    cache.evict({ id: 'ROOT_QUERY', fieldName });
  }
  cache.gc();
}

/** Options of every category mutation on the page. */
export const refetchAfterCategoryChange = {
  refetchQueries: [{ query: CategoryUsageDocument }],
  awaitRefetchQueries: true,
  update: forgetCategoryViews,
};
