import { useMutation } from '@apollo/client/react';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ErrorState, Loading } from '../../components/States';
import {
  CommitImportDocument,
  PreviewImportDocument,
  type CsvMapping,
} from '../../graphql/graphql';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { useAccounts } from '../accounts/useAccounts';
import { uploadFile, type UploadedFile } from '../../lib/uploadFile';
import { ImportProgress } from './ImportProgress';
import { MappingForm } from './MappingForm';
import { mappingFromPreview } from './mapping';
import { PreviewRows, RowErrors, type Preview } from './PreviewRows';
import './imports.css';

const FORMAT_NAMES: Record<string, string> = {
  CSV: 'CSV',
  OFX: 'OFX / QFX',
  QIF: 'QIF',
  CAMT053: 'CAMT.053',
};

/** How long the mapping must stay unchanged before the file is previewed again with it. */
const REPREVIEW_MS = 300;

interface Problems {
  file?: string;
  account?: string;
  form?: string;
}

/**
 * Bank file in, in three steps: choose the file and the account (the file is uploaded and
 * previewed), check the rows and the CSV mapping (each change previews again), import (the
 * commit runs on the server; its progress is polled).
 */
export function ImportWizard() {
  const ids = { file: useId(), account: useId(), skip: useId() };
  const accounts = useAccounts();
  const [file, setFile] = useState<File | null>(null);
  const [accountId, setAccountId] = useState('');
  const [uploaded, setUploaded] = useState<UploadedFile | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<CsvMapping | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [skipLikely, setSkipLikely] = useState(false);
  const [committed, setCommitted] = useState<string | null>(null);
  const [previewImport] = useMutation(PreviewImportDocument);
  const [commitImport, commitState] = useMutation(CommitImportDocument);
  const fileInput = useRef<HTMLInputElement>(null);
  const sequence = useRef(0);

  const open = accounts.data?.accounts.filter((a) => !a.archived) ?? [];
  const account = accountId || open[0]?.id || '';

  /** Uploads the file when new, then previews it; the newest answer wins. */
  const run = async (next: { file: File; account: string; mapping: CsvMapping | null }) => {
    const turn = ++sequence.current;
    setBusy(true);
    setProblems({});
    try {
      const stored =
        uploaded && uploaded.name === next.file.name && uploaded.size === next.file.size
          ? uploaded
          : await uploadFile(next.file).catch((error: unknown) => {
              throw Object.assign(new Error((error as Error).message), { field: 'file' });
            });
      if (turn !== sequence.current) return;
      setUploaded(stored);
      const { data } = await previewImport({
        variables: { uploadId: stored.id, accountId: next.account, mapping: next.mapping },
      });
      if (turn !== sequence.current || !data) return;
      setPreview(data.previewImport);
      if (next.mapping === null) {
        setMapping(mappingFromPreview(data.previewImport.mapping, data.previewImport.dateFormats));
      }
    } catch (error) {
      if (turn !== sequence.current) return;
      setPreview(null);
      const byField = fieldErrors(error);
      const message =
        (error as { field?: string }).field === 'file' ? (error as Error).message : null;
      setProblems(
        message
          ? { file: message }
          : byField.accountId
            ? { account: byField.accountId }
            : byField.uploadId
              ? { file: byField.uploadId }
              : { form: errorMessage(error) },
      );
    } finally {
      if (turn === sequence.current) setBusy(false);
    }
  };

  // A changed mapping (and only that) previews the file again once the user pauses.
  const mappingKey = JSON.stringify(mapping);
  const shownKey = useRef<string | null>(null);
  useEffect(() => {
    if (!file || !preview || mapping === null) return;
    if (shownKey.current === null || shownKey.current === mappingKey) {
      shownKey.current = mappingKey;
      return;
    }
    shownKey.current = mappingKey;
    const timer = setTimeout(() => void run({ file, account, mapping }), REPREVIEW_MS);
    return () => clearTimeout(timer);
  }, [mappingKey]);

  const choose = (next: File | null) => {
    setFile(next);
    setUploaded(null);
    setPreview(null);
    setMapping(null);
    setCommitted(null);
    shownKey.current = null;
    if (next && account) void run({ file: next, account, mapping: null });
  };

  if (!accounts.data && accounts.loading) return <Loading label="Loading accounts…" />;
  if (!accounts.data) {
    return <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />;
  }
  if (open.length === 0) {
    return (
      <p className="card card-pad">
        Imports go into an account. <Link to="/accounts">Add an account</Link> first.
      </p>
    );
  }

  const blocking = (preview?.errors.length ?? 0) > 0;
  const fresh = preview ? preview.total - preview.duplicates : 0;
  return (
    <div className="import-wizard">
      <section className="card card-pad" aria-labelledby={`${ids.file}-heading`}>
        <h2 id={`${ids.file}-heading`}>1. File and account</h2>
        <div className="form-row">
          <div className={`field${problems.file ? ' field-invalid' : ''}`}>
            <label htmlFor={ids.file}>Bank statement</label>
            <div
              className={`import-drop${dragging ? ' import-drop-active' : ''}`}
              onDragOver={(event) => {
                event.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={(event) => {
                event.preventDefault();
                setDragging(false);
                const dropped = event.dataTransfer.files[0];
                if (dropped) choose(dropped);
              }}
            >
              <input
                id={ids.file}
                ref={fileInput}
                type="file"
                name="file"
                accept=".csv,.txt,.ofx,.qfx,.qif,.xml"
                aria-describedby={`${ids.file}-hint${problems.file ? ` ${ids.file}-error` : ''}`}
                aria-invalid={problems.file ? true : undefined}
                onChange={(event) => choose(event.target.files?.[0] ?? null)}
              />
              <p className="field-hint" id={`${ids.file}-hint`}>
                Choose or drop a CSV, OFX, QFX, QIF or CAMT.053 file from your bank.
              </p>
            </div>
            {problems.file && (
              <p className="field-error" id={`${ids.file}-error`} role="alert">
                {problems.file}
              </p>
            )}
          </div>
          <div className={`field${problems.account ? ' field-invalid' : ''}`}>
            <label htmlFor={ids.account}>Into account</label>
            <select
              id={ids.account}
              value={account}
              aria-invalid={problems.account ? true : undefined}
              aria-describedby={problems.account ? `${ids.account}-error` : undefined}
              onChange={(event) => {
                setAccountId(event.target.value);
                setCommitted(null);
                if (file) void run({ file, account: event.target.value, mapping });
              }}
            >
              {open.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({a.currency})
                </option>
              ))}
            </select>
            {problems.account && (
              <p className="field-error" id={`${ids.account}-error`} role="alert">
                {problems.account}
              </p>
            )}
          </div>
        </div>
        {problems.form && (
          <p className="form-error" role="alert">
            {problems.form}
          </p>
        )}
        {busy && <Loading label="Reading the file…" />}
      </section>

      {preview && (
        <section className="card card-pad" aria-labelledby={`${ids.file}-check`}>
          <h2 id={`${ids.file}-check`}>2. Check the rows</h2>
          <p className="import-summary" aria-live="polite">
            <span className="tag">{FORMAT_NAMES[preview.format] ?? preview.format}</span>{' '}
            {preview.total} {preview.total === 1 ? 'row' : 'rows'}, {preview.duplicates} already
            imported, {preview.likelyDuplicates} possibly entered by hand
            {preview.savedMapping ? ' · the mapping saved with this account was used' : ''}.
          </p>
          {preview.format === 'CSV' && mapping && (
            <MappingForm
              mapping={mapping}
              header={preview.header}
              dateFormats={preview.dateFormats}
              onChange={setMapping}
            />
          )}
          <RowErrors
            errors={preview.errors}
            title={`${preview.errors.length} ${preview.errors.length === 1 ? 'error' : 'errors'}: fix the file or the mapping; nothing is imported while any remains`}
          />
          <PreviewRows preview={preview} />
          {preview.total > preview.rows.length && (
            <p className="muted">
              Showing the first {preview.rows.length} of {preview.total} rows.
            </p>
          )}
        </section>
      )}

      {preview && (
        <section className="card card-pad" aria-labelledby={`${ids.file}-import`}>
          <h2 id={`${ids.file}-import`}>3. Import</h2>
          {committed ? (
            <ImportProgress importId={committed} />
          ) : (
            <form
              className="form"
              onSubmit={async (event) => {
                event.preventDefault();
                try {
                  const { data } = await commitImport({
                    variables: { importId: preview.importId, skipLikelyDuplicates: skipLikely },
                  });
                  if (data) setCommitted(data.commitImport.importId);
                } catch (error) {
                  setProblems({ form: errorMessage(error) });
                }
              }}
            >
              {preview.likelyDuplicates > 0 && (
                <div className="field field-checkbox">
                  <input
                    id={ids.skip}
                    type="checkbox"
                    checked={skipLikely}
                    onChange={(event) => setSkipLikely(event.target.checked)}
                  />
                  <label htmlFor={ids.skip}>
                    Skip the {preview.likelyDuplicates}{' '}
                    {preview.likelyDuplicates === 1 ? 'row' : 'rows'} that match transactions
                    entered by hand
                  </label>
                </div>
              )}
              <div className="form-actions">
                <button
                  type="submit"
                  disabled={blocking || fresh === 0 || busy || commitState.loading}
                >
                  {blocking
                    ? 'Fix the errors to import'
                    : fresh === 0
                      ? 'Nothing new to import'
                      : `Import ${fresh} ${fresh === 1 ? 'transaction' : 'transactions'}`}
                </button>
              </div>
            </form>
          )}
        </section>
      )}
    </div>
  );
}
