import type { Request, Response } from 'express';
import type { Config } from './config';
import { AppError, unauthenticated } from './errors';
import type { RequestOrigin } from './modules/audit/audit.service';
import { authenticateRequest, requestOrigin, type Caller } from './modules/auth/request-auth';
import type { Session } from './modules/auth/session.entity';
import {
  requireAccess,
  type Access,
  type LedgerScope,
} from './modules/ledger-access/ledger-access.service';
import { ledgerHeader } from './modules/ledger-access/ledger-header';
import type { User } from './modules/users/user.entity';
import { createLoaders, type RequestLoaders } from './loaders';
import type { Services } from './services';

/** What every resolver receives: the request, the services and the caller, if any. */
export interface RequestContext {
  req: Request;
  res: Response;
  config: Config;
  services: Services;
  caller: Caller | null;
  origin: RequestOrigin;
  /** The calling user, by session or token; throws UNAUTHENTICATED without one. */
  requireUser(): User;
  /**
   * A signed-in person, not a script: tokens, the password and the email are managed only
   * from a session (a stolen token must not be able to lock its owner out).
   */
  requireSession(): { user: User; session: Session };
  /**
   * The ledger this request acts on (`ledgerId`, else the X-Ledger-Id header, else the caller's
   * personal ledger) and the caller's role there; NOT_FOUND for a ledger the caller is not a member of, FORBIDDEN for a
   * VIEWER's write. Every money query and write is scoped through it.
   */
  ledger(access: Access, ledgerId?: string | null): Promise<LedgerScope>;
  /** Per-request DataLoaders for field resolvers. */
  loaders: RequestLoaders;
  /** Runs `work` once per request and key: a value many fields need (balances, say). */
  once<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export const TOKEN_NOT_ALLOWED =
  'API tokens cannot manage tokens, two-factor sign-in, the password or the email';

export async function createContext(
  req: Request,
  res: Response,
  services: Services,
  config: Config,
): Promise<RequestContext> {
  const caller = await authenticateRequest(req, services);
  // One membership lookup per ledger and request, however many fields ask.
  const scopes = new Map<string, Promise<LedgerScope>>();
  const memo = new Map<string, Promise<unknown>>();
  const headerLedgerId = ledgerHeader(req);
  return {
    req,
    res,
    config,
    services,
    caller,
    origin: requestOrigin(req),
    requireUser() {
      if (!caller) throw unauthenticated();
      return caller.user;
    },
    requireSession() {
      if (!caller) throw unauthenticated();
      if (caller.kind !== 'session') throw new AppError('FORBIDDEN', TOKEN_NOT_ALLOWED);
      return { user: caller.user, session: caller.session };
    },
    async ledger(access, ledgerId) {
      if (!caller) throw unauthenticated();
      // The header is validated exactly like the argument: a foreign or made-up id is NOT_FOUND.
      const wanted = ledgerId ?? headerLedgerId;
      const key = wanted ?? '';
      let scope = scopes.get(key);
      if (!scope) {
        scope = services.ledgers.resolve(caller.user, wanted);
        scopes.set(key, scope);
      }
      return requireAccess(await scope, access);
    },
    loaders: createLoaders(services),
    once<T>(key: string, work: () => Promise<T>): Promise<T> {
      let value = memo.get(key);
      if (!value) {
        value = work();
        memo.set(key, value);
      }
      return value as Promise<T>;
    },
  };
}
