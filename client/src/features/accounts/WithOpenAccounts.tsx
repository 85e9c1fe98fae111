import type { ReactNode } from 'react';
import { ErrorState, Loading } from '../../components/States';
import { useAccounts, type Account } from './useAccounts';

/**
 * The accounts a form may write to, once loaded: the open ones, plus `keep` (the accounts an
 * edited record already uses, even if archived since).
 */
export function WithOpenAccounts({
  keep = [],
  children,
}: {
  keep?: string[];
  children(accounts: Account[]): ReactNode;
}) {
  const { data, loading, error, refetch } = useAccounts();
  if (!data && loading) return <Loading label="Loading your accounts…" />;
  if (!data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return <>{children(data.accounts.filter((a) => !a.archived || keep.includes(a.id)))}</>;
}
