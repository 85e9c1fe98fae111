import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import { badInput, notFound } from '../../errors';
import { currencyDigits } from '../../lib/currencies';
import { addDays, today } from '../../lib/dates';
import { parseId } from '../../lib/ids';
import { money } from '../../lib/money';
import { payeeKey } from '../../lib/payee';
import { requireAmount, requireText } from '../../lib/validate';
import {
  categoryKey,
  requireCategoryName,
  type CategoryService,
} from '../categories/category.service';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import type { AccountService } from '../ledger/account.service';
import { UNCATEGORIZED, type Categorizer, type UncategorizedRow } from '../ledger/categorizer';
import type { LedgerTotalsService } from '../ledger/ledger-totals.service';
import type { TransactionService } from '../ledger/transaction.service';
import { CategoryRule } from './category-rule.entity';
import type { CategoryRuleView } from './category-rule.types';
import { byPrecedence, firstMatch, ruleMatches, type CompiledRule } from './rule-matching';

export const MATCH_MAX = 100;
/** How far back the payee history reaches: a year and a season of habits, bounded in cost. */
const HISTORY_DAYS = 400;

export interface CategoryRuleFields {
  match?: unknown;
  category?: unknown;
  accountId?: unknown;
  minAmount?: unknown;
  maxAmount?: unknown;
}

interface ValidRule {
  matchText: string;
  categoryName: string;
  accountId: number | null;
  currency: string | null;
  minAmountMinor: number | null;
  maxAmountMinor: number | null;
}

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

/**
 * The ledger's category rules, and the categorizer the write path asks for transactions written
 * without a category: the rules first (most specific wins, see `byPrecedence`), then the
 * category the payee's earlier transactions went to most often.
 */
export class CategoryRuleService implements Categorizer {
  /** What `categorize` read for a batch (see `Categorizer`), kept while the batch lives. */
  private readonly readForBatch = new WeakMap<
    object,
    { rules?: Promise<CompiledRule[]>; history?: Promise<Map<string, string>> }
  >();

  constructor(
    private readonly dataSource: DataSource,
    private readonly categories: CategoryService,
    private readonly accounts: AccountService,
    private readonly ledgerTotals: LedgerTotalsService,
    private readonly transactions: TransactionService,
  ) {}

  /** The ledger's rules in the order they are tried. */
  async list(ledgerId: number): Promise<CategoryRuleView[]> {
    const [rules, categories] = await Promise.all([
      this.dataSource.manager.find(CategoryRule, { where: { ledgerId } }),
      this.categories.list(ledgerId, true),
    ]);
    const byId = new Map(categories.map((c) => [c.id, c]));
    const compiled = new Map(
      rules.map((r) => [r.id, this.compileStored(r, byId.get(r.categoryId)?.name ?? '')]),
    );
    return rules
      .sort((a, b) => byPrecedence(compiled.get(a.id)!, compiled.get(b.id)!))
      .map((r) => this.view(r, byId.get(r.categoryId)!));
  }

  create(scope: LedgerScope, fields: CategoryRuleFields): Promise<CategoryRuleView> {
    return inTransaction(this.dataSource, (manager) => this.insert(scope, fields, manager));
  }

  /** A rule of a restore (export/portable.ts), inside its transaction, by the rules of `create`. */
  async restore(scope: LedgerScope, fields: CategoryRuleFields, manager: EntityManager) {
    await this.insert(scope, fields, manager);
  }

  private async insert(
    scope: LedgerScope,
    fields: CategoryRuleFields,
    manager: EntityManager,
  ): Promise<CategoryRuleView> {
    const valid = await this.validate(scope, fields, manager);
    const category = await this.categories.findOrCreate(
      scope.ledgerId,
      valid.categoryName,
      manager,
      scope.user.id,
    );
    const rule = manager.create(CategoryRule, {
      ledgerId: scope.ledgerId,
      matchText: valid.matchText,
      categoryId: category.id,
      accountId: valid.accountId,
      currency: valid.currency,
      minAmountMinor: valid.minAmountMinor,
      maxAmountMinor: valid.maxAmountMinor,
      createdByUserId: scope.user.id,
      createdAt: new Date(),
    });
    await manager.insert(CategoryRule, rule);
    return this.view(rule, category);
  }

