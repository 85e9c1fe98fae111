import type { Router } from 'express';
import { field, signedInFormRoute } from '../../http/forms';
import type { Services } from '../../services';

export function budgetRoutes(router: Router, services: Services): void {
  router.post(
    '/Setbudget',
    signedInFormRoute(services, '/dashboard', async (req, _res, caller) => {
      const scope = await services.ledgers.scope(caller.user, null, 'write');
      await services.budgets.setMonthly(scope, field(req, 'month'), field(req, 'amount'));
      return { redirect: '/dashboard', flash: 'Budget set successfully!' };
    }),
  );

  router.post(
    '/budget_categories',
    signedInFormRoute(services, '/dashboard', async (req, _res, caller) => {
      const scope = await services.ledgers.scope(caller.user, null, 'write');
      await services.budgets.setTarget(scope, {
        category: field(req, 'category'),
        targetAmount: field(req, 'target_amount'),
        targetMonth: field(req, 'target_date'),
      });
      return { redirect: '/dashboard', flash: 'Budget category set successfully!' };
    }),
  );
}
