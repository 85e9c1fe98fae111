import { In, type DataSource, type EntityManager } from 'typeorm';
import { badInput, notFound } from '../../errors';
import { inTransaction, isForeignKeyViolation, isUniqueViolation } from '../../db/transaction';
import { parseId } from '../../lib/ids';
import { characterCount, requireText } from '../../lib/validate';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import type { LedgerTotalsService } from '../ledger/ledger-totals.service';
import { CategoryAlias } from './category-alias.entity';
import { Category } from './category.entity';

/** How much a category is used, from the ledger's month totals. */
export interface CategoryUsage {
  category: Category;
  transactionCount: number;
  /** The latest month with a transaction in it; null when unused. */
  lastUsedMonth: string | null;
}

/**
 * The id of the ledger's category of that name, or of the one that carried it before a rename or
 * a merge (its alias), ignoring case; null when neither exists. Plain SQL for the ledger's
 * filters, which may run on a read replica.
 */
export async function findCategoryIdByName(
  db: { query(sql: string, params?: unknown[]): Promise<unknown> },
  ledgerId: number,
  name: string,
): Promise<number | null> {
  const nameKey = categoryKey(name);
  // Two lookups on their unique indexes rather than one UNION: MySQL sorts a UNION's rows in a
  // temporary table, a plan the EXPLAIN test rightly reads as a scan.
  const own = (await db.query('SELECT id FROM categories WHERE ledgerId = ? AND nameKey = ?', [
    ledgerId,
    nameKey,
  ])) as { id: number | string }[];
  if (own.length > 0) return Number(own[0].id);
  const alias = (await db.query(
    'SELECT categoryId AS id FROM category_aliases WHERE ledgerId = ? AND nameKey = ?',
    [ledgerId, nameKey],
  )) as { id: number | string }[];
  return alias.length === 0 ? null : Number(alias[0].id);
}

/** The original application's categories, created for every new user. */
export const DEFAULT_CATEGORIES = [
  'Food',
  'Transport',
  'Utilities',
  'Entertainment',
  'Health',
  'KidToys',
  'KidEducation',
  'KidClothing',
  'KidFood',
  'KidHealth',
  'KidTransport',
  'KidUtilities',
  'KidEntertainment',
  'KidOthers',
  'CreditCardBill',
  'Loan',
  'Insurance',
  'Rent',
  'Mortgage',
  'Clothing',
  'Shopping',
  'Others',
];

export const CATEGORY_NAME_MAX = 50;

export function categoryKey(name: string): string {
  return name.toLowerCase();
}

export function requireCategoryName(value: unknown, field = 'category'): string {
  const name = requireText(value, field, 'Category', CATEGORY_NAME_MAX);
  // The key column is as long as the name's, but lower case can be longer than the name
  // ("İ" becomes "i" and a combining dot): such a key would not fit, so refuse it here.
  if (characterCount(categoryKey(name)) > CATEGORY_NAME_MAX) {
    throw badInput(field, `Category must be at most ${CATEGORY_NAME_MAX} characters`);
  }
  return name;
}

const stillUsed = () =>
  badInput('id', 'This category still has expenses; move or delete them first');

