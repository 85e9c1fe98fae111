import type { DataSource, EntityManager } from 'typeorm';
import { badInput, notFound } from '../../errors';
import { inTransaction, isForeignKeyViolation, isUniqueViolation } from '../../db/transaction';
import { parseId } from '../../lib/ids';
import { requireText } from '../../lib/validate';
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
  return requireText(value, field, 'Category', CATEGORY_NAME_MAX);
}

export class CategoryService {
  constructor(private readonly dataSource: DataSource) {}

  async createDefaults(userId: number, manager: EntityManager): Promise<void> {
    const now = new Date();
    await manager.insert(
      Category,
      DEFAULT_CATEGORIES.map((name) => ({
        userId,
        name,
        nameKey: categoryKey(name),
        createdAt: now,
      })),
    );
  }

  list(userId: number): Promise<Category[]> {
    return this.dataSource
      .getRepository(Category)
      .find({ where: { userId }, order: { nameKey: 'ASC' } });
  }

  async get(userId: number, id: string | number, manager?: EntityManager): Promise<Category> {
    const numericId = parseId(id);
    const category =
      numericId === null
        ? null
        : await (manager ?? this.dataSource.manager).findOne(Category, {
            where: { id: numericId, userId },
          });
    if (!category) throw notFound('Category');
    return category;
  }

  /** The caller's category of that name, ignoring case; created when there is none. */
  async findOrCreate(userId: number, name: string, manager: EntityManager): Promise<Category> {
    const nameKey = categoryKey(name);
    const existing = await manager.findOne(Category, { where: { userId, nameKey } });
    if (existing) return existing;
    const category = manager.create(Category, { userId, name, nameKey, createdAt: new Date() });
    await manager.insert(Category, category);
    return category;
  }

  create(userId: number, rawName: unknown): Promise<Category> {
    const name = requireCategoryName(rawName, 'name');
    return this.writeName(async (manager) => {
      const category = manager.create(Category, {
        userId,
        name,
        nameKey: categoryKey(name),
        createdAt: new Date(),
      });
      await manager.insert(Category, category);
      return category;
    });
  }

  rename(userId: number, id: string, rawName: unknown): Promise<Category> {
    const name = requireCategoryName(rawName, 'name');
    return this.writeName(async (manager) => {
      const category = await this.get(userId, id, manager);
      category.name = name;
      category.nameKey = categoryKey(name);
      await manager.save(category);
      return category;
    });
  }

  /** A category still holding expenses is kept: deleting it would lose or orphan money. */
  async delete(userId: number, id: string): Promise<boolean> {
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const category = await this.get(userId, id, manager);
        await manager.delete(Category, { id: category.id, userId });
        return true;
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) {
        throw badInput('id', 'This category still has expenses; move or delete them first');
      }
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
