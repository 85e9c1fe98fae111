import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState } from 'react';
import {
  MarkNotificationsReadDocument,
  NotificationsDocument,
  UnreadNotificationCountDocument,
} from '../../graphql/graphql';
import { errorMessage } from '../../lib/errors';
import './notifications.css';

/** Reminders are rare: a minute between looks keeps the header's cost near nothing. */
export const POLL_MS = 60_000;
const RECENT = 10;

const when = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );

/**
 * The header's bell: the unread count as a badge, and a panel of recent notifications that
 * marks them read when it opens. A disclosure button (aria-expanded); Escape or a click
 * elsewhere closes it and focus returns to the bell.
 */
export function NotificationBell() {
  const panelId = useId();
  const [open, setOpen] = useState(false);
  // The ones unread when the panel opened stay marked as new while it is open.
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const count = useQuery(UnreadNotificationCountDocument, { pollInterval: POLL_MS });
  const [load, list] = useLazyQuery(NotificationsDocument, { fetchPolicy: 'network-only' });
  const [markRead] = useMutation(MarkNotificationsReadDocument);
  const unread = count.data?.unreadNotificationCount ?? 0;

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close(true);
    };
    const onPointer = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) close(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onPointer);
    };
  }, [open]);

  const openPanel = async () => {
    setOpen(true);
    const { data } = await load({ variables: { first: RECENT } });
    const ids = (data?.notifications.nodes ?? []).filter((n) => !n.readAt).map((n) => n.id);
    setFresh(new Set(ids));
    if (ids.length === 0) return;
    try {
      await markRead({ variables: { ids } });
      await count.refetch();
    } catch {
      // The badge stays as it was; the next look tries again.
    }
  };

  const nodes = list.data?.notifications.nodes;
  const label = unread === 0 ? 'Notifications' : `Notifications, ${unread} unread`;

  return (
    <div className="bell" ref={root}>
      <button
        type="button"
        ref={button}
        className="bell-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        onClick={() => (open ? close(false) : void openPanel())}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" focusable="false">
          <path
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
            fill="currentColor"
          />
        </svg>
        {unread > 0 && (
          <span className="bell-badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      <div
        id={panelId}
        className="bell-panel"
        hidden={!open}
        role="region"
        aria-label="Notifications"
      >
        {/* Filled only while open: a closed panel leaves nothing in the page to find. */}
        {open && <h2 className="bell-title">Notifications</h2>}
        {!open ? null : list.error ? (
          <p className="form-error" role="alert">
            {errorMessage(list.error)}
          </p>
        ) : !nodes ? (
          <p className="muted" role="status">
            Loading…
          </p>
        ) : nodes.length === 0 ? (
          <p className="muted">Nothing yet. Bill reminders and recurring posts appear here.</p>
        ) : (
          <ul className="bell-list">
            {nodes.map((n) => (
              <li key={n.id} className={fresh.has(n.id) ? 'bell-item bell-item-new' : 'bell-item'}>
                <p className="bell-item-title">
                  {fresh.has(n.id) && <span className="visually-hidden">New: </span>}
                  {n.title}
                </p>
                <p className="bell-item-body">{n.body}</p>
                <p className="bell-item-time muted">{when(n.createdAt)}</p>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
