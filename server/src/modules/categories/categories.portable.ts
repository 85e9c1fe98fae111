import type { DataSource } from 'typeorm';
import { checked, once, recordAt, RestoreError, type PortableSection } from '../export/portable';
import { CategoryAlias } from './category-alias.entity';
import { Category } from './category.entity';
import { categoryKey, requireCategoryName } from './category.service';

export interface CategoryRecord {
  name: string;
  hidden: boolean;
}

export interface CategoryAliasRecord {
  /** The former name, lower-cased as it is matched. */
  name: string;
  category: string;
}

/**
 * The ledger's categories by name (other sections refer to them by name), hidden ones too. A
 * restore replaces the categories registration made: without transactions or targets (which
 * make a ledger non-empty) nothing refers to them yet.
 */
export function categoriesSection(dataSource: DataSource): PortableSection<CategoryRecord> {
  const name = 'categories';
  return {
    name,
    export: ({ ledgerId }) =>
      once(async () =>
        (
          await dataSource.manager.find(Category, { where: { ledgerId }, order: { id: 'ASC' } })
        ).map((c) => ({ name: c.name, hidden: c.hidden })),
      ),
    async restore(records, { scope, manager }) {
      await manager.delete(CategoryAlias, { ledgerId: scope.ledgerId });
      await manager.delete(Category, { ledgerId: scope.ledgerId });
      const seen = new Set<string>();
      const now = new Date();
      const rows = records.map((_, index) => {
        const record = recordAt(name, records, index);
        const categoryName = checked(name, index, record, () =>
          requireCategoryName(record.name, 'name'),
        );
        const nameKey = categoryKey(categoryName);
        if (seen.has(nameKey)) {
          throw new RestoreError(name, index, 'name', `"${categoryName}" is listed twice`);
        }
        seen.add(nameKey);
        if (record.hidden !== undefined && typeof record.hidden !== 'boolean') {
          throw new RestoreError(name, index, 'hidden', 'must be true or false');
        }
        return {
          ledgerId: scope.ledgerId,
          userId: scope.user.id,
          name: categoryName,
          nameKey,
          hidden: record.hidden === true,
          createdAt: now,
        };
      });
      for (const row of rows) await manager.insert(Category, row);
      return rows.length;
    },
    csvColumns: [
      { name: 'name', type: 'text', value: (r) => r.name },
      { name: 'hidden', type: 'boolean', value: (r) => r.hidden },
    ],
  };
}

/** Former names (renames, merges) that still resolve to a category. */
export function categoryAliasesSection(
  dataSource: DataSource,
): PortableSection<CategoryAliasRecord> {
  const name = 'categoryAliases';
  return {
    name,
    export: ({ ledgerId }) =>
      once(async () => {
        const [aliases, categories] = await Promise.all([
          dataSource.manager.find(CategoryAlias, { where: { ledgerId }, order: { id: 'ASC' } }),
          dataSource.manager.find(Category, { where: { ledgerId } }),
        ]);
        const nameOf = new Map(categories.map((c) => [c.id, c.name]));
        return aliases
          .filter((a) => nameOf.has(a.categoryId))
          .map((a) => ({ name: a.nameKey, category: nameOf.get(a.categoryId) as string }));
      }),
    async restore(records, { scope, manager }) {
      const categories = await manager.find(Category, { where: { ledgerId: scope.ledgerId } });
      const idOf = new Map(categories.map((c) => [c.nameKey, c.id]));
      const seen = new Set<string>();
      for (const index of records.keys()) {
        const record = recordAt(name, records, index);
        const alias = categoryKey(
          checked(name, index, record, () => requireCategoryName(record.name, 'name')),
        );
        const target = categoryKey(
          checked(name, index, record, () => requireCategoryName(record.category, 'category')),
        );
        const categoryId = idOf.get(target);
        if (categoryId === undefined) {
          throw new RestoreError(name, index, 'category', 'names no category of the export');
        }
        if (idOf.has(alias) || seen.has(alias)) {
          throw new RestoreError(name, index, 'name', 'is already the name of a category or alias');
        }
        seen.add(alias);
        await manager.insert(CategoryAlias, {
          ledgerId: scope.ledgerId,
          nameKey: alias,
          categoryId,
          createdAt: new Date(),
        });
      }
      return records.length;
    },
    csvColumns: [
      { name: 'name', type: 'text', value: (r) => r.name },
      { name: 'category', type: 'text', value: (r) => r.category },
    ],
  };
}
