import type { Router } from 'express';
import { field, publicFormRoute } from '../../http/forms';
import type { Services } from '../../services';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

export function authRoutes(router: Router, services: Services): void {
  router.post(
    '/login',
    publicFormRoute(services, '/login', async (req, res, caller) => {
      const { token } = await services.auth.login(field(req, 'username'), field(req, 'password'));
      if (caller) await services.auth.logout(caller.session.id);
      setSessionCookie(req, res, token);
      return { redirect: '/dashboard' };
    }),
  );

  router.get(
    '/logout',
    publicFormRoute(services, '/login', async (req, res, caller) => {
      await services.auth.logout(caller?.session.id);
      clearSessionCookie(req, res);
      return { redirect: '/login', flash: 'You have been logged out.' };
    }),
  );
}
