import { useQuery } from '@apollo/client/react';
import { DashboardDocument } from '../../graphql/graphql';

/** The dashboard's figures, charts and net worth: one request. */
export function useDashboard(month: string) {
  return useQuery(DashboardDocument, { variables: { month } });
}
