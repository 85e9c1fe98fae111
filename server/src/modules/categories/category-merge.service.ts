import type { DataSource, EntityManager } from 'typeorm';
import { badInput, notFound } from '../../errors';
import { inTransaction } from '../../db/transaction';
import type { BudgetService } from '../budgets/budget.service';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import type { TransactionService } from '../ledger/transaction.service';
import { parseId } from '../../lib/ids';
import { CategoryAlias } from './category-alias.entity';
import { Category } from './category.entity';

/**
 * Merging one category into another touches three modules' data (the ledger's transactions
 * and totals, the budgets' targets, the categories themselves): each moves through its own
 * module's service, in one database transaction, so a merge lands whole or not at all.
 */
export class CategoryMergeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly budgets: BudgetService,
  ) {}

  merge(scope: LedgerScope, id: string, intoId: string): Promise<Category> {
    return inTransaction(this.dataSource, async (manager) => {
      // Locked in id order, so that two merges of the same pair cannot wait on each other.
      const [first, second] = [id, intoId].sort((a, b) => Number(a) - Number(b));
      const locked = [
        await this.getForUpdate(scope.ledgerId, first, manager),
        await this.getForUpdate(scope.ledgerId, second, manager),
      ];
      const merged = locked[first === id ? 0 : 1];
      const into = locked[first === id ? 1 : 0];
      if (merged.id === into.id) {
        throw badInput('intoId', 'Choose another category to merge into');
      }
      await this.transactions.recategorize(scope, merged.id, into.id, manager);
      await this.budgets.moveTargets(scope, merged.id, into.id, manager);
      await this.removeMergedInto(scope, merged, into, manager);
      return into;
    });
  }

  /**
   * The category, locked until the caller's transaction ends (MySQL; SQLite's transactions take
   * turns): two merges of the same categories must not interleave.
   */
  private async getForUpdate(
    ledgerId: number,
    id: string,
    manager: EntityManager,
  ): Promise<Category> {
    const numericId = parseId(id);
    const isMysql = manager.connection.options.type === 'mysql';
    const category =
      numericId === null
        ? null
        : await manager.findOne(Category, {
            where: { id: numericId, ledgerId },
            ...(isMysql ? { lock: { mode: 'pessimistic_write' as const } } : {}),
          });
    if (!category) throw notFound('Category');
    return category;
  }

  /**
   * The last step of a merge, in its transaction once the transactions and targets have moved:
   * the merged category's names (its own and its aliases) resolve to `into`, and it goes.
   */
  private async removeMergedInto(
    scope: LedgerScope,
    merged: Category,
    into: Category,
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(
      CategoryAlias,
      { ledgerId: scope.ledgerId, categoryId: merged.id },
      { categoryId: into.id },
    );
    await manager.insert(CategoryAlias, {
      ledgerId: scope.ledgerId,
      nameKey: merged.nameKey,
      categoryId: into.id,
      createdAt: new Date(),
    });
    await manager.delete(Category, { id: merged.id, ledgerId: scope.ledgerId });
  }
}
