import { useEffect, useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { usePageTitle } from '../app/Layout';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { ReceiptCard, type ListedReceipt } from '../features/receipts/ReceiptCard';
import { useReceiptList } from '../features/receipts/useReceiptList';
import type { ReceiptFilter } from '../graphql/graphql';
import { isMonth } from '../lib/dates';
import { LoadMore } from '../components/LoadMore';

/**
 * The ledger's receipts as a grid of thumbnails, newest first: search by merchant and text,
 * a month, "not yet matched"; each can be viewed whole, downloaded, attached to an expense,
 * marked as kept for taxes, or deleted. Filters live in the URL, so a view can be bookmarked.
 */
export function ReceiptsPage() {
  usePageTitle('Receipts');
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const month = params.get('month') ?? '';
  const unmatched = params.get('unmatched') === '1';
  const filter: ReceiptFilter = {
    ...(search ? { search } : {}),
    ...(isMonth(month) ? { month } : {}),
    ...(unmatched ? { unmatched: true } : {}),
  };
  const filtered = Object.keys(filter).length > 0;
  const { data, loading, error, refetch, fetchMore } = useReceiptList(filter);
  const [viewing, setViewing] = useState<ListedReceipt | null>(null);
  const [searchText, setSearchText] = useState(search);
  const ids = { search: useId(), month: useId(), unmatched: useId() };
  const connection = data?.receipts;
  // Receipts still being read are followed until they are.
  const pending = connection?.nodes.some((r) => r.status === 'QUEUED' || r.status === 'READING');
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void refetch(), 2000);
    return () => clearInterval(timer);
  }, [pending, refetch]);

  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  let body;
  if (!connection && loading) body = <Loading label="Loading receipts…" />;
  else if (!connection) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else if (connection.nodes.length === 0) {
    body = filtered ? (
      <EmptyState title="No receipts match these filters">
        <p>
          <Link to="/receipts">Clear the filters</Link> to see every receipt.
        </p>
      </EmptyState>
    ) : (
      <EmptyState title="No receipts yet">
        <p>
          <Link to="/add_expense">Scan a receipt</Link> when you add an expense: its picture is kept
          here.
        </p>
      </EmptyState>
    );
  } else {
    body = (
      <>
        <p className="muted" aria-live="polite">
          Showing {connection.nodes.length} of {connection.totalCount}{' '}
          {connection.totalCount === 1 ? 'receipt' : 'receipts'}.
        </p>
        <ul className="receipt-grid">
          {connection.nodes.map((receipt) => (
            <ReceiptCard
              key={receipt.id}
              receipt={receipt}
              onView={setViewing}
              onChanged={() => void refetch()}
            />
          ))}
        </ul>
        {error && <ErrorState error={error} onRetry={() => void refetch()} />}
        <LoadMore
          pageInfo={connection.pageInfo}
          loading={loading}
          onMore={(after) => void fetchMore({ variables: { after } })}
        />
      </>
    );
  }

  return (
    <section className="page">
      <div className="page-heading">
        <h1>Receipts</h1>
        <Link to="/add_expense" className="button-link">
          Scan a receipt
        </Link>
      </div>
      <form
        className="receipt-filters card"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setParam('q', searchText.trim());
        }}
      >
        <div className="field">
          <label htmlFor={ids.search}>Search merchant or text</label>
          <input
            id={ids.search}
            type="search"
            value={searchText}
            onChange={(event) => setSearchText(event.currentTarget.value)}
            onBlur={() => setParam('q', searchText.trim())}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.month}>Month</label>
          <input
            id={ids.month}
            type="month"
            value={month}
            onChange={(event) => setParam('month', event.currentTarget.value)}
          />
        </div>
        <div className="receipt-filter-check">
          <input
            id={ids.unmatched}
            type="checkbox"
            checked={unmatched}
            onChange={(event) => setParam('unmatched', event.currentTarget.checked ? '1' : '')}
          />
          <label htmlFor={ids.unmatched}>Not yet matched</label>
        </div>
        <button type="submit" className="button-secondary">
          Search
        </button>
      </form>
      {body}
      {viewing && <ReceiptViewer receipt={viewing} onClose={() => setViewing(null)} />}
    </section>
  );
}

/** The whole picture, over the page; Escape or the button closes it. */
function ReceiptViewer({ receipt, onClose }: { receipt: ListedReceipt; onClose(): void }) {
  const titleId = useId();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    close.current?.focus();
    return () => before?.focus();
  }, []);
  const title = receipt.merchant.value ?? receipt.name;
  return (
    <div
      className="dialog-backdrop"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="receipt-viewer card"
      >
        <div className="receipt-viewer-head">
          <h2 id={titleId}>{title}</h2>
          <a className="button-link" href={`${receipt.imageUrl}?download=1`} download>
            Download
          </a>
          <button ref={close} type="button" className="button-secondary" onClick={onClose}>
            Close
          </button>
        </div>
        {receipt.contentType === 'application/pdf' ? (
          <p>
            This receipt is a PDF: <a href={`${receipt.imageUrl}?download=1`}>download it</a> to
            view it.
          </p>
        ) : (
          <img src={receipt.imageUrl} alt={`The receipt from ${title}`} />
        )}
      </div>
    </div>
  );
}
