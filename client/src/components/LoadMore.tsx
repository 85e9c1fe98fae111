interface Props {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  loading: boolean;
  /** Fetches the page after `after` (Apollo's fetchMore with the cursor). */
  onMore: (after: string | null | undefined) => void;
}

/** The "Load more" button under a cursor-paged list; nothing once the last page is shown. */
export function LoadMore({ pageInfo, loading, onMore }: Props) {
  if (!pageInfo.hasNextPage) return null;
  return (
    <p className="center">
      <button
        type="button"
        className="button-secondary"
        disabled={loading}
        onClick={() => onMore(pageInfo.endCursor)}
      >
        {loading ? 'Loading…' : 'Load more'}
      </button>
    </p>
  );
}
