import type { DataSource, EntityManager } from 'typeorm';
import { badInput } from '../../errors';
import { inTransaction, isUniqueViolation } from '../../db/transaction';
import { addMonths, currentMonth } from '../../lib/dates';
import { requireMonth } from '../../lib/validate';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import { BudgetCarryOver } from './budget-carry-over.entity';
import { BudgetCategory } from './budget-category.entity';
import { BudgetSettings } from './budget-settings.entity';
import { Budget } from './budget.entity';

/** What one copy wrote into the target month. */
export interface BudgetCopy {
  /** The target month's budget after the copy: the copied one, the one it had, or none. */
  budget: Budget | null;
  budgetCopied: boolean;
  targetsCopied: number;
}

interface CopyOutcome extends BudgetCopy {
  sourceEmpty: boolean;
}

/** Moving a month's budget and targets into another month, by hand or each month by itself. */
export class BudgetCarryOverService {
  constructor(private readonly dataSource: DataSource) {}

  async settings(ledgerId: number): Promise<BudgetSettings> {
    const row = await this.dataSource
      .getRepository(BudgetSettings)
      .findOne({ where: { ledgerId } });
    return (
      row ?? Object.assign(new BudgetSettings(), { ledgerId, carryOver: false, updatedAt: null })
    );
  }

  async setCarryOver(scope: LedgerScope, enabled: boolean): Promise<BudgetSettings> {
    const settings = Object.assign(new BudgetSettings(), {
      ledgerId: scope.ledgerId,
      carryOver: enabled,
      updatedAt: new Date(),
    });
    // An upsert on the primary key: two first-time calls cannot both insert.
    await this.dataSource.getRepository(BudgetSettings).upsert(settings, ['ledgerId']);
    return settings;
  }

  /**
   * Copies `fromMonth`'s budget (when `toMonth` has none) and each target whose category has
   * none in `toMonth`, in one transaction. Nothing to copy is BAD_USER_INPUT.
   */
  async copy(scope: LedgerScope, rawFrom: unknown, rawTo: unknown): Promise<BudgetCopy> {
    const fromMonth = requireMonth(rawFrom, 'fromMonth', 'Month to copy from');
    const toMonth = requireMonth(rawTo, 'toMonth', 'Month to copy to');
    if (fromMonth === toMonth) {
      throw badInput('toMonth', 'Choose a month other than the one to copy from');
    }
    const run = () =>
      inTransaction(this.dataSource, (manager) =>
        this.copyWithin(manager, scope, fromMonth, toMonth),
      );
    // A concurrent write of the same month makes the first attempt collide; the second attempt
    // sees that month's rows and copies only what is still missing.
    const outcome = await run().catch((error: unknown) => {
      if (isUniqueViolation(error)) return run();
      throw error;
    });
    if (outcome.sourceEmpty) {
      throw badInput('fromMonth', `Nothing to copy: ${fromMonth} has no budget and no targets`);
    }
    if (!outcome.budgetCopied && outcome.targetsCopied === 0) {
      throw badInput(
        'toMonth',
        `Nothing to copy: ${toMonth} already has the budget and targets of ${fromMonth}`,
      );
    }
    return {
      budget: outcome.budget,
      budgetCopied: outcome.budgetCopied,
      targetsCopied: outcome.targetsCopied,
    };
  }

  /**
   * With carry-over on, fills an empty month up to the current one from the month before, the
   * first time it is shown. Only writers call it (a viewer's or a READ token's reads write
   * nothing). Racing requests collide on the unique indexes of budgets, targets and carry-overs;
   * the loser's transaction rolls back and the winner's rows stand.
   */
  async carryOverIfDue(scope: LedgerScope, month: string): Promise<void> {
    if (month > currentMonth()) return;
    if (!(await this.settings(scope.ledgerId)).carryOver) return;
    if (await this.monthHasAny(this.dataSource.manager, scope.ledgerId, month)) return;
    try {
      await inTransaction(this.dataSource, async (manager) => {
        const done = await manager.count(BudgetCarryOver, {
          where: { ledgerId: scope.ledgerId, month },
        });
        if (done > 0 || (await this.monthHasAny(manager, scope.ledgerId, month))) return;
        const copied = await this.copyWithin(manager, scope, addMonths(month, -1), month);
        // An empty month before leaves no mark, so the month fills once the one before has something.
        if (copied.budgetCopied || copied.targetsCopied > 0) {
          await manager.insert(BudgetCarryOver, {
            ledgerId: scope.ledgerId,
            month,
            createdAt: new Date(),
          });
        }
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }

  /** Whether the month has a budget or any target; reading it fills nothing. */
  async monthBudgeted(ledgerId: number, rawMonth: unknown): Promise<boolean> {
    return this.monthHasAny(this.dataSource.manager, ledgerId, requireMonth(rawMonth, 'month'));
  }

  private async monthHasAny(
    manager: EntityManager,
    ledgerId: number,
    month: string,
  ): Promise<boolean> {
    const budgets = await manager.count(Budget, { where: { ledgerId, month } });
    if (budgets > 0) return true;
    return (await manager.count(BudgetCategory, { where: { ledgerId, targetMonth: month } })) > 0;
  }

  private async copyWithin(
    manager: EntityManager,
    scope: LedgerScope,
    fromMonth: string,
    toMonth: string,
  ): Promise<CopyOutcome> {
    const { ledgerId } = scope;
    const fromBudget = await manager.findOne(Budget, { where: { ledgerId, month: fromMonth } });
    const toBudget = await manager.findOne(Budget, { where: { ledgerId, month: toMonth } });
    const fromTargets = await manager.find(BudgetCategory, {
      where: { ledgerId, targetMonth: fromMonth },
    });
    const toTargets = await manager.find(BudgetCategory, {
      where: { ledgerId, targetMonth: toMonth },
      select: { id: true, categoryId: true },
    });
    const now = new Date();
    const made = { ledgerId, userId: scope.user.id, createdAt: now, updatedAt: now };
    let budget = toBudget;
    if (fromBudget && !toBudget) {
      budget = manager.create(Budget, {
        ...made,
        month: toMonth,
        amountMinor: fromBudget.amountMinor,
      });
      await manager.insert(Budget, budget);
    }
    const taken = new Set(toTargets.map((target) => target.categoryId));
    const missing = fromTargets.filter((target) => !taken.has(target.categoryId));
    if (missing.length > 0) {
      await manager.insert(
        BudgetCategory,
        missing.map((target) => ({
          ...made,
          categoryId: target.categoryId,
          targetMonth: toMonth,
          targetAmountMinor: target.targetAmountMinor,
        })),
      );
    }
    return {
      budget,
      budgetCopied: budget !== toBudget,
      targetsCopied: missing.length,
      sourceEmpty: !fromBudget && fromTargets.length === 0,
    };
  }
}
