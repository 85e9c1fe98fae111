import { In, type DataSource, type EntityManager } from 'typeorm';
import { notFound } from '../../errors';
import { inTransaction, isUniqueViolation } from '../../db/transaction';
import { currencyDigits } from '../../lib/currencies';
import { parseId } from '../../lib/ids';
import { requireAmount, requireMonth } from '../../lib/validate';
import { requireCategoryName, type CategoryService } from '../categories/category.service';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import type { CategorySpendingRow, LedgerTotalsService } from '../ledger/ledger-totals.service';
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

/** A category target that spending went over: what budget.exceeded tells. */
export interface ExceededTarget {
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
    private readonly ledgerTotals: LedgerTotalsService,
  ) {}

  /** One budget per month: setting it again replaces the amount. */
  setMonthly(scope: LedgerScope, rawMonth: unknown, rawAmount: unknown): Promise<Budget> {
    const month = requireMonth(rawMonth, 'month');
    const amountMinor = Number(
      requireAmount(
        rawAmount,
        'amount',
        'Budget',
        currencyDigits(scope.user.currency),
        'non-negative',
      ),
    );
    return retryOnUniqueRace(() =>
      inTransaction(this.dataSource, async (manager) => {
        const now = new Date();
        const existing = await manager.findOne(Budget, {
          where: { ledgerId: scope.ledgerId, month },
        });
        if (existing) {
          await manager.update(Budget, { id: existing.id }, { amountMinor, updatedAt: now });
          return Object.assign(existing, { amountMinor, updatedAt: now });
        }
        const budget = manager.create(Budget, {
          ledgerId: scope.ledgerId,
          userId: scope.user.id,
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

  list(ledgerId: number): Promise<Budget[]> {
    return this.dataSource
      .getRepository(Budget)
      .find({ where: { ledgerId }, order: { month: 'DESC' } });
  }

  async forMonths(ledgerId: number, months: string[]): Promise<Map<string, number>> {
    const rows = await this.dataSource
      .getRepository(Budget)
      .find({ where: { ledgerId, month: In(months) }, select: { month: true, amountMinor: true } });
    return new Map(rows.map((row) => [row.month, row.amountMinor]));
  }

  deleteMonthly(scope: LedgerScope, rawMonth: unknown): Promise<boolean> {
    const month = requireMonth(rawMonth, 'month');
    return inTransaction(this.dataSource, async (manager) => {
      const result = await manager.delete(Budget, { ledgerId: scope.ledgerId, month });
      if (!result.affected) throw notFound('Budget');
      return true;
    });
  }

  /** One target per category and month: setting it again replaces the amount. */
  async setTarget(scope: LedgerScope, fields: TargetFields): Promise<TargetProgress> {
    const categoryName = requireCategoryName(fields.category);
    const targetAmountMinor = Number(
      requireAmount(
        fields.targetAmount,
        'targetAmount',
        'Target amount',
        currencyDigits(scope.user.currency),
        'positive',
      ),
    );
    const targetMonth = requireMonth(fields.targetMonth, 'targetMonth', 'Target month');
    const target = await retryOnUniqueRace(() =>
      inTransaction(this.dataSource, async (manager) => {
        const category = await this.categories.findOrCreate(
          scope.ledgerId,
          categoryName,
          manager,
          scope.user.id,
        );
        const now = new Date();
        const where = { ledgerId: scope.ledgerId, categoryId: category.id, targetMonth };
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
          userId: scope.user.id,
          targetAmountMinor,
          createdAt: now,
          updatedAt: now,
        });
        await manager.insert(BudgetCategory, created);
        return Object.assign(created, { category });
      }),
    );
    const [progress] = await this.withSpending(scope.ledgerId, [target]);
    return progress;
  }

  /**
   * A merge's targets, inside its transaction: each target of `fromCategoryId` moves to
   * `toCategoryId`, added to the target already there in the same month.
   */
  async moveTargets(
    scope: LedgerScope,
    fromCategoryId: number,
    toCategoryId: number,
    manager: EntityManager,
  ): Promise<void> {
    const moving = await manager.find(BudgetCategory, {
      where: { ledgerId: scope.ledgerId, categoryId: fromCategoryId },
    });
    const now = new Date();
    for (const target of moving) {
      const existing = await manager.findOne(BudgetCategory, {
        where: {
          ledgerId: scope.ledgerId,
          categoryId: toCategoryId,
          targetMonth: target.targetMonth,
        },
      });
      if (existing) {
        await manager.update(
          BudgetCategory,
          { id: existing.id },
          {
            targetAmountMinor: existing.targetAmountMinor + target.targetAmountMinor,
            updatedAt: now,
          },
        );
        await manager.delete(BudgetCategory, { id: target.id });
      } else {
        await manager.update(
          BudgetCategory,
          { id: target.id },
          { categoryId: toCategoryId, updatedAt: now },
        );
      }
    }
  }

  deleteTarget(scope: LedgerScope, id: string): Promise<boolean> {
    return inTransaction(this.dataSource, async (manager) => {
      const numericId = parseId(id);
      const result =
        numericId === null
          ? null
          : await manager.delete(BudgetCategory, { id: numericId, ledgerId: scope.ledgerId });
      if (!result?.affected) throw notFound('Budget category');
      return true;
    });
  }

  /**
   * One month's targets with their category's name, without spending: for the dashboard, which
   * has the month's spending per category already. Plain rows: no entity hydration on every
   * dashboard.
   */
  async targetsOfMonth(ledgerId: number, month: string): Promise<BudgetCategory[]> {
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
          'WHERE b.ledgerId = ? AND b.targetMonth = ? ORDER BY c.nameKey',
        [ledgerId, month],
      ),
    );
    return rows.map((row) => {
      const categoryId = Number(row.categoryId);
      return Object.assign(new BudgetCategory(), {
        id: Number(row.id),
        ledgerId,
        categoryId,
        category: Object.assign(new Category(), { id: categoryId, name: row.name }),
        targetMonth: month,
        targetAmountMinor: Number(row.targetAmountMinor),
      });
    });
  }

  /** The targets of one month, or every target when no month is given; newest month first. */
  async listTargets(ledgerId: number, rawMonth?: unknown): Promise<TargetProgress[]> {
    const month = rawMonth == null ? undefined : requireMonth(rawMonth, 'month');
    const targets = await this.dataSource.getRepository(BudgetCategory).find({
      where: { ledgerId, ...(month ? { targetMonth: month } : {}) },
      relations: { category: true },
      order: { targetMonth: 'DESC', category: { nameKey: 'ASC' } },
    });
    return this.withSpending(ledgerId, targets);
  }

  /** Adds each target's spending, counted in its own month only, from the ledger's totals. */
  private async withSpending(
    ledgerId: number,
    targets: BudgetCategory[],
  ): Promise<TargetProgress[]> {
    if (targets.length === 0) return [];
    const spent = await this.ledgerTotals.spentByCategoryAndMonth(
      ledgerId,
      [...new Set(targets.map((t) => t.categoryId))],
      [...new Set(targets.map((t) => t.targetMonth))],
    );
    return targets.map((target) => ({
      target,
      spentMinor: spent.get(`${target.categoryId}|${target.targetMonth}`) ?? 0n,
    }));
  }

  /** The month's spending in categories that have no target that month, largest first. */
  async unbudgetedSpending(ledgerId: number, rawMonth: unknown): Promise<CategorySpendingRow[]> {
    const month = requireMonth(rawMonth, 'month');
    const [spending, targeted] = await Promise.all([
      this.ledgerTotals.spendingByCategory(ledgerId, month),
      this.dataSource.getRepository(BudgetCategory).find({
        where: { ledgerId, targetMonth: month },
        select: { id: true, categoryId: true },
      }),
    ]);
    const withTarget = new Set(targeted.map((target) => target.categoryId));
    return spending.filter((row) => !withTarget.has(row.category.id));
  }

  /**
   * The month's income minus the sum of its targets, in minor units; null when the month has no
   * income (a ledger without income has nothing to divide).
   */
  async leftToBudgetMinor(ledgerId: number, rawMonth: unknown): Promise<bigint | null> {
    const month = requireMonth(rawMonth, 'month');
    const [[flows], [targets]] = await Promise.all([
      this.ledgerTotals.monthFlows(ledgerId, month, 1),
      this.dataSource.query(
        'SELECT CAST(COALESCE(SUM(targetAmountMinor), 0) AS CHAR) AS total ' +
          'FROM budget_categories WHERE ledgerId = ? AND targetMonth = ?',
        [ledgerId, month],
      ) as Promise<{ total: string }[]>,
    ]);
    if (flows.incomeMinor === 0n) return null;
    return flows.incomeMinor - BigInt(targets.total);
  }

  /** Per month: how many category targets it has and how many were kept (spent <= target). */
  async targetAdherence(
    ledgerId: number,
    months: string[],
  ): Promise<Map<string, { total: number; kept: number }>> {
    const result = new Map<string, { total: number; kept: number }>();
    if (months.length === 0) return result;
    const targets = await this.dataSource.getRepository(BudgetCategory).find({
      where: { ledgerId, targetMonth: In(months) },
      select: { id: true, categoryId: true, targetMonth: true, targetAmountMinor: true },
    });
    for (const { target, spentMinor } of await this.withSpending(ledgerId, targets)) {
      const entry = result.get(target.targetMonth) ?? { total: 0, kept: 0 };
      entry.total += 1;
      if (spentMinor <= BigInt(target.targetAmountMinor)) entry.kept += 1;
      result.set(target.targetMonth, entry);
    }
    return result;
  }

  /**
   * Sets several targets of one month in one transaction (accepted recommendations): each
   * replaces the category's target for the month. Category ids come from the ledger's own totals.
   */
  async setTargetsOfMonth(
    scope: LedgerScope,
    rawMonth: unknown,
    targets: { categoryId: number; amountMinor: number }[],
  ): Promise<void> {
    const targetMonth = requireMonth(rawMonth, 'month');
    await retryOnUniqueRace(() =>
      inTransaction(this.dataSource, async (manager) => {
        const now = new Date();
        for (const { categoryId, amountMinor } of targets) {
          const where = { ledgerId: scope.ledgerId, categoryId, targetMonth };
          const existing = await manager.findOne(BudgetCategory, { where });
          if (existing) {
            await manager.update(
              BudgetCategory,
              { id: existing.id },
              { targetAmountMinor: amountMinor, updatedAt: now },
            );
          } else {
            await manager.insert(BudgetCategory, {
              ...where,
              userId: scope.user.id,
              targetAmountMinor: amountMinor,
              createdAt: now,
              updatedAt: now,
            });
          }
        }
      }),
    );
  }

  /**
   * The targets, among the given categories and months (those a write touched), whose month's
   * spending is now above them: read in `manager`'s transaction, so that the write that pushed
   * them over is counted. Whether this is news is the caller's to remember.
   */
  async exceededTargets(
    ledgerId: number,
    touched: { categoryId: number; month: string }[],
    manager: EntityManager,
  ): Promise<ExceededTarget[]> {
    const pairs = new Set(touched.map((t) => `${t.categoryId}|${t.month}`));
    if (pairs.size === 0) return [];
    const categoryIds = [...new Set(touched.map((t) => t.categoryId))];
    const months = [...new Set(touched.map((t) => t.month))];
    const targets = (
      await manager.find(BudgetCategory, {
        where: { ledgerId, categoryId: In(categoryIds), targetMonth: In(months) },
        relations: { category: true },
      })
    ).filter((t) => pairs.has(`${t.categoryId}|${t.targetMonth}`));
    if (targets.length === 0) return [];
    const spent = await this.ledgerTotals.spentByCategoryAndMonth(
      ledgerId,
      [...new Set(targets.map((t) => t.categoryId))],
      [...new Set(targets.map((t) => t.targetMonth))],
      manager,
    );
    return targets
      .map((target) => ({
        target,
        spentMinor: spent.get(`${target.categoryId}|${target.targetMonth}`) ?? 0n,
      }))
      .filter(({ target, spentMinor }) => spentMinor > BigInt(target.targetAmountMinor));
  }

  /** Whether the ledger has any budget or target (amounts in its reporting currency). */
  async hasAny(ledgerId: number, manager: EntityManager): Promise<boolean> {
    const [budgets, targets] = await Promise.all([
      manager.count(Budget, { where: { ledgerId } }),
      manager.count(BudgetCategory, { where: { ledgerId } }),
    ]);
    return budgets + targets > 0;
  }
}
