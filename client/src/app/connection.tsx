import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

export interface ConnectionState {
  lost: boolean;
  setLost(lost: boolean): void;
}

const ConnectionContext = createContext<ConnectionState>({ lost: false, setLost: () => {} });

export function ConnectionProvider({
  children,
  state,
}: {
  children: ReactNode;
  state: ConnectionState;
}) {
  return <ConnectionContext.Provider value={state}>{children}</ConnectionContext.Provider>;
}

/** Tracks whether the server is reachable, from requests' outcomes and the browser's events. */
export function useConnectionState(): ConnectionState {
  const [lost, setLost] = useState(() => typeof navigator !== 'undefined' && !navigator.onLine);
  useEffect(() => {
    const offline = () => setLost(true);
    const online = () => setLost(false);
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
    };
  }, []);
  return { lost, setLost };
}

export function ConnectionBanner({ onRetry }: { onRetry(): void }) {
  const { lost } = useContext(ConnectionContext);
  if (!lost) return null;
  return (
    <div className="connection-banner" role="alert">
      <span>
        The connection to the server was lost. What you see may be out of date, and changes cannot
        be saved until it is back.
      </span>
      <button type="button" className="button-secondary" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}
