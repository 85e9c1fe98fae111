import { createHash, randomBytes } from 'node:crypto';
import { IsNull, MoreThan, type DataSource } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import { AppError, badInput, notFound } from '../../errors';
import { parseId } from '../../lib/ids';
import { log } from '../../log';
import type { LedgerAccessService, LedgerScope } from '../ledger-access/ledger-access.service';
import type { Ledger, Role } from '../ledger-access/ledger.entity';
import type { MailService } from '../mail/mail.service';
import type { User } from '../users/user.entity';
import { normalizeLogin, requireEmail, type UserService } from '../users/user.service';
import { requireOwner, requireRole, type HouseholdService } from './household.service';
import { LedgerInvitation } from './ledger-invitation.entity';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const INVITATION_NOT_FOUND = 'Invitation not found';
export const INVITATION_USED = 'This invitation has already been used';
export const INVITATION_EXPIRED = 'This invitation has expired: ask for a new one';
export const INVITATION_REVOKED =
  'This invitation was withdrawn or replaced by a newer one: use the latest link, or ask for a new one';
export const INVITATION_REDIRECTED =
  'This invitation was sent to another address and cannot be redirected: sign in with that address';
/** Open invitations one ledger may have at once: enough for a household, not for spam. */
export const OPEN_INVITATIONS_MAX = 20;

export type InvitationStatus = 'OPEN' | 'ACCEPTED' | 'DECLINED' | 'REVOKED' | 'EXPIRED';

export interface InvitationPreview {
  ledgerName: string;
  email: string;
  role: Role;
  invitedByUserId: number | null;
  expiresAt: Date;
  status: InvitationStatus;
}

// 256 random bits as base64url: 43 characters. Anything else cannot be a token we gave out.
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function statusOf(invitation: LedgerInvitation, now = new Date()): InvitationStatus {
  if (invitation.acceptedAt) return 'ACCEPTED';
  if (invitation.declinedAt) return 'DECLINED';
  if (invitation.revokedAt) return 'REVOKED';
  if (invitation.expiresAt.getTime() <= now.getTime()) return 'EXPIRED';
  return 'OPEN';
}

/**
 * Invitations to shared ledgers: a mailed link with a 256-bit secret (only its sha256 is kept),
 * single use, valid for 7 days, and bound to the address it went to, so that a forwarded or
 * leaked link does not let someone else in.
 */
