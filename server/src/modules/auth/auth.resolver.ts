import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { User } from '../users/user.entity';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

@Resolver()
export class AuthResolver {
  @Mutation(() => User, {
    description:
      '`username` also takes the email; sets the session cookie. With two-factor sign-in on, ' +
      'pass the authenticator or a recovery code as `otp`.',
  })
  async login(
    @Arg('username') username: string,
    @Arg('password') password: string,
    @Ctx() ctx: RequestContext,
    @Arg('otp', () => String, { nullable: true }) otp?: string | null,
  ): Promise<User> {
    const { user, token } = await ctx.services.auth.login(
      { login: username, password, otp },
      ctx.origin,
    );
    if (ctx.caller?.kind === 'session') await ctx.services.auth.logout(ctx.caller.session.id);
    setSessionCookie(ctx.req, ctx.res, token);
    return user;
  }

  @Mutation(() => Boolean, { description: 'Ends the session server-side and clears the cookie' })
  async logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    if (ctx.caller?.kind === 'session') await ctx.services.auth.logout(ctx.caller.session.id);
    clearSessionCookie(ctx.req, ctx.res);
    return true;
  }

  @Mutation(() => Boolean, { description: 'Also ends every other session of the user' })
  async changePassword(
    @Arg('currentPassword') currentPassword: string,
    @Arg('newPassword') newPassword: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    const { user, session } = ctx.requireSession();
    await ctx.services.auth.changePassword(
      user,
      session.id,
      currentPassword,
      newPassword,
      ctx.origin,
    );
    return true;
  }

  @Mutation(() => Boolean, {
    description: 'Mails a reset link when the address is known; always true, known address or not',
  })
  async requestPasswordReset(
    @Arg('email') email: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    await ctx.services.passwordResets.request(email, ctx.origin);
    return true;
  }

  @Mutation(() => Boolean, {
    description: 'Sets a new password with the token of a reset link, and ends every session',
  })
  async resetPassword(
    @Arg('token') token: string,
    @Arg('password') password: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    await ctx.services.passwordResets.reset(token, password, ctx.origin);
    return true;
  }
}
