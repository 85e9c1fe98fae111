import { IsNull, LessThan, In, type DataSource, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../db/transaction';
import { badInput } from '../../errors';
import { parseId } from '../../lib/ids';
import { Notification } from './notification.entity';

export interface NewNotification {
  userId: number;
  key: string;
  kind: 'REMINDER' | 'POSTED' | 'GOAL' | 'WEBHOOK';
  title: string;
  body: string;
}

export const NOTIFICATIONS_PAGE_MAX = 100;

/** In-app notifications; each (user, key) is written once, whoever writes it first. */
export class NotificationService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes the notification inside the caller's transaction unless it exists. Answers whether
   * it was new: the caller sends its mail only then.
   */
  async add(notification: NewNotification, manager: EntityManager): Promise<boolean> {
    try {
      await manager.insert(Notification, {
        ...notification,
        title: notification.title.slice(0, 200),
        body: notification.body.slice(0, 500),
        readAt: null,
        createdAt: new Date(),
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Newest first; `after` is the id of the last one seen. */
  async list(
    userId: number,
    first = 20,
    after?: string | null,
  ): Promise<{ nodes: Notification[]; totalCount: number; hasNextPage: boolean }> {
    if (!Number.isInteger(first) || first < 1 || first > NOTIFICATIONS_PAGE_MAX) {
      throw badInput('first', `first must be 1 to ${NOTIFICATIONS_PAGE_MAX}`);
    }
    const cursor = after ? parseId(after) : null;
    if (after && cursor === null) throw badInput('after', 'Not a cursor of this list');
    const repo = this.dataSource.getRepository(Notification);
    const [rows, totalCount] = await Promise.all([
      repo.find({
        where: { userId, ...(cursor !== null ? { id: LessThan(cursor) } : {}) },
        order: { id: 'DESC' },
        take: first + 1,
      }),
      repo.count({ where: { userId } }),
    ]);
    return { nodes: rows.slice(0, first), totalCount, hasNextPage: rows.length > first };
  }

  unreadCount(userId: number): Promise<number> {
    return this.dataSource
      .getRepository(Notification)
      .count({ where: { userId, readAt: IsNull() } });
  }

  /** Marks the given notifications (all when `ids` is null) read; answers how many changed. */
  async markRead(userId: number, ids: string[] | null): Promise<number> {
    const numeric = ids?.map((id) => parseId(id)).filter((id): id is number => id !== null);
    const result = await this.dataSource.getRepository(Notification).update(
      {
        userId,
        readAt: IsNull(),
        ...(numeric ? { id: In(numeric.length > 0 ? numeric : [0]) } : {}),
      },
      { readAt: new Date() },
    );
    return result.affected ?? 0;
  }
}
