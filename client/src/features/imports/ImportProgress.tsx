import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { ErrorState } from '../../components/States';
import { ImportStatusDocument, type ImportStatusQuery } from '../../graphql/graphql';
import { formatDate } from '../../lib/dates';
import { RowErrors } from './PreviewRows';

type Result = ImportStatusQuery['importStatus'];

const finished = (result: Result | undefined) =>
  result?.status === 'DONE' || result?.status === 'FAILED';

/** Where the imported rows are listed: the account's transactions (all of them for a restore). */
export function importedRowsPath(result: Pick<Result, 'accountId'>): string {
  return result.accountId === null || result.accountId === undefined
    ? '/transactions'
    : `/transactions?account=${encodeURIComponent(result.accountId)}`;
}

/** The commit as it runs (a progress bar, polled), then its result. */
export function ImportProgress({ importId }: { importId: string }) {
  const { data, error, refetch, stopPolling } = useQuery(ImportStatusDocument, {
    variables: { importId },
    pollInterval: 400,
    fetchPolicy: 'network-only',
    notifyOnNetworkStatusChange: false,
  });
  const result = data?.importStatus;
  const done = finished(result);
  useEffect(() => {
    if (done) stopPolling();
  }, [done, stopPolling]);
  if (!result) {
    return error ? <ErrorState error={error} onRetry={() => void refetch()} /> : null;
  }
  if (result.status === 'FAILED') {
    return (
      <div className="import-result">
        <p className="form-error">Nothing was imported: the file has errors.</p>
        <RowErrors errors={result.errors} title="Errors" />
      </div>
    );
  }
  if (result.status === 'DONE') {
    return (
      <div className="import-result" role="status">
        <p className="import-done">
          Imported {result.imported} {result.imported === 1 ? 'transaction' : 'transactions'}
          {result.skippedDuplicates > 0
            ? `; ${result.skippedDuplicates} already imported ${result.skippedDuplicates === 1 ? 'was' : 'were'} skipped`
            : ''}
          .
        </p>
        {result.imported > 0 && result.from && result.to && (
          <p className="muted">
            From {formatDate(result.from)} to {formatDate(result.to)}.
          </p>
        )}
        <p>
          <Link className="button" to={importedRowsPath(result)}>
            See the imported transactions
          </Link>
        </p>
      </div>
    );
  }
  const percent = Math.round(result.progress * 100);
  return (
    <div className="import-result">
      <label className="import-progress">
        <span>Importing… {percent}%</span>
        <progress max={1} value={result.progress} aria-valuetext={`${percent}%`} />
      </label>
    </div>
  );
}
