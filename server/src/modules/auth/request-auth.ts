import type { Request } from 'express';
import type { Services } from '../../services';
import type { User } from '../users/user.entity';
import type { Session } from './session.entity';
import { readSessionToken } from './session-cookie';

export interface Caller {
  user: User;
  session: Session;
}

/** Who is calling: the user of a live session cookie, or null. */
export async function authenticate(req: Request, services: Services): Promise<Caller | null> {
  const token = readSessionToken(req);
  if (!token) return null;
  const session = await services.sessions.resolve(token);
  if (!session) return null;
  const user = await services.users.findById(session.userId);
  return user ? { user, session } : null;
}
