import { Money } from '../../components/Money';
import type { PreviewImportMutation } from '../../graphql/graphql';
import { formatDate } from '../../lib/dates';

export type Preview = PreviewImportMutation['previewImport'];
export type RowError = Preview['errors'][number];

/** Row errors by line, as the server found them; line 0 is the file as a whole. */
export function RowErrors({ errors, title }: { errors: RowError[]; title: string }) {
  if (errors.length === 0) return null;
  return (
    <div className="import-errors" role="alert">
      <h3>{title}</h3>
      <ul>
        {errors.map((error, index) => (
          <li key={index}>
            {error.line > 0 ? <strong>Line {error.line}</strong> : <strong>File</strong>}
            {error.field ? <span className="tag">{error.field}</span> : null} {error.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The first rows of the file as they would be recorded, duplicates marked. */
export function PreviewRows({ preview }: { preview: Preview }) {
  if (preview.rows.length === 0) return null;
  return (
    <div className="card card-flush">
      <table className="table import-rows">
        <caption className="visually-hidden">
          The first {preview.rows.length} of {preview.total} rows
        </caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Date</th>
            <th scope="col">Description</th>
            <th scope="col">Category</th>
            <th scope="col" className="numeric">
              Amount
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => (
            <tr key={row.line} className={row.duplicate ? 'import-row-duplicate' : undefined}>
              <td data-label="Line">{row.line}</td>
              <td data-label="Date">{row.date ? formatDate(row.date) : '—'}</td>
              <td data-label="Description" className="description">
                {row.description}
                {row.payee && row.payee !== row.description ? (
                  <span className="muted"> · {row.payee}</span>
                ) : null}
              </td>
              <td data-label="Category">{row.categoryName ?? '—'}</td>
              <td data-label="Amount" className="numeric">
                {row.amount && row.currency ? (
                  <Money
                    amount={row.kind === 'EXPENSE' ? `-${row.amount}` : row.amount}
                    currency={row.currency}
                  />
                ) : (
                  '—'
                )}
              </td>
              <td data-label="Status">
                {row.duplicate ? (
                  <span className="tag">Already imported</span>
                ) : row.likelyDuplicate ? (
                  <span className="tag tag-warning">Entered by hand?</span>
                ) : (
                  <span className="tag tag-new">New</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
