import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useLocation } from 'react-router';

export type FlashKind = 'success' | 'error';
export interface Flash {
  kind: FlashKind;
  message: string;
  /** Set for messages that can be acted on, such as undoing a delete. */
  action?: { label: string; run(): void };
  /**
   * The message is about to travel with a navigation (say "Expense added" on the way to the
   * dashboard): it survives that one change of page. Otherwise the next page starts clean.
   */
  carry?: boolean;
}

function asFlash(value: Partial<Flash>): Flash | null {
  if ((value.kind === 'success' || value.kind === 'error') && typeof value.message === 'string') {
    return { kind: value.kind, message: value.message };
  }
  return null;
}

/**
 * The server's form routes leave a one-time message in the `flash` cookie (URI-encoded JSON,
 * readable by scripts, 60 s). When the server serves the page it moves the message into a
 * `<meta name="flash">` (so that a browser without JavaScript shows it too) and clears the
 * cookie; a page that did not come from the server still has the cookie. Either is read once.
 */
export function takeFlashCookie(doc: Document = document): Flash | null {
  const meta = doc.querySelector('meta[name="flash"]');
  if (meta) {
    meta.remove();
    try {
      return asFlash(JSON.parse(meta.getAttribute('content') ?? '') as Partial<Flash>);
    } catch {
      return null;
    }
  }
  const entry = doc.cookie.split('; ').find((part) => part.startsWith('flash='));
  if (!entry) return null;
  doc.cookie = 'flash=; Max-Age=0; Path=/; SameSite=Lax';
  try {
    return asFlash(JSON.parse(decodeURIComponent(entry.slice('flash='.length))) as Partial<Flash>);
  } catch {
    // A malformed cookie is dropped: it carries nothing worth showing.
    return null;
  }
}

interface FlashApi {
  flash: Flash | null;
  show(flash: Flash): void;
  clear(): void;
  /** The page changed: a carried message stays once more, any other goes. */
  navigated(): void;
}

const FlashContext = createContext<FlashApi | null>(null);

export function FlashProvider({
  children,
  initial,
}: {
  children: ReactNode;
  initial?: Flash | null;
}) {
  const [flash, setFlash] = useState<Flash | null>(() => initial ?? null);
  const show = useCallback((next: Flash) => setFlash(next), []);
  const clear = useCallback(() => setFlash(null), []);
  const navigated = useCallback(
    () => setFlash((current) => (current?.carry ? { ...current, carry: false } : null)),
    [],
  );
  const api = useMemo(() => ({ flash, show, clear, navigated }), [flash, show, clear, navigated]);
  return <FlashContext.Provider value={api}>{children}</FlashContext.Provider>;
}

export function useFlash(): FlashApi {
  const api = useContext(FlashContext);
  if (!api) throw new Error('useFlash needs a FlashProvider');
  return api;
}

/** Tells the flash about page changes; rendered once inside the router. */
export function FlashRouteWatcher() {
  const { navigated } = useFlash();
  const { key } = useLocation();
  // Compared with the last key seen, not counted, so a repeated effect changes nothing.
  const seen = useRef(key);
  useEffect(() => {
    if (seen.current === key) return;
    seen.current = key;
    navigated();
  }, [key, navigated]);
  return null;
}

/** The current message, announced to screen readers, with a close button. */
export function FlashMessage() {
  const { flash, clear } = useFlash();
  return (
    <div className="flash-region" role="status" aria-live="polite">
      {flash && (
        <div className={`flash flash-${flash.kind}`} data-testid="flash">
          <span>{flash.message}</span>
          <span className="flash-actions">
            {flash.action && (
              <button
                type="button"
                className="button-link"
                onClick={() => {
                  flash.action?.run();
                  clear();
                }}
              >
                {flash.action.label}
              </button>
            )}
            <button
              type="button"
              className="button-link"
              onClick={clear}
              aria-label="Dismiss message"
            >
              ×
            </button>
          </span>
        </div>
      )}
    </div>
  );
}
