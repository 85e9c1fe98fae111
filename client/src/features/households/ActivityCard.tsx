import { useQuery } from '@apollo/client/react';
import { Money } from '../../components/Money';
import { ErrorState, Loading } from '../../components/States';
import { LedgerActivityDocument, type LedgerActivityQuery } from '../../graphql/graphql';

type Entry = LedgerActivityQuery['ledgerActivity']['nodes'][number];

const PAGE = 20;

/** One line per entry: who did what, in words. */
function sentence(entry: Entry): string {
  const who = entry.actor?.name ?? 'A former member';
  const whom = entry.subject?.name ?? 'a former member';
  switch (entry.type) {
    case 'TRANSACTION_CREATED':
      return `${who} added “${entry.description}”`;
    case 'TRANSACTION_UPDATED':
      return `${who} changed “${entry.description}”`;
    case 'TRANSACTION_DELETED':
      return `${who} deleted “${entry.description}”`;
    case 'LEDGER_CREATED':
      return `${who} created the ledger`;
    case 'LEDGER_RENAMED':
      return `${who} renamed the ledger to “${entry.detail}”`;
    case 'MEMBER_INVITED':
      // Owners see the address; other members only that someone was invited.
      return entry.detail
        ? `${who} invited ${entry.detail.replace(/ as (\w+)$/, (_, role: string) => ` as ${role.toLowerCase()}`)}`
        : `${who} invited someone`;
    case 'INVITATION_REVOKED':
      return `${who} revoked an invitation`;
    case 'MEMBER_JOINED':
      return `${who} joined as ${(entry.detail ?? 'member').toLowerCase()}`;
    case 'INVITATION_DECLINED':
      return `${who} declined an invitation`;
    case 'MEMBER_LEFT':
      return `${who} left`;
    case 'MEMBER_REMOVED':
      return `${who} removed ${whom}`;
    case 'ROLE_CHANGED':
      return `${who} made ${whom} ${(entry.detail ?? '').toLowerCase()}`;
    case 'OWNERSHIP_TRANSFERRED':
      return `${who} handed ownership over to ${whom}`;
    default:
      return `${who}: ${entry.type.toLowerCase().replace(/_/g, ' ')}`;
  }
}

/** Who added and changed what in the ledger, newest first, a page at a time. */
export function ActivityCard({ ledgerId }: { ledgerId: string }) {
  const { data, loading, error, refetch, fetchMore } = useQuery(LedgerActivityDocument, {
    variables: { ledgerId, first: PAGE },
    fetchPolicy: 'cache-and-network',
  });
  const activity = data?.ledgerActivity;
  return (
    <section className="card" aria-labelledby="activity-heading">
      <h2 id="activity-heading">Activity</h2>
      {!activity && loading && <Loading label="Loading activity…" />}
      {!activity && error && <ErrorState error={error} onRetry={() => void refetch()} />}
      {activity && activity.nodes.length === 0 && (
        <p className="muted">Nothing has happened yet.</p>
      )}
      {activity && activity.nodes.length > 0 && (
        <ol className="household-list household-activity" aria-label="Activity">
          {activity.nodes.map((entry) => (
            <li key={entry.id}>
              <span className="household-who">
                <span>{sentence(entry)}</span>
                <time className="muted" dateTime={entry.at}>
                  {new Date(entry.at).toLocaleString()}
                </time>
              </span>
              {entry.amount && (
                <Money amount={entry.amount} currency={entry.currency ?? undefined} />
              )}
            </li>
          ))}
        </ol>
      )}
      {activity?.pageInfo.hasNextPage && (
        <button
          type="button"
          className="button-secondary"
          disabled={loading}
          onClick={() =>
            void fetchMore({
              variables: { after: activity.pageInfo.endCursor },
              updateQuery: (previous, { fetchMoreResult }) => ({
                ledgerActivity: {
                  ...fetchMoreResult.ledgerActivity,
                  nodes: [
                    ...previous.ledgerActivity.nodes,
                    ...fetchMoreResult.ledgerActivity.nodes,
                  ],
                },
              }),
            })
          }
        >
          Show older activity
        </button>
      )}
    </section>
  );
}
