import type { DataSource, EntityManager } from 'typeorm';
import { badInput } from '../../errors';
import { AuditEvent } from './audit-event.entity';

export type AuditType =
  | 'LOGIN_SUCCEEDED'
  | 'LOGIN_FAILED'
  | 'PASSWORD_RESET_REQUESTED'
  | 'PASSWORD_RESET_COMPLETED'
  | 'PASSWORD_CHANGED'
  | 'TOKEN_CREATED'
  | 'TOKEN_REVOKED'
  | 'TWO_FACTOR_ENABLED'
  | 'TWO_FACTOR_DISABLED'
  | 'RECOVERY_CODE_USED';

/** Where a request came from, as the audit log records it. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

export const UNKNOWN_ORIGIN: RequestOrigin = { ip: null, userAgent: null };

const clip = (text: string | null | undefined, length: number) =>
  text == null ? null : [...text].slice(0, length).join('');

export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async record(
    type: AuditType,
    userId: number | null,
    origin: RequestOrigin,
    detail?: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.insert(AuditEvent, {
      type,
      userId,
      ip: clip(origin.ip, 64),
      userAgent: clip(origin.userAgent, 200),
      detail: clip(detail, 200),
      createdAt: new Date(),
    });
  }

  /** The user's own recent security events, newest first. */
  recent(userId: number, limit: unknown): Promise<AuditEvent[]> {
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw badInput('limit', 'limit must be a whole number from 1 to 100');
    }
    return this.dataSource.getRepository(AuditEvent).find({
      where: { userId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }
}
