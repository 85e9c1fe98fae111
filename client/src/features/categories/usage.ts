import type { CategoryUsageQuery } from '../../graphql/graphql';

/** One category with how much it is used, as the page lists it. */
export type Usage = CategoryUsageQuery['categoryUsage'][number];

export const transactions = (count: number) => `${count} transaction${count === 1 ? '' : 's'}`;