  update(scope: LedgerScope, id: string, fields: CategoryRuleFields): Promise<CategoryRuleView> {
    return inTransaction(this.dataSource, async (manager) => {
      const rule = await this.get(scope.ledgerId, id, manager);
      const valid = await this.validate(scope, fields, manager);
      const category = await this.categories.findOrCreate(
        scope.ledgerId,
        valid.categoryName,
        manager,
        scope.user.id,
      );
      Object.assign(rule, {
        matchText: valid.matchText,
        categoryId: category.id,
        accountId: valid.accountId,
        currency: valid.currency,
        minAmountMinor: valid.minAmountMinor,
        maxAmountMinor: valid.maxAmountMinor,
      });
      await manager.save(rule);
      return this.view(rule, category);
    });
  }

  async delete(scope: LedgerScope, id: string): Promise<boolean> {
    const numericId = parseId(id);
    const result =
      numericId === null
        ? { affected: 0 }
        : await this.dataSource.manager.delete(CategoryRule, {
            id: numericId,
            ledgerId: scope.ledgerId,
          });
    if (!result.affected) throw notFound('Category rule');
    return true;
  }

  /**
   * How many uncategorised transactions (expenses in "Uncategorized", income without a
   * category) the rule would file, on its own, were it saved and applied. Nothing is written.
   */
  async preview(scope: LedgerScope, fields: CategoryRuleFields): Promise<number> {
    const manager = this.dataSource.manager;
    const valid = await this.validate(scope, fields, manager);
    const rule: CompiledRule = { id: 0, matchKey: valid.matchText.toLowerCase(), ...valid };
    const open = await this.ledgerTotals.uncategorized(scope.ledgerId, manager);
    return open.filter((row) => this.changes(rule.categoryName, row.kind) && ruleMatches(rule, row))
      .length;
  }

  /**
   * Applies the rules to the transactions no one has categorised (expenses in "Uncategorized",
   * income without a category: "rules apply to transactions written without a category"); a
   * category someone chose is never overridden. Through the ledger, which moves the month
   * totals with them, in one database transaction. Returns how many transactions moved.
   */
  apply(scope: LedgerScope): Promise<number> {
    return inTransaction(this.dataSource, async (manager) => {
      const rules = await this.compiled(scope.ledgerId, manager);
      if (rules.length === 0) return 0;
      const open = await this.ledgerTotals.uncategorized(scope.ledgerId, manager, true);
      const moves = new Map<string, number[]>();
      for (const row of open) {
        const category = firstMatch(rules, row);
        if (category === null || !this.changes(category, row.kind)) continue;
        moves.set(category, [...(moves.get(category) ?? []), row.id]);
      }
      let moved = 0;
      for (const [category, ids] of moves) {
        moved += await this.transactions.setCategory(scope, ids, category, manager);
      }
      return moved;
    });
  }

  async categorize(
    ledgerId: number,
    rows: UncategorizedRow[],
    manager: EntityManager,
    batch?: object,
  ): Promise<(string | null)[]> {
    const read = batch ? (this.readForBatch.get(batch) ?? {}) : {};
    if (batch) this.readForBatch.set(batch, read);
    read.rules ??= this.compiled(ledgerId, manager);
    const rules = await read.rules;
    const picked = rows.map((row) => (rules.length === 0 ? null : firstMatch(rules, row)));
    if (picked.every((p) => p !== null)) return picked;
    read.history ??= this.history(ledgerId, manager);
    const history = await read.history;
    return picked.map((category, i) => {
      if (category !== null) return category;
      const key = payeeKey(rows[i].payee, rows[i].description);
      return key === '' ? null : (history.get(`${rows[i].kind}|${key}`) ?? null);
    });
  }

  /** Filing an expense under "Uncategorized" changes nothing. */
  private changes(categoryName: string, kind: string): boolean {
    return !(kind === 'EXPENSE' && categoryKey(categoryName) === categoryKey(UNCATEGORIZED));
  }

