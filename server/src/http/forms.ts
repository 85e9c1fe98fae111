import { serialize } from 'cookie';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors';
import { authenticateSession, type SessionCaller } from '../modules/auth/request-auth';
import type { Services } from '../services';

/**
 * The original application's HTML form routes answer with redirects and a one-time "flash"
 * message. The message travels in a short-lived cookie that the web client shows and clears.
 */
export const FLASH_COOKIE = 'flash';

export type FlashKind = 'success' | 'error';

export function setFlash(req: Request, res: Response, kind: FlashKind, message: string): void {
  res.append(
    'Set-Cookie',
    serialize(FLASH_COOKIE, JSON.stringify({ kind, message }), {
      path: '/',
      sameSite: 'lax',
      secure: req.secure,
      maxAge: 60,
    }),
  );
}

export interface FormOutcome {
  redirect: string;
  flash?: string;
}

/**
 * A browser sends Origin (or at least Referer) with a cross-site form post; a script usually
 * sends neither. A post that names another origin is refused, so another site cannot submit our
 * forms with the user's cookie.
 */
function isCrossOrigin(req: Request, allowOpaqueOrigin: boolean): boolean {
  const source = req.get('origin') ?? req.get('referer');
  if (!source) return false;
  // A page served with Referrer-Policy: no-referrer posts with `Origin: null`.
  if (source === 'null' && allowOpaqueOrigin) return false;
  try {
    return new URL(source).host !== req.get('host');
  } catch {
    return true;
  }
}

type FormHandler<C> = (req: Request, res: Response, caller: C) => Promise<FormOutcome>;

/**
 * Wraps a form handler: origin check, caller lookup, and every refusal turned into a redirect
 * to `failure` with the reason as the flash.
 */
interface FormOptions {
  signedIn: boolean;
  /**
   * Accept `Origin: null`: only for a form whose own secret (the reset token in its URL)
   * already proves it came from our page.
   */
  allowOpaqueOrigin?: boolean;
}

function wrap(
  services: Services,
  failure: string,
  options: FormOptions,
  handle: FormHandler<SessionCaller | null>,
): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (req.method !== 'GET' && isCrossOrigin(req, options.allowOpaqueOrigin ?? false)) {
        res.status(403).type('text/plain').send('Cross-origin form posts are refused');
        return;
      }
      // Form posts come from browsers: the session cookie only, never an API token.
      const caller = await authenticateSession(req, services);
      if (options.signedIn && !caller) {
        setFlash(req, res, 'error', 'Please log in to continue.');
        res.redirect(302, '/login');
        return;
      }
      const outcome = await handle(req, res, caller);
      if (outcome.flash) setFlash(req, res, 'success', outcome.flash);
      res.redirect(302, outcome.redirect);
    } catch (error) {
      if (error instanceof AppError && error.code !== 'DATABASE_UNAVAILABLE') {
        setFlash(req, res, 'error', error.message);
        res.redirect(302, failure);
        return;
      }
      next(error);
    }
  };
}

/** A form anyone may post (register, login, logout, password reset). */
export const publicFormRoute = (
  services: Services,
  failure: string,
  handle: FormHandler<SessionCaller | null>,
  options: Omit<FormOptions, 'signedIn'> = {},
) => wrap(services, failure, { ...options, signedIn: false }, handle);

/** A form for signed-in users; without a session it redirects to /login. */
export const signedInFormRoute = (
  services: Services,
  failure: string,
  handle: FormHandler<SessionCaller>,
) =>
  wrap(services, failure, { signedIn: true }, (req, res, caller) =>
    handle(req, res, caller as SessionCaller),
  );

/** A form field as the user typed it; repeated fields (?a=1&a=2) count as missing. */
export function field(req: Request, name: string): string | undefined {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}
