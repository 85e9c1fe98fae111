import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { IsNull, type DataSource } from 'typeorm';
import { AppError, badInput, notFound } from '../../errors';
import { inTransaction } from '../../db/transaction';
import { today } from '../../lib/dates';
import { parseId } from '../../lib/ids';
import { requireDay, requireText } from '../../lib/validate';
import type { AuditService, RequestOrigin } from '../audit/audit.service';
import type { User } from '../users/user.entity';
import { ApiToken, TokenScope } from './api-token.entity';

/** A prefix makes a leaked token recognisable to secret scanners and to people. */
const TOKEN_PREFIX = 'pft_';
const TOKEN_FORMAT = /^pft_[A-Za-z0-9_-]{43}$/;
/** lastUsedAt is written at most this often, so that reads do not each cost a write. */
const LAST_USED_INTERVAL_MS = 60_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest();

export class TokenService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(
    user: User,
    rawName: unknown,
    scope: TokenScope,
    rawExpiresAt: unknown,
    origin: RequestOrigin,
  ): Promise<{ token: string; apiToken: ApiToken }> {
    const name = requireText(rawName, 'name', 'Name', 100);
    if (scope !== TokenScope.READ && scope !== TokenScope.WRITE) {
      throw badInput('scope', 'Scope must be READ or WRITE');
    }
    let expiresAt: Date | null = null;
    if (rawExpiresAt != null) {
      const day = requireDay(rawExpiresAt, 'expiresAt', 'Expiry');
      if (day < today()) throw badInput('expiresAt', 'Expiry must be today or later');
      // Valid through the whole of that day, UTC.
      expiresAt = new Date(Date.parse(`${day}T00:00:00Z`) + 24 * 60 * 60 * 1000);
    }
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const apiToken = await inTransaction(this.dataSource, async (manager) => {
      const created = manager.create(ApiToken, {
        userId: user.id,
        name,
        scope,
        tokenHash: hashToken(token).toString('hex'),
        createdAt: new Date(),
        lastUsedAt: null,
        expiresAt,
        revokedAt: null,
      });
      await manager.insert(ApiToken, created);
      await this.audit.record('TOKEN_CREATED', user.id, origin, name, manager);
      return created;
    });
    return { token, apiToken };
  }

  /** The user's tokens that still work, newest first. */
  list(userId: number): Promise<ApiToken[]> {
    return this.dataSource.getRepository(ApiToken).find({
      where: { userId, revokedAt: IsNull() },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  revoke(userId: number, id: string, origin: RequestOrigin): Promise<boolean> {
    return inTransaction(this.dataSource, async (manager) => {
      const numericId = parseId(id);
      const token =
        numericId === null
          ? null
          : await manager.findOne(ApiToken, {
              where: { id: numericId, userId, revokedAt: IsNull() },
            });
      if (!token) throw notFound('API token');
      await manager.update(ApiToken, { id: token.id }, { revokedAt: new Date() });
      await this.audit.record('TOKEN_REVOKED', userId, origin, token.name, manager);
      return true;
    });
  }

  /**
   * The live token a bearer secret names. The lookup is by the secret's SHA-256, through a
   * unique index, and the stored hash is compared in constant time: nothing about how far a
   * guess matched leaks through timing. Unknown, revoked and expired tokens are all refused.
   */
  async authenticate(secret: string): Promise<ApiToken> {
    const refused = new AppError('UNAUTHENTICATED', 'This API token is not valid');
    if (!TOKEN_FORMAT.test(secret)) throw refused;
    const hash = hashToken(secret);
    const token = await this.dataSource
      .getRepository(ApiToken)
      .findOne({ where: { tokenHash: hash.toString('hex') } });
    if (!token || !timingSafeEqual(Buffer.from(token.tokenHash, 'hex'), hash)) throw refused;
    const now = Date.now();
    if (token.revokedAt || (token.expiresAt && token.expiresAt.getTime() <= now)) throw refused;
    if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > LAST_USED_INTERVAL_MS) {
      token.lastUsedAt = new Date(now);
      await inTransaction(this.dataSource, (manager) =>
        manager.update(ApiToken, { id: token.id }, { lastUsedAt: token.lastUsedAt }),
      );
    }
    return token;
  }
}
