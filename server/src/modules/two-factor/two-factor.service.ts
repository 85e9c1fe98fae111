import { createHash, randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { IsNull, type DataSource } from 'typeorm';
import { AppError, badInput } from '../../errors';
import { inTransaction } from '../../db/transaction';
import { verifyPassword } from '../../lib/password';
import { matchTotp, newTotpSecret, otpauthUri } from '../../lib/totp';
import type { AuditService, RequestOrigin } from '../audit/audit.service';
import { User } from '../users/user.entity';
import { RecoveryCode } from './recovery-code.entity';

const RECOVERY_CODE_COUNT = 10;
const ISSUER = 'Personal Finance';

const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');
/** Recovery codes are typed by people: ignore case, spaces and dashes. */
const normalizeRecoveryCode = (code: string) => code.replace(/[\s-]/g, '').toLowerCase();

export interface Enrolment {
  secret: string;
  otpauthUri: string;
  qrCodeSvg: string;
}

/** Two-factor sign-in with an authenticator app (RFC 6238) and single-use recovery codes. */
export class TwoFactorService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new secret for the user to scan; it takes effect only once a code from it is confirmed. */
  async begin(user: User): Promise<Enrolment> {
    if (user.totpEnabledAt) throw badInput('otp', 'Two-factor sign-in is already on');
    const secret = newTotpSecret();
    await inTransaction(this.dataSource, (manager) =>
      manager.update(User, { id: user.id }, { totpSecret: secret, totpLastStep: null }),
    );
    const uri = otpauthUri(secret, user.email, ISSUER);
    return {
      secret,
      otpauthUri: uri,
      qrCodeSvg: await QRCode.toString(uri, { type: 'svg', margin: 1 }),
    };
  }

  /** Turns two-factor sign-in on and returns the recovery codes, shown this once. */
  async confirm(user: User, rawCode: unknown, origin: RequestOrigin): Promise<string[]> {
    const fresh = await this.dataSource.getRepository(User).findOneByOrFail({ id: user.id });
    if (fresh.totpEnabledAt) throw badInput('otp', 'Two-factor sign-in is already on');
    if (!fresh.totpSecret) throw badInput('otp', 'Start the set-up first');
    const step =
      typeof rawCode === 'string' ? matchTotp(fresh.totpSecret, rawCode, this.now()) : null;
    if (step === null)
      throw badInput('otp', 'That code is not right; check the time on your device');
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
      const hex = randomBytes(5).toString('hex');
      return `${hex.slice(0, 5)}-${hex.slice(5)}`;
    });
    await inTransaction(this.dataSource, async (manager) => {
      await manager.update(
        User,
        { id: user.id },
        { totpEnabledAt: new Date(), totpLastStep: step },
      );
      await manager.delete(RecoveryCode, { userId: user.id });
      await manager.insert(
        RecoveryCode,
        codes.map((code) => ({
          userId: user.id,
          codeHash: hashCode(normalizeRecoveryCode(code)),
          usedAt: null,
        })),
      );
      await this.audit.record('TWO_FACTOR_ENABLED', user.id, origin, undefined, manager);
    });
    return codes;
  }

  /** Turns it off; asks for the password and a current code (or a recovery code). */
  async disable(
    user: User,
    rawPassword: unknown,
    rawCode: unknown,
    origin: RequestOrigin,
  ): Promise<void> {
    if (
      typeof rawPassword !== 'string' ||
      !(await verifyPassword(rawPassword, user.passwordHash))
    ) {
      throw badInput('password', 'Password is incorrect');
    }
    if (!user.totpEnabledAt) throw badInput('otp', 'Two-factor sign-in is not on');
    if (!(await this.verify(user, rawCode, origin)))
      throw badInput('otp', 'That code is not right');
    await inTransaction(this.dataSource, async (manager) => {
      await manager.update(
        User,
        { id: user.id },
        { totpSecret: null, totpEnabledAt: null, totpLastStep: null },
      );
      await manager.delete(RecoveryCode, { userId: user.id });
      await this.audit.record('TWO_FACTOR_DISABLED', user.id, origin, undefined, manager);
    });
  }

  async remainingRecoveryCodes(userId: number): Promise<number> {
    return this.dataSource.getRepository(RecoveryCode).countBy({ userId, usedAt: IsNull() });
  }

  /**
   * Accepts a current authenticator code once (a code whose step is not newer than the last
   * accepted one is refused, so a code overheard cannot be replayed in its window), or an
   * unused recovery code, which is then spent.
   */
  async verify(user: User, rawCode: unknown, origin: RequestOrigin): Promise<boolean> {
    if (typeof rawCode !== 'string' || !user.totpSecret) return false;
    const code = rawCode.trim();
    const step = matchTotp(user.totpSecret, code, this.now());
    if (step !== null) {
      return inTransaction(this.dataSource, async (manager) => {
        // Conditional update: two requests racing with one code cannot both win.
        const result = await manager
          .createQueryBuilder()
          .update(User)
          .set({ totpLastStep: step })
          .where('id = :id AND (totpLastStep IS NULL OR totpLastStep < :step)', {
            id: user.id,
            step,
          })
          .execute();
        return (result.affected ?? 0) === 1;
      });
    }
    const recovery = normalizeRecoveryCode(code);
    if (!/^[0-9a-f]{10}$/.test(recovery)) return false;
    return inTransaction(this.dataSource, async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(RecoveryCode)
        .set({ usedAt: new Date() })
        .where('userId = :userId AND codeHash = :hash AND usedAt IS NULL', {
          userId: user.id,
          hash: hashCode(recovery),
        })
        .execute();
      if ((result.affected ?? 0) !== 1) return false;
      await this.audit.record('RECOVERY_CODE_USED', user.id, origin, undefined, manager);
      return true;
    });
  }
}

export const twoFactorRequired = () =>
  new AppError('UNAUTHENTICATED', 'Enter the code from your authenticator app', 'otp', {
    twoFactorRequired: true,
  });
