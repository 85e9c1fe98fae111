import { useMutation, useQuery } from '@apollo/client/react';
import {
  ExchangeRatesDocument,
  ImportExchangeRatesDocument,
  SetExchangeRateDocument,
} from '../../graphql/graphql';

/** The stored rates, newest first, optionally of one pair. */
export function useExchangeRates(filter: { from?: string; to?: string }) {
  return useQuery(ExchangeRatesDocument, {
    variables: { from: filter.from || null, to: filter.to || null },
  });
}

export function useSetExchangeRate() {
  return useMutation(SetExchangeRateDocument, { refetchQueries: ['ExchangeRates'] });
}

export function useImportExchangeRates() {
  return useMutation(ImportExchangeRatesDocument, { refetchQueries: ['ExchangeRates'] });
}
