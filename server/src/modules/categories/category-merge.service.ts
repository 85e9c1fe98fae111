import type { DataSource } from 'typeorm';
import { badInput } from '../../errors';
import { inTransaction } from '../../db/transaction';
import type { BudgetService } from '../budgets/budget.service';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import type { TransactionService } from '../ledger/transaction.service';
import type { Category } from './category.entity';
import type { CategoryService } from './category.service';

/**
 * Merging one category into another touches three modules' data (the ledger's transactions
 * and totals, the budgets' targets, the categories themselves): each moves through its own
 * module's service, in one database transaction, so a merge lands whole or not at all.
 */
export class CategoryMergeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly categories: CategoryService,
    private readonly transactions: TransactionService,
    private readonly budgets: BudgetService,
  ) {}

  merge(scope: LedgerScope, id: string, intoId: string): Promise<Category> {
    return inTransaction(this.dataSource, async (manager) => {
      // Locked in id order, so that two merges of the same pair cannot wait on each other.
      const [first, second] = [id, intoId].sort((a, b) => Number(a) - Number(b));
      const locked = [
        await this.categories.getForUpdate(scope.ledgerId, first, manager),
        await this.categories.getForUpdate(scope.ledgerId, second, manager),
      ];
      const merged = locked[first === id ? 0 : 1];
      const into = locked[first === id ? 1 : 0];
      if (merged.id === into.id) {
        throw badInput('intoId', 'Choose another category to merge into');
      }
      await this.transactions.recategorize(scope, merged.id, into.id, manager);
      await this.budgets.moveTargets(scope, merged.id, into.id, manager);
      await this.categories.removeMergedInto(scope, merged, into, manager);
      return into;
    });
  }
}
