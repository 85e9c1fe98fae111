import type { Request, Response } from 'express';
import type { Config } from './config';
import { unauthenticated } from './errors';
import { authenticate, type Caller } from './modules/auth/request-auth';
import type { User } from './modules/users/user.entity';
import type { Services } from './services';

/** What every resolver receives: the request, the services and the caller, if any. */
export interface RequestContext {
  req: Request;
  res: Response;
  config: Config;
  services: Services;
  caller: Caller | null;
  /** The signed-in user; throws UNAUTHENTICATED without one. */
  requireUser(): User;
}

export async function createContext(
  req: Request,
  res: Response,
  services: Services,
  config: Config,
): Promise<RequestContext> {
  const caller = await authenticate(req, services);
  return {
    req,
    res,
    config,
    services,
    caller,
    requireUser() {
      if (!caller) throw unauthenticated();
      return caller.user;
    },
  };
}
