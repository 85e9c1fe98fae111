import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { badInput, notFound } from '../../errors';
import { inTransaction } from '../../db/transaction';
import { monthRange } from '../../lib/dates';
import { parseId } from '../../lib/ids';
import { requireAmount, requireDay, requireMonth, requireText } from '../../lib/validate';
import {
  categoryKey,
  requireCategoryName,
  type CategoryService,
} from '../categories/category.service';
import { Category } from '../categories/category.entity';
import type { User } from '../users/user.entity';
import { currencyDigits } from '../../lib/currencies';
import { Expense } from './expense.entity';

export interface ExpenseFields {
  description: unknown;
  amount: unknown;
  category: unknown;
  date: unknown;
}

export interface ExpenseFilterFields {
  month?: unknown;
  from?: unknown;
  to?: unknown;
  category?: unknown;
  search?: unknown;
}

export interface ExpensePage {
  nodes: Expense[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

export const DESCRIPTION_MAX = 200;
export const PAGE_SIZE_MAX = 200;

/** A cursor names the last row seen by its (date, id): stable however many rows share a date. */
function encodeCursor(expense: Expense): string {
  return Buffer.from(JSON.stringify([expense.date, expense.id])).toString('base64url');
}

function decodeCursor(cursor: unknown): { date: string; id: number } {
  try {
    const [date, id] = JSON.parse(
      Buffer.from(String(cursor), 'base64url').toString('utf8'),
    ) as unknown[];
    if (typeof date === 'string' && typeof id === 'number' && Number.isSafeInteger(id)) {
      return { date: requireDay(date, 'after'), id };
    }
  } catch {
    // fall through to the one message for every malformed cursor
  }
  throw badInput('after', 'Cursor is not one this API gave out');
}

/** LIKE with "!" as the escape character, which means the same on SQLite and MySQL. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

export class ExpenseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly categories: CategoryService,
  ) {}

  private validate(user: User, fields: ExpenseFields) {
    return {
      description: requireText(fields.description, 'description', 'Description', DESCRIPTION_MAX),
      amountMinor: Number(
        requireAmount(fields.amount, 'amount', 'Amount', currencyDigits(user.currency), 'positive'),
      ),
      categoryName: requireCategoryName(fields.category),
      date: requireDay(fields.date, 'date'),
    };
  }

  /** Adds an expense; a category name the user does not have yet is created with it. */
  add(user: User, fields: ExpenseFields): Promise<Expense> {
    const { categoryName, ...values } = this.validate(user, fields);
    return inTransaction(this.dataSource, async (manager) => {
      const category = await this.categories.findOrCreate(user.id, categoryName, manager);
      const now = new Date();
      const expense = manager.create(Expense, {
        ...values,
        userId: user.id,
        categoryId: category.id,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(Expense, expense);
      expense.category = category;
      return expense;
    });
  }

  update(user: User, id: string, fields: ExpenseFields): Promise<Expense> {
    const { categoryName, ...values } = this.validate(user, fields);
    return inTransaction(this.dataSource, async (manager) => {
      const expense = await this.getForUpdate(user.id, id, manager);
      const category = await this.categories.findOrCreate(user.id, categoryName, manager);
      Object.assign(expense, values, { categoryId: category.id, updatedAt: new Date() });
      await manager.update(
        Expense,
        { id: expense.id, userId: user.id },
        { ...values, categoryId: category.id, updatedAt: expense.updatedAt },
      );
      expense.category = category;
      return expense;
    });
  }

  delete(userId: number, id: string): Promise<boolean> {
    return inTransaction(this.dataSource, async (manager) => {
      const expense = await this.getForUpdate(userId, id, manager);
      await manager.delete(Expense, { id: expense.id, userId });
      return true;
    });
  }

  async get(userId: number, id: string): Promise<Expense> {
    const numericId = parseId(id);
    const expense =
      numericId === null
        ? null
        : await this.dataSource.getRepository(Expense).findOne({
            where: { id: numericId, userId },
            relations: { category: true },
          });
    if (!expense) throw notFound('Expense');
    return expense;
  }

  /** The newest-first list, filtered, one page at a time. */
  async list(
    userId: number,
    filter: ExpenseFilterFields = {},
    first: unknown = 50,
    after?: unknown,
  ): Promise<ExpensePage> {
    if (
      typeof first !== 'number' ||
      !Number.isInteger(first) ||
      first < 1 ||
      first > PAGE_SIZE_MAX
    ) {
      throw badInput('first', `first must be a whole number from 1 to ${PAGE_SIZE_MAX}`);
    }
    const cursor = after === undefined || after === null ? null : decodeCursor(after);
    const query = await this.filtered(userId, filter);
    if (!query) return { nodes: [], totalCount: 0, hasNextPage: false, endCursor: null };
    const [totalCount, page] = await Promise.all([
      query.clone().getCount(),
      this.page(query, first, cursor),
    ]);
    return { totalCount, ...page };
  }

  /** The user's most recent expenses, newest first; unlike `list`, nothing is counted. */
  async recent(userId: number, limit: unknown): Promise<Expense[]> {
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw badInput('limit', 'limit must be a whole number from 1 to 100');
    }
    const query = this.dataSource
      .getRepository(Expense)
      .createQueryBuilder('e')
      .where('e.userId = :userId', { userId });
    return (await this.page(query, limit, null)).nodes;
  }

  /** One page after `cursor`, in the (date, id) order the index keeps: newest first. */
  private async page(
    query: SelectQueryBuilder<Expense>,
    first: number,
    cursor: { date: string; id: number } | null,
  ): Promise<Omit<ExpensePage, 'totalCount'>> {
    if (cursor) {
      query.andWhere('(e.date < :cursorDate OR (e.date = :cursorDate AND e.id < :cursorId))', {
        cursorDate: cursor.date,
        cursorId: cursor.id,
      });
    }
    const rows = await query
      .innerJoinAndSelect('e.category', 'category')
      .orderBy('e.date', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(first + 1)
      .getMany();
    const nodes = rows.slice(0, first);
    return {
      nodes,
      hasNextPage: rows.length > first,
      endCursor: nodes.length > 0 ? encodeCursor(nodes[nodes.length - 1]) : null,
    };
  }

  /** Null when the filter names a category the user does not have: nothing can match. */
  private async filtered(
    userId: number,
    filter: ExpenseFilterFields,
  ): Promise<SelectQueryBuilder<Expense> | null> {
    const query = this.dataSource
      .getRepository(Expense)
      .createQueryBuilder('e')
      .where('e.userId = :userId', { userId });
    if (filter.month != null) {
      const { start, last } = monthRange(requireMonth(filter.month, 'month'));
      query.andWhere('e.date >= :monthStart AND e.date <= :monthLast', {
        monthStart: start,
        monthLast: last,
      });
    }
    if (filter.from != null)
      query.andWhere('e.date >= :from', { from: requireDay(filter.from, 'from') });
    if (filter.to != null) query.andWhere('e.date <= :to', { to: requireDay(filter.to, 'to') });
    if (filter.category != null && filter.category !== '') {
      const nameKey = categoryKey(requireCategoryName(filter.category));
      const category = await this.dataSource
        .getRepository(Category)
        .findOne({ where: { userId, nameKey }, select: { id: true } });
      if (!category) return null;
      query.andWhere('e.categoryId = :categoryId', { categoryId: category.id });
    }
    if (filter.search != null && filter.search !== '') {
      const search = requireText(filter.search, 'search', 'Search', DESCRIPTION_MAX);
      query.andWhere("LOWER(e.description) LIKE :search ESCAPE '!'", {
        search: likePattern(search),
      });
    }
    return query;
  }

  private async getForUpdate(userId: number, id: string, manager: EntityManager): Promise<Expense> {
    const numericId = parseId(id);
    const expense =
      numericId === null
        ? null
        : await manager.findOne(Expense, { where: { id: numericId, userId } });
    if (!expense) throw notFound('Expense');
    return expense;
  }
}
