import type { Request } from 'express';

/**
 * The header a client sends to act on another of its ledgers without naming it in every
 * operation (the ledger switcher). An operation's own `ledgerId` wins over it.
 */
export const LEDGER_HEADER = 'x-ledger-id';

/** The X-Ledger-Id header, if sent and not empty; its value is checked where it is used. */
export function ledgerHeader(req: Request): string | null {
  const value = req.get(LEDGER_HEADER);
  return value === undefined || value.trim() === '' ? null : value.trim();
}
