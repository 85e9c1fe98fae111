import { AppError, unauthenticated } from '../../errors';
import { hashPassword, needsRehash, verifyPassword } from '../../lib/password';
import { requireNewPassword } from '../../lib/validate';
import type { AuditService, RequestOrigin } from '../audit/audit.service';
import type { RateLimitService } from '../rate-limits/rate-limit.service';
import { twoFactorRequired, type TwoFactorService } from '../two-factor/two-factor.service';
import type { User } from '../users/user.entity';
import { normalizeLogin, type UserService } from '../users/user.service';
import type { SessionService } from './session.service';

export const INVALID_LOGIN = 'Invalid username or password';

export interface LoginAttempt {
  login: unknown;
  password: unknown;
  /** The authenticator or recovery code, for accounts with two-factor sign-in. */
  otp?: unknown;
}

export class AuthService {
  /** Verified against when the login names nobody, so both failures take the same time. */
  private readonly decoyHash: Promise<string>;

  constructor(
    private readonly users: UserService,
    private readonly sessions: SessionService,
    private readonly rateLimits: RateLimitService,
    private readonly twoFactor: TwoFactorService,
    private readonly audit: AuditService,
    private readonly scryptLogN: number,
  ) {
    this.decoyHash = hashPassword('decoy password, never matches', scryptLogN);
  }

  /**
   * Checks the credentials (and the second factor when it is on) and opens a new session: a
   * fresh id at every login. Failures count against the account, from this address and from
   * anywhere; past the limit the answer is TOO_MANY_REQUESTS until the wait is over.
   */
  async login(
    attempt: LoginAttempt,
    origin: RequestOrigin,
  ): Promise<{ user: User; token: string }> {
    const { login, password } = attempt;
    if (
      typeof login !== 'string' ||
      typeof password !== 'string' ||
      login.length > 254 ||
      password.length > 256
    ) {
      throw unauthenticated(INVALID_LOGIN);
    }
    const user = await this.users.findByLogin(login);
    const account = user ? `user:${user.id}` : `login:${normalizeLogin(login)}`;
    const fromHere = `${account}|${origin.ip ?? 'unknown'}`;
    await this.rateLimits.assertAllowed('loginPerAccountAndAddress', fromHere);
    await this.rateLimits.assertAllowed('loginPerAccount', account);

    const fail = async (detail: string, error: AppError): Promise<never> => {
      await this.rateLimits.record('loginPerAccountAndAddress', fromHere);
      await this.rateLimits.record('loginPerAccount', account);
      await this.audit.record('LOGIN_FAILED', user?.id ?? null, origin, detail);
      throw error;
    };
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.decoyHash));
    if (!user || !valid) return fail('password', unauthenticated(INVALID_LOGIN));
    if (user.totpEnabledAt) {
      if (attempt.otp == null || attempt.otp === '') throw twoFactorRequired();
      if (!(await this.twoFactor.verify(user, attempt.otp, origin))) {
        return fail(
          'two-factor code',
          new AppError('UNAUTHENTICATED', 'That code is not right', 'otp'),
        );
      }
    }
    await this.rateLimits.clear('loginPerAccountAndAddress', fromHere);
    if (needsRehash(user.passwordHash, this.scryptLogN)) {
      await this.users.setPasswordHash(user.id, await hashPassword(password, this.scryptLogN));
    }
    const { token } = await this.sessions.create(user.id);
    await this.audit.record('LOGIN_SUCCEEDED', user.id, origin);
    return { user, token };
  }

  async logout(sessionId: number | undefined): Promise<void> {
    if (sessionId !== undefined) await this.sessions.revoke(sessionId);
  }

  /** Changes the password and ends every other session of the user. */
  async changePassword(
    user: User,
    currentSessionId: number | undefined,
    currentPassword: unknown,
    newPassword: unknown,
    origin: RequestOrigin,
  ): Promise<void> {
    const next = requireNewPassword(newPassword, 'newPassword');
    if (
      typeof currentPassword !== 'string' ||
      !(await verifyPassword(currentPassword, user.passwordHash))
    ) {
      throw new AppError('BAD_USER_INPUT', 'Current password is incorrect', 'currentPassword');
    }
    await this.users.setPasswordHash(user.id, await hashPassword(next, this.scryptLogN));
    await this.sessions.revokeAllForUser(user.id, currentSessionId);
    await this.audit.record('PASSWORD_CHANGED', user.id, origin);
  }
}
