import type { Router } from 'express';
import { field, publicFormRoute } from '../../http/forms';
import type { Services } from '../../services';
import { requestOrigin } from '../auth/request-auth';

export function userRoutes(router: Router, services: Services): void {
  router.post(
    '/register',
    publicFormRoute(services, '/register', async (req) => {
      await services.users.register(
        {
          firstname: field(req, 'firstname'),
          lastname: field(req, 'lastname'),
          email: field(req, 'email'),
          username: field(req, 'username'),
          password: field(req, 'password'),
          currency: field(req, 'currency'),
        },
        requestOrigin(req),
      );
      return { redirect: '/login', flash: 'Registration successful! Please log in.' };
    }),
  );
}
