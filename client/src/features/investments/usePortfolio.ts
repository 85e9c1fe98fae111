import { useMutation, useQuery } from '@apollo/client/react';
import {
  AddDividendDocument,
  AddSplitDocument,
  AddTradeDocument,
  DeleteTradeDocument,
  ImportPricesDocument,
  InvestmentAccountsDocument,
  PortfolioDocument,
  SetPriceDocument,
  TradesDocument,
  UpdateSecurityDocument,
  UpdateTradeDocument,
} from '../../graphql/graphql';

// Every write can change holdings, values and returns: the page's reads all come again.
const refetchQueries = ['Portfolio', 'Trades', 'InvestmentAccounts'];

export function usePortfolio(variables: {
  accountId: string | null;
  from: string | null;
  to: string | null;
}) {
  return useQuery(PortfolioDocument, { variables });
}

export function useInvestmentAccounts() {
  return useQuery(InvestmentAccountsDocument);
}

export function useTrades(accountId: string | null) {
  return useQuery(TradesDocument, { variables: { accountId } });
}

export const useAddTrade = () => useMutation(AddTradeDocument, { refetchQueries });
export const useUpdateTrade = () => useMutation(UpdateTradeDocument, { refetchQueries });
export const useDeleteTrade = () => useMutation(DeleteTradeDocument, { refetchQueries });
export const useAddDividend = () => useMutation(AddDividendDocument, { refetchQueries });
export const useAddSplit = () => useMutation(AddSplitDocument, { refetchQueries });
export const useSetPrice = () => useMutation(SetPriceDocument, { refetchQueries });
export const useImportPrices = () => useMutation(ImportPricesDocument, { refetchQueries });
export const useUpdateSecurity = () => useMutation(UpdateSecurityDocument, { refetchQueries });
