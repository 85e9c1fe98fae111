import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { GroupQuery, GroupsQuery } from '../../graphql/graphql';

export type Group = GroupsQuery['groups'][number];
export type GroupExpense = NonNullable<GroupQuery['groupExpenses']>['nodes'][number];

/** BAD_USER_INPUT messages by the server's full field path ("members.1.iban", "splits"). */
export function fieldPaths(error: unknown): Record<string, string> {
  const found: Record<string, string> = {};
  if (!CombinedGraphQLErrors.is(error)) return found;
  for (const e of error.errors) {
    const field = e.extensions?.field;
    if (e.extensions?.code === 'BAD_USER_INPUT' && typeof field === 'string') {
      found[field] ??= e.message;
    }
  }
  return found;
}

export const METHODS = [
  ['EQUAL', 'Equally'],
  ['SHARES', 'By shares'],
  ['EXACT', 'Exact amounts'],
  ['PERCENT', 'Percentages'],
] as const;
