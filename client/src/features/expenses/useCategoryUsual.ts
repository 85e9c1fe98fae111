import { useQuery } from '@apollo/client/react';
import { ExpensesDocument } from '../../graphql/graphql';

/** How many of a category's latest expenses tell what is usual for it. */
const RECENT = 20;

/**
 * The category's recent expenses in the reporting currency (each was written in its own); empty
 * until a category is chosen and read.
 */
export function useCategoryRecentAmounts(category: string): string[] {
  const name = category.trim();
  const { data } = useQuery(ExpensesDocument, {
    variables: { filter: { category: name }, first: RECENT },
    skip: !name,
  });
  return name && data ? data.expenses.nodes.map((expense) => expense.reportingAmount) : [];
}
