import { useMutation, useQuery } from '@apollo/client/react';
import {
  SetCategoryTaxDeductibleDocument,
  SetTaxDeductibleDocument,
  TaxCategoriesDocument,
  TaxCategoryMarksDocument,
  TaxSummaryDocument,
} from '../../graphql/graphql';

export function useTaxSummary(year: number) {
  return useQuery(TaxSummaryDocument, { variables: { year } });
}

export function useTaxCategories() {
  return useQuery(TaxCategoriesDocument);
}

export function useTaxCategoryMarks() {
  return useQuery(TaxCategoryMarksDocument);
}

/** A mark changes what the summary and every listed transaction count as deductible. */
const AFTER_MARK = ['TaxSummary', 'TaxCategories', 'TaxCategoryMarks', 'Transactions'];

export function useSetCategoryTaxDeductible() {
  return useMutation(SetCategoryTaxDeductibleDocument, { refetchQueries: AFTER_MARK });
}

export function useSetTaxDeductible() {
  return useMutation(SetTaxDeductibleDocument, { refetchQueries: AFTER_MARK });
}
