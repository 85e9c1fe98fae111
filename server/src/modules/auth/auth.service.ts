import { AppError, unauthenticated } from '../../errors';
import { hashPassword, needsRehash, verifyPassword } from '../../lib/password';
import { requireNewPassword } from '../../lib/validate';
import type { User } from '../users/user.entity';
import type { UserService } from '../users/user.service';
import type { SessionService } from './session.service';

export const INVALID_LOGIN = 'Invalid username or password';

export class AuthService {
  /** Verified against when the login names nobody, so both failures take the same time. */
  private readonly decoyHash: Promise<string>;

  constructor(
    private readonly users: UserService,
    private readonly sessions: SessionService,
    private readonly scryptLogN: number,
  ) {
    this.decoyHash = hashPassword('decoy password, never matches', scryptLogN);
  }

  /** Checks the credentials and opens a new session (a fresh id at every login). */
  async login(login: unknown, password: unknown): Promise<{ user: User; token: string }> {
    if (
      typeof login !== 'string' ||
      typeof password !== 'string' ||
      login.length > 254 ||
      password.length > 256
    ) {
      throw unauthenticated(INVALID_LOGIN);
    }
    const user = await this.users.findByLogin(login);
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.decoyHash));
    if (!user || !valid) throw unauthenticated(INVALID_LOGIN);
    if (needsRehash(user.passwordHash, this.scryptLogN)) {
      await this.users.setPasswordHash(user.id, await hashPassword(password, this.scryptLogN));
    }
    const { token } = await this.sessions.create(user.id);
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
  }
}
