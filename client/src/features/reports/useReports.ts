import { useMutation, useQuery } from '@apollo/client/react';
import {
  DeleteSavedReportDocument,
  ReportDocument,
  SaveReportDocument,
  SavedReportsDocument,
  type ReportInput,
  type ReportQuery,
  type SavedReportsQuery,
} from '../../graphql/graphql';

export type Report = ReportQuery['report'];
export type ReportRow = Report['rows'][number];
export type SavedReport = SavedReportsQuery['savedReports'][number];
export type ExportFormat = 'pdf' | 'csv' | 'xlsx';
export type ChartKind = 'bar' | 'line' | 'donut';

export function useReport(input: ReportInput | null) {
  return useQuery(ReportDocument, {
    variables: { input: input as ReportInput },
    skip: input === null,
  });
}

export function useSavedReports() {
  return useQuery(SavedReportsDocument);
}

export function useSaveReport() {
  const [save] = useMutation(SaveReportDocument, { refetchQueries: ['SavedReports'] });
  return async (variables: {
    name: string;
    input: ReportInput;
    schedule: string | null;
    email: boolean;
    id?: string;
  }) => (await save({ variables })).data!.saveReport;
}

export function useDeleteSavedReport() {
  const [remove] = useMutation(DeleteSavedReportDocument, { refetchQueries: ['SavedReports'] });
  return async (id: string) => void (await remove({ variables: { id } }));
}

/** The report's file as a plain link: the browser downloads it with the session cookie. */
export function exportHref(
  input: ReportInput,
  format: ExportFormat,
  ledgerId: string | null,
  size: 'A4' | 'LETTER' = 'A4',
): string {
  const params = new URLSearchParams({
    format,
    from: input.from,
    to: input.to,
    groupBy: input.groupBy,
  });
  if (input.accountIds?.length) params.set('accountIds', input.accountIds.join(','));
  for (const category of input.categories ?? []) params.append('categories', category);
  if (input.taxDeductibleOnly) params.set('taxDeductibleOnly', 'true');
  if (format === 'pdf') params.set('size', size);
  if (ledgerId) params.set('ledgerId', ledgerId);
  return `/api/reports/export?${params}`;
}
