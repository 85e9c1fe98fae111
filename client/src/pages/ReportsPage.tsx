import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { usePageTitle } from '../app/Layout';
import { ErrorState, Loading } from '../components/States';
import { useAccounts } from '../features/accounts/useAccounts';
import { useLedgers } from '../features/households/LedgerProvider';
import { ReportBuilder } from '../features/reports/ReportBuilder';
import { ReportResult } from '../features/reports/ReportResult';
import { SavedReportList, SaveReportForm } from '../features/reports/SavedReports';
import { useReport, useSavedReports, type SavedReport } from '../features/reports/useReports';
import '../features/reports/reports.css';
import { CategoriesDocument, type ReportInput } from '../graphql/graphql';
import { currentMonth, today } from '../lib/dates';
import { fieldErrors } from '../lib/errors';

/** This year so far, by month: what most people open the page for. */
function defaultInput(): ReportInput {
  return { from: `${currentMonth().slice(0, 4)}-01-01`, to: today(), groupBy: 'MONTH' };
}

export function ReportsPage() {
  usePageTitle('Reports');
  const [input, setInput] = useState<ReportInput>(defaultInput);
  const [saved, setSaved] = useState<SavedReport | null>(null);
  // Remounts the builder when a saved report is opened, so that its fields show that report.
  const [builderKey, setBuilderKey] = useState(0);
  const report = useReport(input);
  const savedReports = useSavedReports();
  const accounts = (useAccounts().data?.accounts ?? []).filter((a) => !a.archived);
  const categories = useQuery(CategoriesDocument).data?.categories ?? [];
  const ledgerId = useLedgers().current?.id ?? null;

  let body;
  if (!report.data && report.loading) body = <Loading label="Running the report…" />;
  else if (!report.data) {
    body = hasFieldErrors(report.error) ? null : (
      <ErrorState error={report.error} onRetry={() => void report.refetch()} />
    );
  } else body = <ReportResult report={report.data.report} input={input} ledgerId={ledgerId} />;

  return (
    <section className="page">
      <div className="page-heading">
        <h1>Reports</h1>
      </div>
      <ReportBuilder
        key={builderKey}
        input={input}
        accounts={accounts}
        categories={categories}
        problems={report.error ? fieldErrors(report.error) : {}}
        onRun={setInput}
      />
      {body}
      <SaveReportForm key={saved?.id ?? 'new'} input={input} saved={saved} onSaved={setSaved} />
      <section className="card" aria-labelledby="saved-reports-heading">
        <h2 id="saved-reports-heading">Saved reports</h2>
        {savedReports.data ? (
          <SavedReportList
            reports={savedReports.data.savedReports}
            onOpen={(chosen) => {
              setSaved(chosen);
              setInput({
                from: chosen.input.from,
                to: chosen.input.to,
                groupBy: chosen.input.groupBy,
                accountIds: chosen.input.accountIds,
                categories: chosen.input.categories,
                taxDeductibleOnly: chosen.input.taxDeductibleOnly,
              });
              setBuilderKey((k) => k + 1);
            }}
          />
        ) : savedReports.loading ? (
          <Loading label="Loading saved reports…" />
        ) : (
          <ErrorState error={savedReports.error} onRetry={() => void savedReports.refetch()} />
        )}
      </section>
    </section>
  );
}

function hasFieldErrors(error: unknown): boolean {
  return Object.keys(fieldErrors(error)).length > 0;
}