  /**
   * Per kind and normalised payee, the category its transactions of the last HISTORY_DAYS went
   * to most often (ties: the name first in order, so the answer is stable). One query.
   */
  private async history(ledgerId: number, manager: EntityManager): Promise<Map<string, string>> {
    const rows = await this.ledgerTotals.payeeCategories(
      ledgerId,
      addDays(today(), -HISTORY_DAYS),
      manager,
    );
    const counts = new Map<string, Map<string, number>>();
    for (const row of rows) {
      const key = payeeKey(row.payee, row.description);
      if (key === '') continue;
      const id = `${row.kind}|${key}`;
      const perCategory = counts.get(id) ?? new Map<string, number>();
      perCategory.set(row.category, (perCategory.get(row.category) ?? 0) + row.count);
      counts.set(id, perCategory);
    }
    const best = new Map<string, string>();
    for (const [id, perCategory] of counts) {
      const [top] = [...perCategory].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      best.set(id, top[0]);
    }
    return best;
  }

  private async compiled(ledgerId: number, manager: EntityManager): Promise<CompiledRule[]> {
    const rules = await manager.find(CategoryRule, { where: { ledgerId } });
    if (rules.length === 0) return [];
    const names = new Map(
      (await this.categories.list(ledgerId, true)).map((c) => [c.id, c.name] as const),
    );
    return rules
      .filter((r) => names.has(r.categoryId))
      .map((r) => this.compileStored(r, names.get(r.categoryId)!))
      .sort(byPrecedence);
  }

  private compileStored(rule: CategoryRule, categoryName: string): CompiledRule {
    return {
      id: rule.id,
      matchKey: rule.matchText.toLowerCase(),
      categoryName,
      accountId: rule.accountId,
      currency: rule.currency,
      minAmountMinor: rule.minAmountMinor,
      maxAmountMinor: rule.maxAmountMinor,
    };
  }

  private async get(ledgerId: number, id: string, manager: EntityManager): Promise<CategoryRule> {
    const numericId = parseId(id);
    const rule =
      numericId === null
        ? null
        : await manager.findOne(CategoryRule, { where: { id: numericId, ledgerId } });
    if (!rule) throw notFound('Category rule');
    return rule;
  }

  private async validate(
    scope: LedgerScope,
    fields: CategoryRuleFields,
    manager: EntityManager,
  ): Promise<ValidRule> {
    const matchText = requireText(fields.match, 'match', 'Match', MATCH_MAX);
    const categoryName = requireCategoryName(fields.category, 'category');
    const account = given(fields.accountId)
      ? await this.accounts.get(scope.ledgerId, fields.accountId, manager, 'accountId')
      : null;
    const ranged = given(fields.minAmount) || given(fields.maxAmount);
    // A range is read in the account's currency, else in the caller's: that is what they see.
    const currency = ranged ? (account?.currency ?? scope.user.currency) : null;
    const digits = currency === null ? 0 : currencyDigits(currency);
    const amount = (value: unknown, field: string, label: string) =>
      given(value) ? Number(requireAmount(value, field, label, digits, 'non-negative')) : null;
    const minAmountMinor = amount(fields.minAmount, 'minAmount', 'Minimum amount');
    const maxAmountMinor = amount(fields.maxAmount, 'maxAmount', 'Maximum amount');
    if (minAmountMinor !== null && maxAmountMinor !== null && minAmountMinor > maxAmountMinor) {
      throw badInput('maxAmount', 'The maximum amount must not be below the minimum');
    }
    return {
      matchText,
      categoryName,
      accountId: account?.id ?? null,
      currency,
      minAmountMinor,
      maxAmountMinor,
    };
  }

  private view(rule: CategoryRule, category: { id: number; name: string }): CategoryRuleView {
    const digits = rule.currency === null ? 0 : currencyDigits(rule.currency);
    return {
      id: rule.id,
      match: rule.matchText,
      category: category as CategoryRuleView['category'],
      accountId: rule.accountId,
      currency: rule.currency,
      minAmount: rule.minAmountMinor === null ? null : money(rule.minAmountMinor, digits),
      maxAmount: rule.maxAmountMinor === null ? null : money(rule.maxAmountMinor, digits),
    };
  }
}
