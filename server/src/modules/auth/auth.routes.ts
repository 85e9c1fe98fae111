import type { Router } from 'express';
import { field, publicFormRoute } from '../../http/forms';
import type { Services } from '../../services';
import { requestOrigin } from './request-auth';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

export function authRoutes(router: Router, services: Services): void {
  router.post(
    '/login',
    publicFormRoute(services, '/login', async (req, res, caller) => {
      const { token } = await services.auth.login(
        { login: field(req, 'username'), password: field(req, 'password'), otp: field(req, 'otp') },
        requestOrigin(req),
      );
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

  // The same answer whether or not the address is known (OWASP Forgot Password).
  router.post(
    '/forgot_password',
    publicFormRoute(services, '/forgot_password', async (req) => {
      await services.passwordResets.request(field(req, 'email'), requestOrigin(req));
      return { redirect: '/forgot_password?sent=1' };
    }),
  );

  // The reset page is served with Referrer-Policy: no-referrer, so its post says Origin: null;
  // the token in the path is the proof that the form is ours.
  router.post(
    '/reset_password/:token',
    publicFormRoute(
      services,
      '/forgot_password',
      async (req) => {
        await services.passwordResets.reset(
          req.params.token,
          field(req, 'password'),
          requestOrigin(req),
        );
        return { redirect: '/login', flash: 'Your password has been updated!' };
      },
      { allowOpaqueOrigin: true },
    ),
  );
}
