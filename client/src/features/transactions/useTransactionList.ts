import { useQuery } from '@apollo/client/react';
import {
  TransactionDocument,
  TransactionsDocument,
  type TransactionFilter,
} from '../../graphql/graphql';

export const PAGE_SIZE = 25;

/** One page of the list for `filter`; "Load more" appends the next (see apollo.ts). */
export function useTransactionList(filter: TransactionFilter) {
  return useQuery(TransactionsDocument, {
    variables: { filter, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
}

export function useTransaction(id: string) {
  return useQuery(TransactionDocument, { variables: { id } });
}
