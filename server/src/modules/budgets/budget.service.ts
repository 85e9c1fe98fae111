import { In, type DataSource, type EntityManager } from 'typeorm';
import { notFound } from '../../errors';
import { inTransaction, isUniqueViolation } from '../../db/transaction';
import { currencyDigits } from '../../lib/currencies';
import { monthRange } from '../../lib/dates';
import { parseId } from '../../lib/ids';
import { requireAmount, requireMonth } from '../../lib/validate';
import { requireCategoryName, type CategoryService } from '../categories/category.service';
import { Expense } from '../expenses/expense.entity';
import type { User } from '../users/user.entity';
import { BudgetCategory } from './budget-category.entity';
import { Category } from '../categories/category.entity';
import { readFromReplica } from '../../db/data-source';
import { Budget } from './budget.entity';

export interface TargetFields {
  category: unknown;
  targetAmount: unknown;
  targetMonth: unknown;
}

/** A category target with what was spent in that category in that month only. */
export interface TargetProgress {
  target: BudgetCategory;
  spentMinor: bigint;
}

/** Runs `write`, and once more if a concurrent request inserted the same unique row first. */
async function retryOnUniqueRace<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return write();
  }
}

export class BudgetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly categories: CategoryService,
  ) {}

  /** One budget per month: setting it again replaces the amount. */
  setMonthly(user: User, rawMonth: unknown, rawAmount: unknown): Promise<Budget> {
    const month = requireMonth(rawMonth, 'month');
    const amountMinor = Number(
      requireAmount(rawAmount, 'amount', 'Budget', currencyDigits(user.currency), 'non-negative'),
    );
    return retryOnUniqueRace(() =>
      inTransaction(this.dataSource, async (manager) => {
        const now = new Date();
        const existing = await manager.findOne(Budget, { where: { userId: user.id, month } });
        if (existing) {
          await manager.update(Budget, { id: existing.id }, { amountMinor, updatedAt: now });
          return Object.assign(existing, { amountMinor, updatedAt: now });
        }
        const budget = manager.create(Budget, {
          userId: user.id,
          month,
          amountMinor,
          createdAt: now,
          updatedAt: now,
        });
        await manager.insert(Budget, budget);
        return budget;
      }),
    );
  }

  list(userId: number): Promise<Budget[]> {
    return this.dataSource
      .getRepository(Budget)
      .find({ where: { userId }, order: { month: 'DESC' } });
  }

  async forMonths(userId: number, months: string[]): Promise<Map<string, number>> {
    const rows = await this.dataSource
      .getRepository(Budget)
      .find({ where: { userId, month: In(months) }, select: { month: true, amountMinor: true } });
    return new Map(rows.map((row) => [row.month, row.amountMinor]));
  }

  deleteMonthly(userId: number, rawMonth: unknown): Promise<boolean> {
    const month = requireMonth(rawMonth, 'month');
    return inTransaction(this.dataSource, async (manager) => {
      const result = await manager.delete(Budget, { userId, month });
      if (!result.affected) throw notFound('Budget');
      return true;
    });
  }

  /** One target per category and month: setting it again replaces the amount. */
  async setTarget(user: User, fields: TargetFields): Promise<TargetProgress> {
    const categoryName = requireCategoryName(fields.category);
    const targetAmountMinor = Number(
      requireAmount(
        fields.targetAmount,
        'targetAmount',
        'Target amount',
        currencyDigits(user.currency),
        'positive',
      ),
    );
    const targetMonth = requireMonth(fields.targetMonth, 'targetMonth', 'Target month');
    const target = await retryOnUniqueRace(() =>
      inTransaction(this.dataSource, async (manager) => {
        const category = await this.categories.findOrCreate(user.id, categoryName, manager);
        const now = new Date();
        const where = { userId: user.id, categoryId: category.id, targetMonth };
        const existing = await manager.findOne(BudgetCategory, { where });
        if (existing) {
          await manager.update(
            BudgetCategory,
            { id: existing.id },
            { targetAmountMinor, updatedAt: now },
          );
          return Object.assign(existing, { targetAmountMinor, updatedAt: now, category });
        }
        const created = manager.create(BudgetCategory, {
          ...where,
          targetAmountMinor,
          createdAt: now,
          updatedAt: now,
        });
        await manager.insert(BudgetCategory, created);
        return Object.assign(created, { category });
      }),
    );
    const [progress] = await this.withSpending(user.id, [target]);
    return progress;
  }

  deleteTarget(userId: number, id: string): Promise<boolean> {
    return inTransaction(this.dataSource, async (manager) => {
      const numericId = parseId(id);
      const result =
        numericId === null ? null : await manager.delete(BudgetCategory, { id: numericId, userId });
      if (!result?.affected) throw notFound('Budget category');
      return true;
    });
  }

  /**
   * One month's targets with their category's name, without spending: for the dashboard, which
   * has the month's spending per category already. Plain rows: no entity hydration on every
   * dashboard.
   */
  async targetsOfMonth(userId: number, month: string): Promise<BudgetCategory[]> {
    const rows: {
      id: number | string;
      categoryId: number | string;
      targetAmountMinor: string;
      name: string;
    }[] = await readFromReplica(this.dataSource, (manager) =>
      manager.query(
        'SELECT b.id AS id, b.categoryId AS categoryId, ' +
          'CAST(b.targetAmountMinor AS CHAR) AS targetAmountMinor, c.name AS name ' +
          'FROM budget_categories b INNER JOIN categories c ON c.id = b.categoryId ' +
          'WHERE b.userId = ? AND b.targetMonth = ? ORDER BY c.nameKey',
        [userId, month],
      ),
    );
    return rows.map((row) => {
      const categoryId = Number(row.categoryId);
      return Object.assign(new BudgetCategory(), {
        id: Number(row.id),
        userId,
        categoryId,
        category: Object.assign(new Category(), { id: categoryId, name: row.name }),
        targetMonth: month,
        targetAmountMinor: Number(row.targetAmountMinor),
      });
    });
  }

  /** The targets of one month, or every target when no month is given; newest month first. */
  async listTargets(userId: number, rawMonth?: unknown): Promise<TargetProgress[]> {
    const month = rawMonth == null ? undefined : requireMonth(rawMonth, 'month');
    const targets = await this.dataSource.getRepository(BudgetCategory).find({
      where: { userId, ...(month ? { targetMonth: month } : {}) },
      relations: { category: true },
      order: { targetMonth: 'DESC', category: { nameKey: 'ASC' } },
    });
    return this.withSpending(userId, targets);
  }

  /**
   * Adds each target's spending, counted in its own month only, with one grouped query over
   * the months the targets span.
   */
  private async withSpending(
    userId: number,
    targets: BudgetCategory[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<TargetProgress[]> {
    if (targets.length === 0) return [];
    const months = targets.map((t) => t.targetMonth).sort();
    const rows = await manager
      .createQueryBuilder(Expense, 'e')
      .select('e.categoryId', 'categoryId')
      .addSelect('SUBSTR(e.date, 1, 7)', 'month')
      .addSelect('CAST(SUM(e.amountMinor) AS CHAR)', 'spent')
      .where('e.userId = :userId', { userId })
      .andWhere('e.categoryId IN (:...categoryIds)', {
        categoryIds: [...new Set(targets.map((t) => t.categoryId))],
      })
      .andWhere('e.date >= :start AND e.date <= :last', {
        start: monthRange(months[0]).start,
        last: monthRange(months[months.length - 1]).last,
      })
      .groupBy('e.categoryId')
      .addGroupBy('SUBSTR(e.date, 1, 7)')
      .getRawMany<{ categoryId: number | string; month: string; spent: string }>();
    const spent = new Map(rows.map((r) => [`${r.categoryId}|${r.month}`, BigInt(r.spent)]));
    return targets.map((target) => ({
      target,
      spentMinor: spent.get(`${target.categoryId}|${target.targetMonth}`) ?? 0n,
    }));
  }
}