export class CategoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledgerTotals: LedgerTotalsService,
  ) {}

  async createDefaults(ledgerId: number, userId: number, manager: EntityManager): Promise<void> {
    const now = new Date();
    await manager.insert(
      Category,
      DEFAULT_CATEGORIES.map((name) => ({
        ledgerId,
        userId,
        name,
        nameKey: categoryKey(name),
        hidden: false,
        createdAt: now,
      })),
    );
  }

  /** By name; hidden ones only when asked for (pickers leave them out). */
  list(ledgerId: number, includeHidden = false): Promise<Category[]> {
    return this.dataSource.getRepository(Category).find({
      where: includeHidden ? { ledgerId } : { ledgerId, hidden: false },
      order: { nameKey: 'ASC' },
    });
  }

  /** Every category of the ledger, hidden ones too, with its use; by name. */
  async usage(ledgerId: number): Promise<CategoryUsage[]> {
    const [categories, used] = await Promise.all([
      this.list(ledgerId, true),
      this.ledgerTotals.categoryUsage(ledgerId),
    ]);
    const byId = new Map(used.map((u) => [u.categoryId, u]));
    return categories.map((category) => ({
      category,
      transactionCount: byId.get(category.id)?.transactionCount ?? 0,
      lastUsedMonth: byId.get(category.id)?.lastMonth ?? null,
    }));
  }

  /** The category of that name or old name (alias), ignoring case; null when there is none. */
  async findByName(ledgerId: number, rawName: unknown): Promise<Category | null> {
    const id = await findCategoryIdByName(
      this.dataSource,
      ledgerId,
      requireCategoryName(rawName, 'name'),
    );
    if (id === null) return null;
    return this.dataSource.getRepository(Category).findOne({ where: { id, ledgerId } });
  }

  /** The ledger's category ids by lower-cased name, read inside the caller's transaction. */
  async idsByKey(ledgerId: number, manager: EntityManager): Promise<Map<string, number>> {
    const rows = await manager.find(Category, {
      where: { ledgerId },
      select: { id: true, nameKey: true },
    });
    return new Map(rows.map((row) => [row.nameKey, row.id]));
  }

  /** Whether each id's category is hidden (ids of other ledgers' categories are left out). */
  async hiddenByIds(ids: number[]): Promise<Map<number, boolean>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(Category)
      .find({ where: { id: In(ids) }, select: { id: true, hidden: true } });
    return new Map(rows.map((row) => [row.id, row.hidden]));
  }

  async get(ledgerId: number, id: string | number, manager?: EntityManager): Promise<Category> {
    const numericId = parseId(id);
    const category =
      numericId === null
        ? null
        : await (manager ?? this.dataSource.manager).findOne(Category, {
            where: { id: numericId, ledgerId },
          });
    if (!category) throw notFound('Category');
    return category;
  }

  /** The ledger's category of that name, ignoring case; created (by `userId`) when there is none. */
  async findOrCreate(
    ledgerId: number,
    name: string,
    manager: EntityManager,
    userId: number,
  ): Promise<Category> {
    const nameKey = categoryKey(name);
    const existing = await manager.findOne(Category, { where: { ledgerId, nameKey } });
    if (existing) return existing;
    // A name the category had before a rename or a merge: scripts keep writing it.
    const alias = await manager.findOne(CategoryAlias, { where: { ledgerId, nameKey } });
    if (alias) {
      const aliased = await manager.findOne(Category, {
        where: { id: alias.categoryId, ledgerId },
      });
      if (aliased) return aliased;
    }
    const category = manager.create(Category, {
      ledgerId,
      userId,
      name,
      nameKey,
      hidden: false,
      createdAt: new Date(),
    });
    try {
      await manager.insert(Category, category);
      return category;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    // A concurrent request created it first. InnoDB refused only our statement, but this
    // transaction's snapshot predates that row: only a locking read sees the committed one.
    // Shared, as the duplicate check already holds: two of these cannot deadlock. Written out
    // because TypeORM says FOR SHARE, which MariaDB does not know.
    if (manager.connection.options.type !== 'mysql') {
      return manager.findOneOrFail(Category, { where: { ledgerId, nameKey } });
    }
    const rows: Partial<Category>[] = await manager.query(
      'SELECT id, ledgerId, userId, name, nameKey, hidden, createdAt FROM categories ' +
        'WHERE ledgerId = ? AND nameKey = ? LOCK IN SHARE MODE',
      [ledgerId, nameKey],
    );
    if (rows.length !== 1) throw new Error(`Category ${nameKey} vanished after a duplicate key`);
    return manager.create(Category, { ...rows[0], hidden: Boolean(Number(rows[0].hidden)) });
  }

  create(scope: LedgerScope, rawName: unknown): Promise<Category> {
    const name = requireCategoryName(rawName, 'name');
    return this.writeName(async (manager) => {
      const category = manager.create(Category, {
        ledgerId: scope.ledgerId,
        userId: scope.user.id,
        name,
        nameKey: categoryKey(name),
        hidden: false,
        createdAt: new Date(),
      });
      // A new category named like an old name takes the name back from the alias.
      await manager.delete(CategoryAlias, { ledgerId: scope.ledgerId, nameKey: category.nameKey });
      await manager.insert(Category, category);
      return category;
    });
  }

  rename(scope: LedgerScope, id: string, rawName: unknown): Promise<Category> {
    const name = requireCategoryName(rawName, 'name');
    return this.writeName(async (manager) => {
      const category = await this.get(scope.ledgerId, id, manager);
      const oldKey = category.nameKey;
      category.name = name;
      category.nameKey = categoryKey(name);
      if (oldKey !== category.nameKey) {
        await manager.delete(CategoryAlias, {
          ledgerId: scope.ledgerId,
          nameKey: In([oldKey, category.nameKey]),
        });
        await this.addAlias(scope.ledgerId, oldKey, category.id, manager);
      }
      await manager.save(category);
      return category;
    });
  }

  async hide(scope: LedgerScope, id: string, hidden: boolean): Promise<Category> {
    return inTransaction(this.dataSource, async (manager) => {
      const category = await this.get(scope.ledgerId, id, manager);
      if (category.hidden !== hidden) {
        await manager.update(Category, { id: category.id, ledgerId: scope.ledgerId }, { hidden });
        category.hidden = hidden;
      }
      return category;
    });
  }

  private async addAlias(
    ledgerId: number,
    nameKey: string,
    categoryId: number,
    manager: EntityManager,
  ): Promise<void> {
    await manager.insert(CategoryAlias, { ledgerId, nameKey, categoryId, createdAt: new Date() });
  }

  /** A category still holding expenses is kept: deleting it would lose or orphan money. */
  async delete(scope: LedgerScope, id: string): Promise<boolean> {
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const category = await this.get(scope.ledgerId, id, manager);
        // Checked first rather than left to the foreign key alone: SQLite reports a RESTRICT
        // violation as SQLITE_CONSTRAINT_TRIGGER, not as a foreign-key error.
        if (await this.ledgerTotals.categoryInUse(category.id, manager)) {
          throw stillUsed();
        }
        await manager.delete(Category, { id: category.id, ledgerId: scope.ledgerId });
        return true;
      });
    } catch (error) {
      // An expense added meanwhile by a concurrent request (MySQL).
      if (isForeignKeyViolation(error)) throw stillUsed();
      throw error;
    }
  }

  private async writeName(work: (manager: EntityManager) => Promise<Category>): Promise<Category> {
    try {
      return await inTransaction(this.dataSource, work);
    } catch (error) {
      if (isUniqueViolation(error))
        throw badInput('name', 'A category with this name already exists');
      throw error;
    }
  }
}
