import type { DataSource } from 'typeorm';
import { categoryKey, type CategoryService } from '../categories/category.service';
import { checked, once, recordAt, RestoreError, type PortableSection } from '../export/portable';
import { TaxMark } from './tax-mark.entity';
import { requireTaxCategory } from './tax.service';

export interface TaxMarkRecord {
  /** A category's name: every expense of it is deductible... */
  category: string | null;
  /** ...or one transaction (its export id), whose own mark wins over its category's. */
  transaction: string | null;
  /** A standard tax category or one the user made (they exist as the marks that use them). */
  taxCategory: string;
}

/** Tax-deductible marks on categories and on single transactions. */
export function taxMarksSection(
  dataSource: DataSource,
  categories: CategoryService,
): PortableSection<TaxMarkRecord> {
  const name = 'taxMarks';
  return {
    name,
    export: ({ ledgerId }) =>
      once(async () => {
        const nameOf = new Map((await categories.list(ledgerId, true)).map((c) => [c.id, c.name]));
        const rows = await dataSource.manager.find(TaxMark, {
          where: { ledgerId },
          order: { id: 'ASC' },
        });
        return rows.map((m) => ({
          category: m.categoryId === null ? null : (nameOf.get(m.categoryId) ?? null),
          transaction: m.transactionId === null ? null : String(m.transactionId),
          taxCategory: m.taxCategory,
        }));
      }),
    async restore(records, { scope, manager, ids }) {
      const known = await categories.idsByKey(scope.ledgerId, manager);
      const seen = new Set<string>();
      const now = new Date();
      for (const index of records.keys()) {
        const record = recordAt(name, records, index);
        const fail = (field: string, reason: string) =>
          new RestoreError(name, index, field, reason);
        const onCategory = record.category !== null && record.category !== undefined;
        const onTransaction = record.transaction !== null && record.transaction !== undefined;
        if (onCategory === onTransaction) {
          throw fail(
            'category',
            'a mark is on a category or on a transaction, not both or neither',
          );
        }
        if (typeof record.taxCategory !== 'string') throw fail('taxCategory', 'must be a text');
        const taxCategory = checked(name, index, record, () =>
          requireTaxCategory(record.taxCategory as string),
        );
        let target: { categoryId: number } | { transactionId: number };
        if (onCategory) {
          const categoryId =
            typeof record.category === 'string'
              ? known.get(categoryKey(record.category))
              : undefined;
          if (categoryId === undefined) throw fail('category', 'names no category of the export');
          target = { categoryId };
        } else {
          const transactionId = ids.get('transactions', String(record.transaction));
          if (transactionId === undefined) {
            throw fail('transaction', "names no transaction of the export's transactions");
          }
          target = { transactionId };
        }
        const unique = JSON.stringify(target);
        if (seen.has(unique))
          throw fail(onCategory ? 'category' : 'transaction', 'is marked twice');
        seen.add(unique);
        await manager.insert(TaxMark, {
          ledgerId: scope.ledgerId,
          categoryId: null,
          transactionId: null,
          ...target,
          taxCategory,
          createdAt: now,
        });
      }
      return records.length;
    },
    csvColumns: [
      { name: 'category', type: 'text', value: (r) => r.category },
      { name: 'transaction', type: 'text', value: (r) => r.transaction },
      { name: 'taxCategory', type: 'text', value: (r) => r.taxCategory },
    ],
  };
}
