import { useId, useState } from 'react';
import { useFlash } from '../../app/flash';
import { errorMessage } from '../../lib/errors';
import { uploadFile } from '../../lib/uploadFile';
import { useImportExchangeRates } from './useRates';

/** Uploads an ECB reference-rate file, then stores its rates. */
export function RateImport() {
  const inputId = useId();
  const { show } = useFlash();
  const [importRates] = useImportExchangeRates();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="form"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const input = event.currentTarget.querySelector<HTMLInputElement>('input[type="file"]');
        const file = input?.files?.[0];
        if (!file) {
          setProblem('Choose a file first');
          input?.focus();
          return;
        }
        setProblem(null);
        setBusy(true);
        try {
          const uploaded = await uploadFile(file);
          const { data } = await importRates({ variables: { uploadId: uploaded.id } });
          const count = data?.importExchangeRates ?? 0;
          show({
            kind: 'success',
            message:
              count === 0
                ? `Nothing new in ${uploaded.name}: its rates were already stored.`
                : `${count} rate${count === 1 ? '' : 's'} imported from ${uploaded.name}.`,
          });
          if (input) input.value = '';
        } catch (error) {
          setProblem(
            error instanceof Error && !('errors' in error) ? error.message : errorMessage(error),
          );
        } finally {
          setBusy(false);
        }
      }}
    >
      <div className={`field${problem ? ' field-invalid' : ''}`}>
        <label htmlFor={inputId}>Rates file</label>
        <input
          id={inputId}
          type="file"
          name="file"
          accept=".xml,.csv,.zip"
          aria-describedby={`${inputId}-hint${problem ? ` ${inputId}-error` : ''}`}
          aria-invalid={problem ? true : undefined}
        />
        <p className="field-hint" id={`${inputId}-hint`}>
          The European Central Bank’s eurofxref-daily.xml, eurofxref-hist.csv or its zip.
        </p>
        {problem && (
          <p className="field-error" id={`${inputId}-error`} role="alert">
            {problem}
          </p>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Importing…' : 'Import a file'}
        </button>
      </div>
    </form>
  );
}
