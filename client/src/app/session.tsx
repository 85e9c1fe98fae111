import { useQuery } from '@apollo/client/react';
import { createContext, useContext, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorState, Loading } from '../components/States';
import { MeDocument, type MeQuery } from '../graphql/graphql';

export type CurrentUser = NonNullable<MeQuery['me']>;

const UserContext = createContext<CurrentUser | null>(null);

/**
 * The reporting currency of the ledger the pages act on (LedgerProvider sets it): a shared
 * ledger reports in its own currency for every member, whatever the member's own is.
 */
export const LedgerCurrencyContext = createContext<string | null>(null);

export function UserProvider({ user, children }: { user: CurrentUser; children: ReactNode }) {
  return <UserContext.Provider value={user}>{children}</UserContext.Provider>;
}

export function useCurrentUser(): CurrentUser {
  const user = useContext(UserContext);
  if (!user) throw new Error('useCurrentUser is only available on signed-in pages');
  return user;
}

/** The currency budgets, totals and reporting amounts are in: the current ledger's. */
export function useCurrency(): string {
  const ledger = useContext(LedgerCurrencyContext);
  const user = useContext(UserContext);
  return ledger ?? user?.currency ?? 'USD';
}

/** Where to go after logging in: a path of this site only, never another origin. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return '/dashboard';
  }
  return next;
}

/** Signed-in pages: without a session, off to /login, and back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const { data, loading, error, refetch } = useQuery(MeDocument);
  if (loading && !data) return <Loading label="Loading your account…" />;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data?.me) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <UserProvider user={data.me}>{children}</UserProvider>;
}

/** Log-in and register pages: a signed-in visitor goes on to where they were headed. */
export function GuestOnly({ children }: { children: ReactNode }) {
  const location = useLocation();
  const { data } = useQuery(MeDocument);
  if (data?.me) {
    const next = new URLSearchParams(location.search).get('next');
    return <Navigate to={safeNext(next)} replace />;
  }
  return <>{children}</>;
}
