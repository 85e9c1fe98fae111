import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import {
  AttachReceiptDocument,
  DeleteReceiptDocument,
  ReceiptMatchCandidatesDocument,
  SetReceiptTaxKeptDocument,
  type ReceiptsQuery,
} from '../../graphql/graphql';
import { formatDate } from '../../lib/dates';
import { errorMessage } from '../../lib/errors';
import { formatMoney } from '../../lib/money';
import { ConfirmDialog } from '../categories/ConfirmDialog';
import './receipts.css';

export type ListedReceipt = ReceiptsQuery['receipts']['nodes'][number];

const STATUS_LABEL: Record<string, string> = {
  QUEUED: 'Waiting to be read',
  READING: 'Being read',
  READ: 'Read',
  FAILED: 'Could not be read',
};

/** One receipt of the grid: its thumbnail, what was read, and what can be done with it. */
export function ReceiptCard({
  receipt,
  onView,
  onChanged,
}: {
  receipt: ListedReceipt;
  onView(receipt: ListedReceipt): void;
  onChanged(): void;
}) {
  const [deleting, setDeleting] = useState(false);
  const [attaching, setAttaching] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [remove, removal] = useMutation(DeleteReceiptDocument);
  const [setTaxKept] = useMutation(SetReceiptTaxKeptDocument);
  const taxId = useId();
  const [taxKept, setTaxKeptShown] = useState(receipt.taxKept);
  const merchant = receipt.merchant.value ?? receipt.name;
  const total = receipt.total.value
    ? formatMoney(receipt.total.value, receipt.currency ?? 'USD')
    : null;

  return (
    <li className="receipt-card">
      <button
        type="button"
        className="receipt-card-thumb"
        onClick={() => onView(receipt)}
        aria-label={`View the receipt from ${merchant}`}
      >
        <img src={receipt.thumbnailUrl} alt="" loading="lazy" />
      </button>
      <div className="receipt-card-body">
        <h2 className="receipt-card-title">{merchant}</h2>
        <p className="receipt-card-facts">
          {receipt.date.value ? formatDate(receipt.date.value) : 'No date'}
          {total && <strong>{total}</strong>}
        </p>
        <p className={`receipt-status receipt-status-${receipt.status.toLowerCase()}`}>
          {STATUS_LABEL[receipt.status]}
          {receipt.expense
            ? ` · on “${receipt.expense.description}”`
            : receipt.status === 'READ'
              ? ' · not matched yet'
              : ''}
        </p>
        <div className="receipt-card-tax">
          <input
            id={taxId}
            type="checkbox"
            checked={taxKept}
            onChange={(event) => {
              const kept = event.currentTarget.checked;
              // The box shows the choice at once; a refusal puts it back.
              setTaxKeptShown(kept);
              setProblem(null);
              setTaxKept({ variables: { id: receipt.id, kept } }).catch((error: unknown) => {
                setTaxKeptShown(!kept);
                setProblem(errorMessage(error));
              });
            }}
          />
          <label htmlFor={taxId}>Kept for taxes</label>
        </div>
        <div className="receipt-card-actions">
          <a
            className="button-link"
            href={`${receipt.imageUrl}?download=1`}
            download
            aria-label={`Download the receipt from ${merchant}`}
          >
            Download
          </a>
          {!receipt.expense && (
            <button
              type="button"
              className="button-secondary button-small"
              onClick={() => setAttaching(!attaching)}
              aria-expanded={attaching}
            >
              Attach
            </button>
          )}
          <button
            type="button"
            className="button-danger button-small"
            onClick={() => setDeleting(true)}
          >
            Delete
          </button>
        </div>
        {problem && (
          <p className="form-error" role="alert">
            {problem}
          </p>
        )}
        {attaching && (
          <AttachForm
            receipt={receipt}
            onDone={() => {
              setAttaching(false);
              onChanged();
            }}
          />
        )}
      </div>
      {deleting && (
        <ConfirmDialog
          title="Delete this receipt?"
          confirmLabel="Delete receipt"
          danger
          busy={removal.loading}
          onCancel={() => setDeleting(false)}
          onConfirm={() => {
            remove({ variables: { id: receipt.id } })
              .then(() => {
                setDeleting(false);
                onChanged();
              })
              .catch((error: unknown) => {
                setDeleting(false);
                setProblem(errorMessage(error));
              });
          }}
        >
          <p>
            The picture of the receipt from {merchant} is deleted for good. An expense it is
            attached to stays.
          </p>
        </ConfirmDialog>
      )}
    </li>
  );
}

/** Picks an expense of the receipt's month (the closest amounts first) to attach it to. */
function AttachForm({ receipt, onDone }: { receipt: ListedReceipt; onDone(): void }) {
  const selectId = useId();
  const month = (receipt.date.value ?? receipt.uploadedAt).slice(0, 7);
  const { data, loading, error } = useQuery(ReceiptMatchCandidatesDocument, {
    variables: { filter: { month } },
  });
  const [attach, attaching] = useMutation(AttachReceiptDocument);
  const [choice, setChoice] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const target = Number(receipt.total.value ?? 0);
  const candidates = [...(data?.expenses.nodes ?? [])].sort(
    (a, b) => Math.abs(Number(a.amount) - target) - Math.abs(Number(b.amount) - target),
  );
  if (loading) return <p className="muted">Loading the month’s expenses…</p>;
  if (error) return <p className="form-error">{errorMessage(error)}</p>;
  if (candidates.length === 0) {
    return <p className="muted">No expenses in {month} to attach it to.</p>;
  }
  return (
    <form
      className="receipt-attach"
      onSubmit={(event) => {
        event.preventDefault();
        if (!choice) {
          setProblem('Choose the expense this receipt is for');
          return;
        }
        attach({ variables: { receiptId: receipt.id, transactionId: choice } })
          .then(onDone)
          .catch((e: unknown) => setProblem(errorMessage(e)));
      }}
    >
      <label htmlFor={selectId}>Expense</label>
      <select
        id={selectId}
        value={choice}
        onChange={(event) => setChoice(event.currentTarget.value)}
        aria-invalid={problem ? true : undefined}
      >
        <option value="">Choose…</option>
        {candidates.map((e) => (
          <option key={e.id} value={e.id}>
            {formatDate(e.date)} · {e.description} · {formatMoney(e.amount, e.currency)}
          </option>
        ))}
      </select>
      {problem && <p className="field-error">{problem}</p>}
      <button type="submit" disabled={attaching.loading}>
        {attaching.loading ? 'Attaching…' : 'Attach receipt'}
      </button>
    </form>
  );
}