export class InvitationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledgers: LedgerAccessService,
    private readonly households: HouseholdService,
    private readonly users: UserService,
    private readonly mail: MailService,
    private readonly appUrl: string,
  ) {}

  async invite(scope: LedgerScope, rawEmail: unknown, rawRole: unknown): Promise<void> {
    requireOwner(scope);
    const ledger = await this.households.requireShared(scope.ledgerId);
    const email = requireEmail(rawEmail);
    const role = requireRole(rawRole);
    const emailKey = normalizeLogin(email);
    const existing = await this.users.findByLogin(emailKey);
    if (existing && (await this.ledgers.roleOf(scope.ledgerId, existing.id))) {
      throw badInput('email', 'This address already belongs to a member of this ledger');
    }
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    await inTransaction(this.dataSource, async (manager) => {
      // A new invitation to the same address replaces the older one: one live link per person.
      await manager.update(
        LedgerInvitation,
        { ledgerId: scope.ledgerId, emailKey, ...this.openWhere() },
        { revokedAt: now },
      );
      const open = await manager.count(LedgerInvitation, {
        where: { ledgerId: scope.ledgerId, ...this.openWhere(), expiresAt: MoreThan(now) },
      });
      if (open >= OPEN_INVITATIONS_MAX) {
        throw badInput(
          'email',
          `This ledger has ${OPEN_INVITATIONS_MAX} open invitations: revoke some first`,
        );
      }
      await manager.insert(LedgerInvitation, {
        ledgerId: scope.ledgerId,
        email,
        emailKey,
        role,
        tokenHash: hashToken(token),
        invitedByUserId: scope.user.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
        acceptedAt: null,
        acceptedByUserId: null,
        declinedAt: null,
        revokedAt: null,
      });
      await this.households.record(
        manager,
        scope.ledgerId,
        'MEMBER_INVITED',
        scope.user.id,
        null,
        `${email} as ${role}`,
      );
    });
    const inviter = `${scope.user.firstname} ${scope.user.lastname}`.trim();
    const link = `${this.appUrl}/invitations/${token}`;
    try {
      await this.mail.send({
        to: email,
        subject: `${inviter} invites you to the ledger "${ledger.name}"`,
        text:
          `Hello,\n\n${inviter} invites you to share the ledger "${ledger.name}" in Personal ` +
          `Finance as ${role.toLowerCase()}. Open this link within 7 days to accept or decline:\n\n` +
          `${link}\n\nSign in (or register) with this address, ${email}: the invitation works ` +
          `for it only. If you did not expect it, ignore this message.\n`,
      });
    } catch (error) {
      // The invitation stands; the owner can send a new one, which replaces it.
      log('error', 'Could not send the invitation mail', { error });
    }
  }

  /** The ledger's open invitations, newest first (owners only: they show addresses). */
  async pending(scope: LedgerScope): Promise<LedgerInvitation[]> {
    requireOwner(scope);
    return this.dataSource.getRepository(LedgerInvitation).find({
      where: { ledgerId: scope.ledgerId, ...this.openWhere(), expiresAt: MoreThan(new Date()) },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  async revoke(scope: LedgerScope, rawId: unknown): Promise<void> {
    requireOwner(scope);
    const id = typeof rawId === 'string' ? parseId(rawId) : null;
    if (id === null) throw notFound('Invitation');
    await inTransaction(this.dataSource, async (manager) => {
      const result = await manager.update(
        LedgerInvitation,
        { id, ledgerId: scope.ledgerId, ...this.openWhere() },
        { revokedAt: new Date() },
      );
      if (!result.affected) throw notFound('Invitation');
      await this.households.record(
        manager,
        scope.ledgerId,
        'INVITATION_REVOKED',
        scope.user.id,
        null,
      );
    });
  }

  /** What the invitation page shows the holder of the link before they answer. */
  async preview(rawToken: unknown): Promise<InvitationPreview> {
    const invitation = await this.find(rawToken);
    return {
      ledgerName: (await this.ledgers.get(invitation.ledgerId)).name,
      email: invitation.email,
      role: invitation.role,
      invitedByUserId: invitation.invitedByUserId,
      expiresAt: invitation.expiresAt,
      status: statusOf(invitation),
    };
  }

  async accept(user: User, rawToken: unknown): Promise<Ledger> {
    const invitation = this.requireOpenFor(user, await this.find(rawToken));
    const role = await inTransaction(this.dataSource, async (manager) => {
      // The conditional update is what makes the link single-use, also against a race.
      const result = await manager.update(
        LedgerInvitation,
        { id: invitation.id, ...this.openWhere() },
        { acceptedAt: new Date(), acceptedByUserId: user.id },
      );
      if (!result.affected) throw badInput('token', INVITATION_USED);
      await this.ledgers.lock(invitation.ledgerId, manager);
      if (await this.ledgers.addMember(invitation.ledgerId, user.id, invitation.role, manager)) {
        await this.households.record(
          manager,
          invitation.ledgerId,
          'MEMBER_JOINED',
          user.id,
          user.id,
          invitation.role,
        );
        return invitation.role;
      }
      return (await this.ledgers.roleOf(invitation.ledgerId, user.id, manager)) as Role;
    });
    return Object.assign(await this.ledgers.get(invitation.ledgerId), { role });
  }

  async decline(user: User, rawToken: unknown): Promise<void> {
    const invitation = this.requireOpenFor(user, await this.find(rawToken));
    await inTransaction(this.dataSource, async (manager) => {
      const result = await manager.update(
        LedgerInvitation,
        { id: invitation.id, ...this.openWhere() },
        { declinedAt: new Date() },
      );
      if (!result.affected) throw badInput('token', INVITATION_USED);
      await this.households.record(
        manager,
        invitation.ledgerId,
        'INVITATION_DECLINED',
        user.id,
        user.id,
      );
    });
  }

  private async find(rawToken: unknown): Promise<LedgerInvitation> {
    const token = typeof rawToken === 'string' && TOKEN.test(rawToken) ? rawToken : null;
    const invitation = token
      ? await this.dataSource
          .getRepository(LedgerInvitation)
          .findOne({ where: { tokenHash: hashToken(token) } })
      : null;
    if (!invitation) throw new AppError('NOT_FOUND', INVITATION_NOT_FOUND);
    return invitation;
  }

  private requireOpenFor(user: User, invitation: LedgerInvitation): LedgerInvitation {
    const status = statusOf(invitation);
    if (status === 'EXPIRED') throw badInput('token', INVITATION_EXPIRED);
    if (status === 'REVOKED') throw badInput('token', INVITATION_REVOKED);
    if (status !== 'OPEN') throw badInput('token', INVITATION_USED);
    if (user.emailKey !== invitation.emailKey) {
      throw new AppError('FORBIDDEN', INVITATION_REDIRECTED);
    }
    return invitation;
  }

  private openWhere() {
    return { acceptedAt: IsNull(), declinedAt: IsNull(), revokedAt: IsNull() };
  }
}
