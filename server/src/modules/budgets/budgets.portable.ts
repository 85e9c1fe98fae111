import type { DataSource, EntityManager } from 'typeorm';
import { currencyDigits } from '../../lib/currencies';
import { fromMinor } from '../../lib/money';
import { requireAmount, requireMonth } from '../../lib/validate';
import {
  categoryKey,
  requireCategoryName,
  type CategoryService,
} from '../categories/category.service';
import { checked, once, recordAt, RestoreError, type PortableSection } from '../export/portable';
import { BudgetCarryOver } from './budget-carry-over.entity';
import { BudgetCategory } from './budget-category.entity';
import { BudgetSettings } from './budget-settings.entity';
import { Budget } from './budget.entity';

export interface BudgetRecord {
  month: string;
  amount: string;
}

export interface BudgetTargetRecord {
  category: string;
  month: string;
  amount: string;
}

export interface BudgetSettingsRecord {
  carryOver: boolean;
}

export interface BudgetCarryOverRecord {
  month: string;
}

// Budgets and targets are amounts of the reporting currency (the user section's `currency`).
const amountOf = (minor: number, currency: string) =>
  fromMinor(BigInt(minor), currencyDigits(currency));

const hasBudgets = async (ledgerId: number, manager: EntityManager) =>
  (await manager.count(Budget, { where: { ledgerId }, take: 1 })) +
    (await manager.count(BudgetCategory, { where: { ledgerId }, take: 1 })) >
  0;

function requireUniqueMonth(section: string, index: number, seen: Set<string>, month: string) {
  if (seen.has(month)) throw new RestoreError(section, index, 'month', `${month} is listed twice`);
  seen.add(month);
}

/** The monthly budgets. */
export function budgetsSection(dataSource: DataSource): PortableSection<BudgetRecord> {
  const name = 'budgets';
  return {
    name,
    export: ({ ledgerId, user }) =>
      once(async () =>
        (
          await dataSource.manager.find(Budget, { where: { ledgerId }, order: { month: 'ASC' } })
        ).map((b) => ({ month: b.month, amount: amountOf(b.amountMinor, user.currency) })),
      ),
    holdsData: hasBudgets,
    async restore(records, { scope, manager }) {
      const seen = new Set<string>();
      const now = new Date();
      for (const index of records.keys()) {
        const record = recordAt(name, records, index);
        const { month, amountMinor } = checked(name, index, record, () => ({
          month: requireMonth(record.month, 'month'),
          amountMinor: requireAmount(
            record.amount,
            'amount',
            'Budget',
            currencyDigits(scope.user.currency),
            'non-negative',
          ),
        }));
        requireUniqueMonth(name, index, seen, month);
        await manager.insert(Budget, {
          ledgerId: scope.ledgerId,
          userId: scope.user.id,
          month,
          amountMinor: Number(amountMinor),
          createdAt: now,
          updatedAt: now,
        });
      }
      return records.length;
    },
    csvColumns: [
      { name: 'month', type: 'date', value: (r) => r.month },
      { name: 'amount', type: 'amount', value: (r) => r.amount },
    ],
  };
}

/** Spending targets per category and month; the category by name. */
export function budgetTargetsSection(
  dataSource: DataSource,
  categories: CategoryService,
): PortableSection<BudgetTargetRecord> {
  const name = 'budgetTargets';
  return {
    name,
    export: ({ ledgerId, user }) =>
      once(async () => {
        const nameOf = new Map((await categories.list(ledgerId, true)).map((c) => [c.id, c.name]));
        const targets = await dataSource.manager.find(BudgetCategory, {
          where: { ledgerId },
          order: { targetMonth: 'ASC', id: 'ASC' },
        });
        return targets.map((t) => ({
          category: nameOf.get(t.categoryId) ?? '',
          month: t.targetMonth,
          amount: amountOf(t.targetAmountMinor, user.currency),
        }));
      }),
    holdsData: hasBudgets,
    async restore(records, { scope, manager }) {
      const known = await categories.idsByKey(scope.ledgerId, manager);
      const seen = new Set<string>();
      const now = new Date();
      for (const index of records.keys()) {
        const record = recordAt(name, records, index);
        const fields = checked(name, index, record, () => ({
          category: requireCategoryName(record.category, 'category'),
          month: requireMonth(record.month, 'month'),
          amountMinor: requireAmount(
            record.amount,
            'amount',
            'Target amount',
            currencyDigits(scope.user.currency),
            'positive',
          ),
        }));
        const categoryId = known.get(categoryKey(fields.category));
        if (categoryId === undefined) {
          throw new RestoreError(name, index, 'category', 'names no category of the export');
        }
        requireUniqueMonth(name, index, seen, `${categoryId}|${fields.month}`);
        await manager.insert(BudgetCategory, {
          ledgerId: scope.ledgerId,
          userId: scope.user.id,
          categoryId,
          targetMonth: fields.month,
          targetAmountMinor: Number(fields.amountMinor),
          createdAt: now,
          updatedAt: now,
        });
      }
      return records.length;
    },
    csvColumns: [
      { name: 'category', type: 'text', value: (r) => r.category },
      { name: 'month', type: 'date', value: (r) => r.month },
      { name: 'amount', type: 'amount', value: (r) => r.amount },
    ],
  };
}

/** The ledger's budgeting preferences: one object. */
export function budgetSettingsSection(
  dataSource: DataSource,
): PortableSection<BudgetSettingsRecord> {
  const name = 'budgetSettings';
  return {
    name,
    single: true,
    export: ({ ledgerId }) =>
      once(async () => {
        const row = await dataSource.manager.findOne(BudgetSettings, { where: { ledgerId } });
        return [{ carryOver: row?.carryOver ?? false }];
      }),
    async restore(records, { scope, manager }) {
      const record = recordAt(name, records, 0);
      if (typeof record.carryOver !== 'boolean') {
        throw new RestoreError(name, null, 'carryOver', 'must be true or false');
      }
      await manager.delete(BudgetSettings, { ledgerId: scope.ledgerId });
      await manager.insert(BudgetSettings, {
        ledgerId: scope.ledgerId,
        carryOver: record.carryOver,
        updatedAt: new Date(),
      });
      return 1;
    },
    csvColumns: [{ name: 'carryOver', type: 'boolean', value: (r) => r.carryOver }],
  };
}

/** The months already filled from the month before: a restore must not fill them again. */
export function budgetCarryOversSection(
  dataSource: DataSource,
): PortableSection<BudgetCarryOverRecord> {
  const name = 'budgetCarryOvers';
  return {
    name,
    export: ({ ledgerId }) =>
      once(async () =>
        (
          await dataSource.manager.find(BudgetCarryOver, {
            where: { ledgerId },
            order: { month: 'ASC' },
          })
        ).map((c) => ({ month: c.month })),
      ),
    async restore(records, { scope, manager }) {
      await manager.delete(BudgetCarryOver, { ledgerId: scope.ledgerId });
      const seen = new Set<string>();
      for (const index of records.keys()) {
        const record = recordAt(name, records, index);
        const month = checked(name, index, record, () => requireMonth(record.month, 'month'));
        requireUniqueMonth(name, index, seen, month);
        await manager.insert(BudgetCarryOver, {
          ledgerId: scope.ledgerId,
          month,
          createdAt: new Date(),
        });
      }
      return records.length;
    },
    csvColumns: [{ name: 'month', type: 'date', value: (r) => r.month }],
  };
}
