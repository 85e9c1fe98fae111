import type { Router } from 'express';
import { field, signedInFormRoute } from '../../http/forms';
import type { Services } from '../../services';
import { TransactionKind } from '../ledger/transaction.entity';

export function expenseRoutes(router: Router, services: Services): void {
  router.post(
    '/add_expense',
    signedInFormRoute(services, '/add_expense', async (req, _res, caller) => {
      const scope = await services.ledgers.scope(caller.user, null, 'write');
      await services.transactions.recordOne(scope, {
        kind: TransactionKind.EXPENSE,
        description: field(req, 'description'),
        amount: field(req, 'amount'),
        category: field(req, 'category'),
        date: field(req, 'date'),
      });
      return { redirect: '/dashboard', flash: 'Expense added successfully!' };
    }),
  );
}
