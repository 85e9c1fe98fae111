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
    // Coming back online is checked against the server (ServerWatch) rather than believed.
    const offline = () => setLost(true);
    window.addEventListener('offline', offline);
    return () => window.removeEventListener('offline', offline);
  }, []);
  return { lost, setLost };
}

/** First wait before asking the server again, then doubled after each failure, up to the most. */
export const HEALTH_RETRY_FIRST_MS = 1_000;
export const HEALTH_RETRY_MOST_MS = 30_000;

async function serverAnswers(): Promise<boolean> {
  try {
    const response = await fetch('/healthz', { cache: 'no-store' });
    // A proxy or a static host may answer 200 with a page of its own: only the server says "ok".
    const body = (await response.json()) as { status?: unknown };
    return response.ok && body.status === 'ok';
  } catch {
    return false;
  }
}

/**
 * While the connection is lost, asks /healthz with a growing wait (and at once when the browser
 * says it is online again); when the server answers, clears the banner and reloads what is shown.
 */
function ServerWatch({ onBack }: { onBack(): void }) {
  const { setLost } = useContext(ConnectionContext);
  useEffect(() => {
    let wait = HEALTH_RETRY_FIRST_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const check = async () => {
      clearTimeout(timer);
      if (await serverAnswers()) {
        if (stopped) return;
        stopped = true;
        setLost(false);
        onBack();
        return;
      }
      if (stopped) return;
      timer = setTimeout(() => void check(), wait);
      wait = Math.min(wait * 2, HEALTH_RETRY_MOST_MS);
    };
    const online = () => {
      wait = HEALTH_RETRY_FIRST_MS;
      void check();
    };
    timer = setTimeout(() => void check(), wait);
    wait *= 2;
    window.addEventListener('online', online);
    return () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener('online', online);
    };
  }, [setLost, onBack]);
  return null;
}

export function ConnectionBanner({ onRetry }: { onRetry(): void }) {
  const { lost } = useContext(ConnectionContext);
  if (!lost) return null;
  return (
    <div className="connection-banner" role="alert">
      <ServerWatch onBack={onRetry} />
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
