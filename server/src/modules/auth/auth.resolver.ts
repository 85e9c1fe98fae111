import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { User } from '../users/user.entity';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

@Resolver()
export class AuthResolver {
  @Mutation(() => User, { description: '`username` also takes the email; sets the session cookie' })
  async login(
    @Arg('username') username: string,
    @Arg('password') password: string,
    @Ctx() ctx: RequestContext,
  ): Promise<User> {
    const { user, token } = await ctx.services.auth.login(username, password);
    if (ctx.caller) await ctx.services.auth.logout(ctx.caller.session.id);
    setSessionCookie(ctx.req, ctx.res, token);
    return user;
  }

  @Mutation(() => Boolean, { description: 'Ends the session server-side and clears the cookie' })
  async logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    await ctx.services.auth.logout(ctx.caller?.session.id);
    clearSessionCookie(ctx.req, ctx.res);
    return true;
  }

  @Mutation(() => Boolean, { description: 'Also ends every other session of the user' })
  async changePassword(
    @Arg('currentPassword') currentPassword: string,
    @Arg('newPassword') newPassword: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    const user = ctx.requireUser();
    await ctx.services.auth.changePassword(
      user,
      ctx.caller?.session.id,
      currentPassword,
      newPassword,
    );
    return true;
  }
}
