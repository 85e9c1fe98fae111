import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Ledger, Role } from '../ledger-access/ledger.entity';
import { reportingCurrency } from '../ledger-access/ledger-access.service';
import { ledgerArg } from '../ledger-access/ledger-arg';
import type { User } from '../users/user.entity';
import {
  InvitationStatusEnum,
  InvitationView,
  LedgerActivityConnection,
  LedgerInvitationView,
  LedgerMemberView,
  LedgerUser,
} from './household.types';

export const ledgerUser = (user: User): LedgerUser => ({
  id: String(user.id),
  name: `${user.firstname} ${user.lastname}`.trim(),
});

const ledgerIdArg = { description: 'The shared ledger' };

/**
 * Households: shared ledgers, their members and invitations, and who did what in them.
 * Invitations and role changes grant lasting access, so they need a signed-in person, not a
 * script's token; leaving and removing only take access away, so tokens may do them.
 */
@Resolver(() => Ledger)
export class HouseholdResolver {
  @FieldResolver(() => Boolean, { description: "The caller's own personal ledger: never shared" })
  personal(@Root() ledger: Ledger): boolean {
    return ledger.personalUserId !== null;
  }

  @FieldResolver(() => String, {
    description:
      'The reporting currency of budgets, targets and reporting amounts: the same for every member',
  })
  currency(@Root() ledger: Ledger, @Ctx() ctx: RequestContext): string {
    // A personal ledger is read by its owner only, and follows their currency.
    return reportingCurrency(ledger.currency, ctx.requireUser());
  }

  @FieldResolver(() => [LedgerMemberView], { description: 'Owners first, then by joining' })
  async members(@Root() ledger: Ledger, @Ctx() ctx: RequestContext): Promise<LedgerMemberView[]> {
    const me = ctx.requireUser();
    const members = await ctx.loaders.ledgerMembers.load(ledger.id);
    const users = await ctx.loaders.users.loadMany(members.map((m) => m.userId));
    const order = { [Role.OWNER]: 0, [Role.EDITOR]: 1, [Role.VIEWER]: 2 };
    return members
      .map((member, index) => {
        const user = users[index];
        if (!user || user instanceof Error) return null;
        const isYou = user.id === me.id;
        return {
          user: ledgerUser(user),
          role: member.role,
          email: isYou || ledger.role === Role.OWNER ? user.email : null,
          joinedAt: member.createdAt.toISOString(),
          isYou,
        };
      })
      .filter((m): m is LedgerMemberView => m !== null)
      .sort((a, b) => order[a.role] - order[b.role]);
  }

  @Query(() => [Ledger], { description: 'Your personal ledger first, then the shared ones' })
  ledgers(@Ctx() ctx: RequestContext): Promise<Ledger[]> {
    return ctx.services.households.list(ctx.requireUser());
  }

