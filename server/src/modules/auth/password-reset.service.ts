import { createHash, randomBytes } from 'node:crypto';
import { MoreThan, type DataSource } from 'typeorm';
import { AppError } from '../../errors';
import { inTransaction } from '../../db/transaction';
import { hashPassword } from '../../lib/password';
import { requireNewPassword } from '../../lib/validate';
import { log } from '../../log';
import type { AuditService, RequestOrigin } from '../audit/audit.service';
import type { MailService } from '../mail/mail.service';
import type { RateLimitService } from '../rate-limits/rate-limit.service';
import { User } from '../users/user.entity';
import { normalizeLogin } from '../users/user.service';
import { PasswordReset } from './password-reset.entity';
import { Session } from './session.entity';

/** OWASP Forgot Password: a short-lived, single-use secret, hashed at rest. */
export const RESET_TTL_MS = 30 * 60 * 1000;
export const INVALID_RESET_LINK =
  'This reset link is invalid or has expired. Please ask for a new one.';

const hashResetToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class PasswordResetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly rateLimits: RateLimitService,
    private readonly appUrl: string,
    private readonly scryptLogN: number,
  ) {}

  /**
   * Starts a reset. Known and unknown addresses get the same answer after the same work (a
   * token is made and a row is written either way); the mail itself is sent after answering,
   * so its delay cannot tell them apart.
   */
  async request(rawEmail: unknown, origin: RequestOrigin): Promise<void> {
    await this.rateLimits.consume('resetRequestsPerAddress', origin.ip ?? 'unknown');
    const email = typeof rawEmail === 'string' ? normalizeLogin(rawEmail).slice(0, 254) : '';
    const token = randomBytes(32).toString('base64url');
    const link = `${this.appUrl}/reset_password/${token}`;
    const user = email
      ? await this.dataSource.getRepository(User).findOne({ where: { emailKey: email } })
      : null;
    await inTransaction(this.dataSource, async (manager) => {
      if (!user) {
        await this.audit.record('PASSWORD_RESET_REQUESTED', null, origin, undefined, manager);
        return;
      }
      // A newer request voids the older links.
      await manager.delete(PasswordReset, { userId: user.id });
      const now = new Date();
      await manager.insert(PasswordReset, {
        userId: user.id,
        tokenHash: hashResetToken(token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + RESET_TTL_MS),
      });
      await this.audit.record('PASSWORD_RESET_REQUESTED', user.id, origin, undefined, manager);
    });
    if (!user) return;
    const mail = {
      to: user.email,
      subject: 'Reset your password',
      text:
        `Hello ${user.firstname},\n\nSomeone, hopefully you, asked to reset the password of your ` +
        `Personal Finance account. Open this link within 30 minutes to choose a new one:\n\n${link}\n\n` +
        `If it was not you, ignore this message: your password stays as it is.\n`,
    };
    this.mail.send(mail).then(
      () => {
        // The development outbox has no inbox to read: the link is logged for the local user.
        if (this.mail.usesOutbox) log('info', 'Password reset link (development outbox)', { link });
      },
      (error: unknown) => log('error', 'Could not send the password reset mail', { error }),
    );
  }

  /** Sets the new password, ends every session of the account, and voids the link. */
  async reset(rawToken: unknown, rawPassword: unknown, origin: RequestOrigin): Promise<void> {
    const password = requireNewPassword(rawPassword, 'password');
    const token =
      typeof rawToken === 'string' && /^[A-Za-z0-9_-]{43}$/.test(rawToken) ? rawToken : null;
    const reset = token
      ? await this.dataSource.getRepository(PasswordReset).findOne({
          where: { tokenHash: hashResetToken(token), expiresAt: MoreThan(new Date()) },
        })
      : null;
    if (!reset) throw new AppError('BAD_USER_INPUT', INVALID_RESET_LINK, 'token');
    const passwordHash = await hashPassword(password, this.scryptLogN);
    await inTransaction(this.dataSource, async (manager) => {
      // Deleting the row is what makes the link single-use: a second use finds nothing.
      const deleted = await manager.delete(PasswordReset, { id: reset.id });
      if (!deleted.affected) throw new AppError('BAD_USER_INPUT', INVALID_RESET_LINK, 'token');
      await manager.update(User, { id: reset.userId }, { passwordHash, updatedAt: new Date() });
      await manager.delete(Session, { userId: reset.userId });
      await this.audit.record('PASSWORD_RESET_COMPLETED', reset.userId, origin, undefined, manager);
    });
  }
}
