import type { DataSource } from 'typeorm';
import { currencyDigits } from '../../lib/currencies';
import { fromMinor } from '../../lib/money';
import type { CategoryService } from '../categories/category.service';
import {
  checkedAsync,
  once,
  recordAt,
  RestoreError,
  type PortableSection,
} from '../export/portable';
import { CategoryRule } from './category-rule.entity';
import type { CategoryRuleService } from './category-rule.service';

export interface CategoryRuleRecord {
  match: string;
  category: string;
  account: string | null;
  currency: string | null;
  minAmount: string | null;
  maxAmount: string | null;
}

/** "Text -> category" rules; the category by name, the account by its export id. */
export function categoryRulesSection(
  dataSource: DataSource,
  categories: CategoryService,
  rules: CategoryRuleService,
): PortableSection<CategoryRuleRecord> {
  const name = 'categoryRules';
  return {
    name,
    export: ({ ledgerId }) =>
      once(async () => {
        const nameOf = new Map((await categories.list(ledgerId, true)).map((c) => [c.id, c.name]));
        const rows = await dataSource.manager.find(CategoryRule, {
          where: { ledgerId },
          order: { id: 'ASC' },
        });
        const amount = (minor: number | null, currency: string | null) =>
          minor === null || currency === null
            ? null
            : fromMinor(BigInt(minor), currencyDigits(currency));
        return rows.map((r) => ({
          match: r.matchText,
          category: nameOf.get(r.categoryId) ?? '',
          account: r.accountId === null ? null : String(r.accountId),
          currency: r.currency,
          minAmount: amount(r.minAmountMinor, r.currency),
          maxAmount: amount(r.maxAmountMinor, r.currency),
        }));
      }),
    async restore(records, { scope, manager, ids }) {
      for (const index of records.keys()) {
        const record = recordAt(name, records, index);
        let accountId: number | null = null;
        if (record.account !== null && record.account !== undefined) {
          const id = ids.get('accounts', String(record.account));
          if (id === undefined) {
            throw new RestoreError(name, index, 'account', 'names no account of the export');
          }
          accountId = id;
        }
        // The range is read as `create` reads it: in the account's currency, else the reporting one.
        await checkedAsync(name, index, record, () =>
          rules.restore(
            scope,
            {
              match: record.match,
              category: record.category,
              accountId,
              minAmount: record.minAmount,
              maxAmount: record.maxAmount,
            },
            manager,
          ),
        );
      }
      return records.length;
    },
    csvColumns: [
      { name: 'match', type: 'text', value: (r) => r.match },
      { name: 'category', type: 'text', value: (r) => r.category },
      { name: 'account', type: 'text', value: (r) => r.account },
      { name: 'currency', type: 'text', value: (r) => r.currency },
      { name: 'minAmount', type: 'amount', value: (r) => r.minAmount },
      { name: 'maxAmount', type: 'amount', value: (r) => r.maxAmount },
    ],
  };
}
