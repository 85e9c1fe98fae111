import { useApolloClient, useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { ImportLedgerDocument } from '../../graphql/graphql';
import { errorMessage } from '../../lib/errors';
import { uploadFile } from '../../lib/uploadFile';

/** Uploads a JSON export and restores it into the (empty) ledger; shows what came back. */
export function RestoreExport() {
  const inputId = useId();
  const client = useApolloClient();
  const [importLedger] = useMutation(ImportLedgerDocument);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [restored, setRestored] = useState<{
    name: string;
    count: number;
    /** Records written after the rest (webhook endpoints) that this server refused. */
    skipped: { field: string | null; message: string }[];
  } | null>(null);
  return (
    <form
      className="form"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const input = event.currentTarget.querySelector<HTMLInputElement>('input[type="file"]');
        const file = input?.files?.[0];
        if (!file) {
          setProblem('Choose an export file first');
          input?.focus();
          return;
        }
        setProblem(null);
        setRestored(null);
        setBusy(true);
        try {
          const uploaded = await uploadFile(file);
          const { data } = await importLedger({ variables: { uploadId: uploaded.id } });
          setRestored({
            name: uploaded.name,
            count: data?.importLedger.imported ?? 0,
            skipped: data?.importLedger.errors ?? [],
          });
          if (input) input.value = '';
          // Everything may have changed. Cached lists are dropped (other pages load afresh) and what
          // this page shows reloads in place: resetStore would remount the page and lose this answer.
          client.cache.modify({
            fields: (value, { fieldName, DELETE }) => (fieldName === 'me' ? value : DELETE),
          });
          client.cache.gc();
          await client.refetchQueries({ include: 'active' });
        } catch (error) {
          setProblem(
            error instanceof Error && !('errors' in error) ? error.message : errorMessage(error),
          );
        } finally {
          setBusy(false);
        }
      }}
    >
      <p className="muted">
        Restores a JSON export into this account. It must be empty: nothing recorded yet.
      </p>
      <div className={`field${problem ? ' field-invalid' : ''}`}>
        <label htmlFor={inputId}>Export file</label>
        <input
          id={inputId}
          type="file"
          name="file"
          accept=".json,application/json"
          aria-describedby={`${inputId}-hint${problem ? ` ${inputId}-error` : ''}`}
          aria-invalid={problem ? true : undefined}
        />
        <p className="field-hint" id={`${inputId}-hint`}>
          A file made by “Export all data (JSON)”.
        </p>
        {problem && (
          <p className="field-error" id={`${inputId}-error`} role="alert">
            {problem}
          </p>
        )}
      </div>
      {restored && (
        <div role="status">
          <p className="form-saved">
            Restored {restored.count.toLocaleString()} record{restored.count === 1 ? '' : 's'} from{' '}
            {restored.name}.
          </p>
          {restored.skipped.length > 0 && (
            <ul className="field-error">
              {restored.skipped.map((skip) => (
                <li key={`${skip.field}:${skip.message}`}>
                  {skip.field}: {skip.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Restoring…' : 'Restore from an export'}
        </button>
      </div>
    </form>
  );
}
