import { IsNull, Not, type DataSource } from 'typeorm';
import { badInput } from '../../errors';
import type { CategoryService } from '../categories/category.service';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import type { RowLabel, RowSelection } from '../ledger/row-selection';
import type { Transaction } from '../ledger/transaction.entity';
import type { TransactionQueryService } from '../ledger/transaction-query.service';
import type { SettingsService } from '../settings/settings.service';
import { TaxMark } from './tax-mark.entity';

export const STANDARD_TAX_CATEGORIES = [
  'charity',
  'medical',
  'business',
  'home office',
  'education',
] as const;
const TAX_CATEGORY_MAX = 50;
/** The key of a report's row of expenses that are not deductible: no tax category may take it. */
export const NOT_DEDUCTIBLE = 'Not deductible';

/** A tax category as the user wrote it, trimmed; the standard ones in their standard spelling. */
export function requireTaxCategory(raw: string): string {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text === '' || text.length > TAX_CATEGORY_MAX) {
    throw badInput('taxCategory', `A tax category of 1 to ${TAX_CATEGORY_MAX} characters`);
  }
  if (text.toLowerCase() === NOT_DEDUCTIBLE.toLowerCase()) {
    throw badInput('taxCategory', `"${NOT_DEDUCTIBLE}" cannot be a tax category`);
  }
  const standard = STANDARD_TAX_CATEGORIES.find((c) => c === text.toLowerCase());
  return standard ?? text;
}

export interface TaxPeriod {
  /** "2024" for a calendar year, "2024/25" for one starting later in 2024. */
  label: string;
  from: string;
  to: string;
}

