import { useQuery } from '@apollo/client/react';
import { ReceiptsDocument, type ReceiptFilter } from '../../graphql/graphql';

/** A page of the ledger's receipts (24 thumbnails at a time), newest first. */
export function useReceiptList(filter: ReceiptFilter) {
  return useQuery(ReceiptsDocument, {
    variables: { filter, first: 24 },
    notifyOnNetworkStatusChange: true,
  });
}
