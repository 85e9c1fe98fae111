import { parse, serialize } from 'cookie';
import type { Request, Response } from 'express';
import { SESSION_ABSOLUTE_MS } from './session.service';

/**
 * Over HTTPS the cookie is Secure and named with the `__Host-` prefix, which browsers accept
 * only from a secure origin, for path /, without a Domain: no subdomain can plant or read it.
 */
export const SESSION_COOKIE = 'sid';
export const SECURE_SESSION_COOKIE = '__Host-sid';

const cookieName = (req: Request) => (req.secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE);

export function readSessionToken(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const token = parse(header)[cookieName(req)];
  // A session secret is 43 base64url characters; anything else is not worth a query.
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined;
}

/** HttpOnly so that scripts cannot read it, SameSite=Lax against CSRF, Secure behind HTTPS. */
export function setSessionCookie(req: Request, res: Response, token: string): void {
  res.append(
    'Set-Cookie',
    serialize(cookieName(req), token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: req.secure,
      path: '/',
      maxAge: SESSION_ABSOLUTE_MS / 1000,
    }),
  );
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.append(
    'Set-Cookie',
    serialize(cookieName(req), '', {
      httpOnly: true,
      sameSite: 'lax',
      secure: req.secure,
      path: '/',
      maxAge: 0,
    }),
  );
}