/** The tax year that starts in `year` on `start` (MM-DD), to the day before the next start. */
export function taxPeriod(year: number, start: string): TaxPeriod {
  if (!Number.isInteger(year) || year < 1900 || year > 2999) {
    throw badInput('year', 'A year from 1900 to 2999');
  }
  const from = `${year}-${start}`;
  const next = new Date(`${year + 1}-${start}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() - 1);
  const to = next.toISOString().slice(0, 10);
  const label =
    start === '01-01' ? String(year) : `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
  return { label, from, to };
}

export interface TaxDeduction {
  taxCategory: string;
  transaction: Transaction;
}

export interface TaxSummaryData extends TaxPeriod {
  /** Per tax category, by name; amounts in the reporting currency's minor units. */
  rows: { taxCategory: string; totalMinor: bigint; count: number }[];
  totalMinor: bigint;
  deductions: TaxDeduction[];
}

/** Tax marks, the tax year and the annual summary. */
export class TaxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactionQueries: TransactionQueryService,
    private readonly categories: CategoryService,
    private readonly settings: SettingsService,
  ) {}

  /** Marks one transaction (null: removes its own mark; its category's mark still applies). */
  async markTransaction(
    scope: LedgerScope,
    transactionId: string,
    taxCategory: string | null,
  ): Promise<Transaction> {
    const transaction = await this.transactionQueries.get(scope.ledgerId, transactionId);
    await this.setMark(scope.ledgerId, { transactionId: transaction.id }, taxCategory);
    return transaction;
  }

  /** Marks every expense of a category (null: removes the mark). */
  async markCategory(scope: LedgerScope, categoryId: string, taxCategory: string | null) {
    const category = await this.categories.get(scope.ledgerId, categoryId);
    await this.setMark(scope.ledgerId, { categoryId: category.id }, taxCategory);
  }

  private async setMark(
    ledgerId: number,
    target: { transactionId: number } | { categoryId: number },
    raw: string | null,
  ): Promise<void> {
    const repo = this.dataSource.getRepository(TaxMark);
    const where = { ledgerId, ...target };
    if (raw === null) {
      await repo.delete(where);
      return;
    }
    const taxCategory = requireTaxCategory(raw);
    const existing = await repo.findOne({ where });
    if (existing) {
      await repo.update({ id: existing.id }, { taxCategory });
      return;
    }
    await repo.insert({
      transactionId: null,
      categoryId: null,
      ...where,
      taxCategory,
      createdAt: new Date(),
    });
  }

  /** Every mark of a ledger; marks are few (one per category or hand-marked transaction). */
  async marks(ledgerId: number): Promise<{
    byCategory: Map<number, string>;
    byTransaction: Map<number, string>;
  }> {
    const rows = await this.dataSource.getRepository(TaxMark).find({ where: { ledgerId } });
    const byCategory = new Map<number, string>();
    const byTransaction = new Map<number, string>();
    for (const row of rows) {
      if (row.categoryId !== null) byCategory.set(row.categoryId, row.taxCategory);
      if (row.transactionId !== null) byTransaction.set(row.transactionId, row.taxCategory);
    }
    return { byCategory, byTransaction };
  }

  /**
   * The marks as the ledger's reads take them: one label per tax category (a transaction's own
   * mark before its category's) and the selection of every deductible expense.
   */
  async reportMarks(ledgerId: number): Promise<{ labels: RowLabel[]; deductible: RowSelection }> {
    const { byCategory, byTransaction } = await this.marks(ledgerId);
    const labels = new Map<string, RowLabel>();
    const label = (key: string) => {
      const found = labels.get(key) ?? { key, ids: [], categoryIds: [] };
      labels.set(key, found);
      return found;
    };
    for (const [id, taxCategory] of byTransaction) label(taxCategory).ids.push(id);
    for (const [id, taxCategory] of byCategory) label(taxCategory).categoryIds.push(id);
    return {
      labels: [...labels.values()],
      deductible: { ids: [...byTransaction.keys()], categoryIds: [...byCategory.keys()] },
    };
  }

  /**
   * The transactions deductible under `taxCategory` (any when absent), or with `deductible`
   * false the ones that are not: for the transactions list's filter.
   */
  async selection(
    ledgerId: number,
    filter: { taxCategory?: string | null; deductible?: boolean | null },
  ): Promise<RowSelection> {
    const { byCategory, byTransaction } = await this.marks(ledgerId);
    if (filter.taxCategory == null) {
      return {
        ids: [...byTransaction.keys()],
        categoryIds: [...byCategory.keys()],
        negate: filter.deductible === false,
      };
    }
    const wanted = requireTaxCategory(filter.taxCategory);
    const ids: number[] = [];
    const exceptIds: number[] = [];
    for (const [id, taxCategory] of byTransaction) {
      (taxCategory === wanted ? ids : exceptIds).push(id);
    }
    const categoryIds = [...byCategory].filter(([, c]) => c === wanted).map(([id]) => id);
    return { ids, categoryIds, exceptIds, negate: filter.deductible === false };
  }

  /** The marked categories of a ledger, by name. */
  async categoryMarks(ledgerId: number) {
    const rows = await this.dataSource.getRepository(TaxMark).find({
      where: { ledgerId, categoryId: Not(IsNull()) },
    });
    const categories = new Map(
      (await this.categories.list(ledgerId, true)).map((c) => [c.id, c] as const),
    );
    return rows
      .map((row) => ({
        category: categories.get(row.categoryId as number),
        taxCategory: row.taxCategory,
      }))
      .filter((m): m is { category: NonNullable<typeof m.category>; taxCategory: string } =>
        Boolean(m.category),
      )
      .sort((a, b) => a.category.name.localeCompare(b.category.name));
  }

  /** The standard tax categories and the user's own, for choosing. */
  async taxCategories(ledgerId: number): Promise<string[]> {
    const rows = await this.dataSource.getRepository(TaxMark).find({
      select: { taxCategory: true },
      where: { ledgerId },
    });
    const own = [...new Set(rows.map((r) => r.taxCategory))]
      .filter((c) => !(STANDARD_TAX_CATEGORIES as readonly string[]).includes(c))
      .sort();
    return [...STANDARD_TAX_CATEGORIES, ...own];
  }

  async period(userId: number, year: number): Promise<TaxPeriod> {
    const settings = await this.settings.get(userId);
    return taxPeriod(year, settings.taxYearStart ?? '01-01');
  }

  /** The year's deductible expenses per tax category: a transaction's own mark wins. */
  async summary(scope: LedgerScope, year: number): Promise<TaxSummaryData> {
    const period = await this.period(scope.user.id, year);
    const { byCategory, byTransaction } = await this.marks(scope.ledgerId);
    const transactions = await this.transactionQueries.expensesInCategoriesOrIds(scope.ledgerId, {
      from: period.from,
      to: period.to,
      categoryIds: [...byCategory.keys()],
      ids: [...byTransaction.keys()],
    });
    const deductions: TaxDeduction[] = [];
    const totals = new Map<string, { totalMinor: bigint; count: number }>();
    let totalMinor = 0n;
    for (const transaction of transactions) {
      const taxCategory =
        byTransaction.get(transaction.id) ??
        (transaction.categoryId === null ? undefined : byCategory.get(transaction.categoryId));
      if (taxCategory === undefined) continue;
      deductions.push({ taxCategory, transaction });
      const row = totals.get(taxCategory) ?? { totalMinor: 0n, count: 0 };
      row.totalMinor += BigInt(transaction.reportingAmountMinor);
      row.count++;
      totals.set(taxCategory, row);
      totalMinor += BigInt(transaction.reportingAmountMinor);
    }
    const rows = [...totals]
      .map(([taxCategory, row]) => ({ taxCategory, ...row }))
      .sort((a, b) => a.taxCategory.localeCompare(b.taxCategory));
    return { ...period, rows, totalMinor, deductions };
  }
}
