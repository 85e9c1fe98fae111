import { useQuery } from '@apollo/client/react';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { SecurityEventsDocument, type SecurityEventsQuery } from '../../graphql/graphql';
import {
  describeUserAgent,
  displayAddress,
  eventDetail,
  eventInWords,
  formatDateTime,
} from './format';
import './security.css';

type AuditEvent = SecurityEventsQuery['securityEvents'][number];

/** The account's recent security events, newest first; fetched afresh on each visit. */
export function SecurityEvents({ limit = 20 }: { limit?: number }) {
  const { data, loading, error, refetch } = useQuery(SecurityEventsDocument, {
    variables: { limit },
    fetchPolicy: 'cache-and-network',
  });
  if (loading && !data) return <Loading label="Loading recent activity…" />;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const events = data?.securityEvents ?? [];
  if (events.length === 0) {
    return (
      <div className="card-pad">
        <EmptyState title="Nothing yet">
          <p className="muted">Log-ins, password changes and token changes will be listed here.</p>
        </EmptyState>
      </div>
    );
  }
  return <EventTable events={events} />;
}

export function EventTable({ events }: { events: AuditEvent[] }) {
  return (
    <table className="table event-table">
      <caption className="visually-hidden">Recent security events, newest first</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Event</th>
          <th scope="col">Address</th>
          <th scope="col">Device</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => {
          const detail = eventDetail(event.type, event.detail);
          const failed = event.type === 'LOGIN_FAILED';
          return (
            <tr key={event.id}>
              <td data-label="When">
                <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
              </td>
              <td data-label="Event" className="description">
                <span>
                  <span className={failed ? 'event-failed' : undefined}>
                    {eventInWords(event.type)}
                  </span>
                  {detail && (
                    <>
                      {': '}
                      <span className="event-detail">{detail}</span>
                    </>
                  )}
                </span>
              </td>
              <td data-label="Address">
                <span className="mono">{displayAddress(event.ip) ?? '—'}</span>
              </td>
              <td data-label="Device">
                <span>{describeUserAgent(event.userAgent) ?? '—'}</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