  @Query(() => Ledger, { description: 'The ledger a request acts on (ledgerId, X-Ledger-Id)' })
  async ledger(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Ledger> {
    return ctx.services.households.get(await ctx.ledger('read', ledgerId));
  }

  @Query(() => [LedgerInvitationView], { description: "The ledger's open invitations (owners)" })
  async pendingInvitations(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<LedgerInvitationView[]> {
    const invitations = await ctx.services.invitations.pending(await ctx.ledger('read', ledgerId));
    const inviters = await ctx.loaders.users.loadMany(
      invitations.map((i) => i.invitedByUserId ?? 0),
    );
    return invitations.map((invitation, index) => {
      const inviter = inviters[index];
      return {
        id: String(invitation.id),
        email: invitation.email,
        role: invitation.role,
        createdAt: invitation.createdAt.toISOString(),
        expiresAt: invitation.expiresAt.toISOString(),
        invitedBy: inviter && !(inviter instanceof Error) ? ledgerUser(inviter) : null,
      };
    });
  }

  @Query(() => InvitationView, { description: 'The invitation a mailed link names' })
  async invitation(
    @Arg('token') token: string,
    @Ctx() ctx: RequestContext,
  ): Promise<InvitationView> {
    ctx.requireUser();
    const preview = await ctx.services.invitations.preview(token);
    const inviter = preview.invitedByUserId
      ? await ctx.loaders.users.load(preview.invitedByUserId)
      : null;
    return {
      ledgerName: preview.ledgerName,
      email: preview.email,
      role: preview.role,
      invitedBy: inviter ? ledgerUser(inviter).name : null,
      expiresAt: preview.expiresAt.toISOString(),
      status: preview.status as InvitationStatusEnum,
    };
  }

  @Query(() => LedgerActivityConnection, {
    description: 'Who added and changed what in the ledger, newest first; `first` at most 200',
  })
  async ledgerActivity(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<LedgerActivityConnection> {
    const page = await ctx.services.ledgerActivity.list(
      await ctx.ledger('read', ledgerId),
      first ?? 50,
      after,
    );
    const people = async (id: number | null) => {
      const user = id === null ? null : await ctx.loaders.users.load(id);
      return user ? ledgerUser(user) : null;
    };
    return {
      nodes: await Promise.all(
        page.nodes.map(async (entry) => ({
          id: entry.id,
          at: entry.at.toISOString(),
          type: entry.type,
          actor: await people(entry.actorUserId),
          subject: await people(entry.subjectUserId),
          transactionId: entry.transactionId === null ? null : String(entry.transactionId),
          description: entry.description,
          amount: entry.amount,
          currency: entry.currency,
          detail: entry.detail,
        })),
      ),
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Mutation(() => Ledger, { description: 'A shared ledger, with you as its owner' })
  createLedger(
    @Arg('name') name: string,
    @Ctx() ctx: RequestContext,
    @Arg('currency', () => String, {
      nullable: true,
      description: 'Its reporting currency (ISO 4217), for every member; default: yours',
    })
    currency?: string | null,
  ): Promise<Ledger> {
    return ctx.services.households.create(ctx.requireUser(), name, currency);
  }

  @Mutation(() => Ledger, { description: 'Owners only' })
  async renameLedger(
    @Arg('ledgerId', () => ID, ledgerIdArg) ledgerId: string,
    @Arg('name') name: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Ledger> {
    return ctx.services.households.rename(await ctx.ledger('read', ledgerId), name);
  }

  @Mutation(() => Boolean, {
    description: 'Owners only; a shared ledger that holds no transactions',
  })
  async deleteLedger(
    @Arg('ledgerId', () => ID, ledgerIdArg) ledgerId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    await ctx.services.households.delete(await ctx.ledger('read', ledgerId));
    return true;
  }

  @Mutation(() => Boolean, {
    description: 'Owners only: mails a single-use link, valid 7 days, for that address only',
  })
  async inviteToLedger(
    @Arg('ledgerId', () => ID, ledgerIdArg) ledgerId: string,
    @Arg('email') email: string,
    @Arg('role', () => Role) role: Role,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    ctx.requireSession();
    await ctx.services.invitations.invite(await ctx.ledger('read', ledgerId), email, role);
    return true;
  }

  @Mutation(() => Boolean, { description: 'Owners only' })
  async revokeInvitation(
    @Arg('ledgerId', () => ID, ledgerIdArg) ledgerId: string,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    await ctx.services.invitations.revoke(await ctx.ledger('read', ledgerId), id);
    return true;
  }

  @Mutation(() => Ledger, { description: 'Signed in with the address the invitation went to' })
  acceptInvitation(@Arg('token') token: string, @Ctx() ctx: RequestContext): Promise<Ledger> {
    return ctx.services.invitations.accept(ctx.requireSession().user, token);
  }

  @Mutation(() => Boolean)
  async declineInvitation(
    @Arg('token') token: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    await ctx.services.invitations.decline(ctx.requireSession().user, token);
    return true;
  }

  @Mutation(() => Boolean, { description: 'The last owner hands ownership over first' })
  async leaveLedger(
    @Arg('ledgerId', () => ID, ledgerIdArg) ledgerId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    await ctx.services.households.leave(await ctx.ledger('read', ledgerId));
    return true;
  }

  @Mutation(() => Boolean, { description: 'Owners only; the member loses access at once' })
  async removeLedgerMember(
    @Arg('ledgerId', () => ID, ledgerIdArg) ledgerId: string,
    @Arg('userId', () => ID) userId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    await ctx.services.households.remove(await ctx.ledger('read', ledgerId), userId);
    return true;
  }

  @Mutation(() => Ledger, { description: 'Owners only; the last owner cannot step down' })
  async changeLedgerMemberRole(
    @Arg('ledgerId', () => ID, ledgerIdArg) ledgerId: string,
    @Arg('userId', () => ID) userId: string,
    @Arg('role', () => Role) role: Role,
    @Ctx() ctx: RequestContext,
  ): Promise<Ledger> {
    ctx.requireSession();
    const scope = await ctx.ledger('read', ledgerId);
    await ctx.services.households.changeRole(scope, userId, role);
    return ctx.services.households.get(
      await ctx.services.ledgers.resolve(scope.user, scope.ledgerId),
    );
  }

  @Mutation(() => Ledger, { description: 'The member becomes an owner, and you an editor' })
  async transferLedgerOwnership(
    @Arg('ledgerId', () => ID, ledgerIdArg) ledgerId: string,
    @Arg('userId', () => ID) userId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Ledger> {
    ctx.requireSession();
    return ctx.services.households.transferOwnership(await ctx.ledger('read', ledgerId), userId);
  }
}
