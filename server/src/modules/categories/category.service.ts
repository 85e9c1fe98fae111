import type { DataSource, EntityManager } from 'typeorm';
import { badInput, notFound } from '../../errors';
import { inTransaction, isForeignKeyViolation, isUniqueViolation } from '../../db/transaction';
import { parseId } from '../../lib/ids';
import { characterCount, requireText } from '../../lib/validate';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import type { LedgerTotalsService } from '../ledger/ledger-totals.service';
import { Category } from './category.entity';

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
        createdAt: now,
      })),
    );
  }

  list(ledgerId: number): Promise<Category[]> {
    return this.dataSource
      .getRepository(Category)
      .find({ where: { ledgerId }, order: { nameKey: 'ASC' } });
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
    const category = manager.create(Category, {
      ledgerId,
      userId,
      name,
      nameKey,
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
      'SELECT id, ledgerId, userId, name, nameKey, createdAt FROM categories ' +
        'WHERE ledgerId = ? AND nameKey = ? LOCK IN SHARE MODE',
      [ledgerId, nameKey],
    );
    if (rows.length !== 1) throw new Error(`Category ${nameKey} vanished after a duplicate key`);
    return manager.create(Category, rows[0]);
  }

  create(scope: LedgerScope, rawName: unknown): Promise<Category> {
    const name = requireCategoryName(rawName, 'name');
    return this.writeName(async (manager) => {
      const category = manager.create(Category, {
        ledgerId: scope.ledgerId,
        userId: scope.user.id,
        name,
        nameKey: categoryKey(name),
        createdAt: new Date(),
      });
      await manager.insert(Category, category);
      return category;
    });
  }

  rename(scope: LedgerScope, id: string, rawName: unknown): Promise<Category> {
    const name = requireCategoryName(rawName, 'name');
    return this.writeName(async (manager) => {
      const category = await this.get(scope.ledgerId, id, manager);
      category.name = name;
      category.nameKey = categoryKey(name);
      await manager.save(category);
      return category;
    });
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
