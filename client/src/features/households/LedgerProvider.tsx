import { useApolloClient, useQuery } from '@apollo/client/react';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ReactNode } from 'react';
import { useFlash } from '../../app/flash';
import { LedgerCurrencyContext } from '../../app/session';
import { LedgersDocument, type LedgersQuery } from '../../graphql/graphql';
import { chosenLedgerId, rememberLedger } from './ledger-choice';
import './households.css';

export type LedgerSummary = LedgersQuery['ledgers'][number];

interface LedgerState {
  ledgers: LedgerSummary[];
  /** The ledger every page acts on; null until the list has loaded. */
  current: LedgerSummary | null;
  /** Switches every page to `id`, forgetting everything read from the previous ledger. */
  choose(id: string): Promise<void>;
}

const LedgerContext = createContext<LedgerState | null>(null);

export const ROLE_LABELS = { OWNER: 'Owner', EDITOR: 'Editor', VIEWER: 'Viewer' } as const;

/** Starts a request over after a store reset; one still in flight is simply dropped. */
async function resetStore(client: ReturnType<typeof useApolloClient>): Promise<void> {
  await client.resetStore().catch(() => {});
}

export function LedgerProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const { show } = useFlash();
  const { data } = useQuery(LedgersDocument, { fetchPolicy: 'cache-and-network' });
  const [chosen, setChosen] = useState(chosenLedgerId);
  const ledgers = useMemo(() => data?.ledgers ?? [], [data]);

  // The latest list, for a choice made right after a refetch (a ledger just created or joined).
  const latest = useRef(ledgers);
  latest.current = ledgers;
  const choose = useCallback(
    async (id: string) => {
      // The personal ledger is the server's default: nothing to send.
      const personal = latest.current.find((l) => l.id === id)?.personal ?? false;
      const value = personal ? null : id;
      rememberLedger(value);
      setChosen(value);
      await resetStore(client);
    },
    [client],
  );

  // A remembered ledger that is gone (left, removed, deleted): back to the personal one.
  const lost = data !== undefined && chosen !== null && !ledgers.some((l) => l.id === chosen);
  useEffect(() => {
    if (!lost) return;
    rememberLedger(null);
    setChosen(null);
    show({
      kind: 'error',
      message: 'You no longer have access to that ledger: showing your personal ledger.',
    });
    void resetStore(client);
  }, [lost, client, show]);

  const current = ledgers.find((l) => l.id === chosen) ?? ledgers.find((l) => l.personal) ?? null;
  const value = useMemo(() => ({ ledgers, current, choose }), [ledgers, current, choose]);
  return (
    <LedgerContext.Provider value={value}>
      {/* A personal ledger reports in its owner's currency, which the profile changes: the
          cached ledger list would lag behind it, the signed-in user does not. */}
      <LedgerCurrencyContext.Provider
        value={current && !current.personal ? current.currency : null}
      >
        {children}
      </LedgerCurrencyContext.Provider>
    </LedgerContext.Provider>
  );
}

export function useLedgers(): LedgerState {
  const state = useContext(LedgerContext);
  if (!state) throw new Error('useLedgers is only available on signed-in pages');
  return state;
}

/** False for a VIEWER of the current ledger: pages hide their write buttons. */
export function useCanWrite(): boolean {
  return useContext(LedgerContext)?.current?.role !== 'VIEWER';
}

export function LedgerSwitcher() {
  const { ledgers, current, choose } = useLedgers();
  if (!current || ledgers.length < 2) return null;
  return (
    <label className="ledger-switcher">
      <span className="visually-hidden">Ledger</span>
      <select
        aria-label="Ledger"
        value={current.id}
        onChange={(event) => void choose(event.target.value)}
      >
        {ledgers.map((ledger) => (
          <option key={ledger.id} value={ledger.id}>
            {ledger.personal ? 'Personal' : ledger.name} · {ROLE_LABELS[ledger.role]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Said once, under the header, instead of beside every hidden button. */
export function ViewerNote() {
  const { current } = useLedgers();
  if (current?.role !== 'VIEWER') return null;
  return (
    <p className="viewer-note" role="note">
      You are a viewer of “{current.name}”: you can look at everything, but only its owners and
      editors can change it.
    </p>
  );
}
