import type { Router } from 'express';
import { field, signedInFormRoute } from '../../http/forms';
import type { Services } from '../../services';

export function expenseRoutes(router: Router, services: Services): void {
  router.post(
    '/add_expense',
    signedInFormRoute(services, '/add_expense', async (req, _res, caller) => {
      await services.expenses.add(caller.user, {
        description: field(req, 'description'),
        amount: field(req, 'amount'),
        category: field(req, 'category'),
        date: field(req, 'date'),
      });
      return { redirect: '/dashboard', flash: 'Expense added successfully!' };
    }),
  );
}
