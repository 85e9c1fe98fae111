/**
 * The ledger the web app acts on, remembered in this browser. The Apollo link sends it as the
 * X-Ledger-Id header with every operation, so no page needs a ledgerId of its own; no choice
 * (or the personal ledger) sends nothing and the server uses the personal ledger.
 */
const KEY = 'finance.ledgerId';

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    // Storage can be off (privacy settings): the choice then lasts until the page reloads.
    return null;
  }
}

let chosen: string | null = storage()?.getItem(KEY) ?? null;

export function chosenLedgerId(): string | null {
  return chosen;
}

export function rememberLedger(id: string | null): void {
  chosen = id;
  if (id) storage()?.setItem(KEY, id);
  else storage()?.removeItem(KEY);
}
