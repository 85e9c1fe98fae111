import type { Request } from 'express';
import { AppError } from '../../errors';
import type { Services } from '../../services';
import type { RequestOrigin } from '../audit/audit.service';
import type { ApiToken } from '../tokens/api-token.entity';
import type { User } from '../users/user.entity';
import type { Session } from './session.entity';
import { readSessionToken } from './session-cookie';

/** Who is calling: a browser with a session, or a script with an API token. */
export type Caller =
  | { kind: 'session'; user: User; session: Session }
  | { kind: 'token'; user: User; token: ApiToken };

export type SessionCaller = Extract<Caller, { kind: 'session' }>;

/** The user of a live session cookie, or null. */
export async function authenticateSession(
  req: Request,
  services: Services,
): Promise<SessionCaller | null> {
  const secret = readSessionToken(req);
  if (!secret) return null;
  const found = await services.sessions.resolveWithUser(secret);
  return found ? { kind: 'session', user: found.user, session: found.session } : null;
}

/**
 * A bearer token when the request carries one (a bad one is refused, not ignored: a script
 * must learn that its token no longer works), else the session cookie.
 */
export async function authenticateRequest(
  req: Request,
  services: Services,
): Promise<Caller | null> {
  const header = req.get('authorization');
  if (header === undefined) return authenticateSession(req, services);
  const match = /^Bearer (\S+)$/i.exec(header.trim());
  if (!match) throw new AppError('UNAUTHENTICATED', 'Authorization must be "Bearer <API token>"');
  const token = await services.tokens.authenticate(match[1]);
  const user = await services.users.findById(token.userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'This API token is not valid');
  return { kind: 'token', user, token };
}

export function requestOrigin(req: Request): RequestOrigin {
  return { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
}
