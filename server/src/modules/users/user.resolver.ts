import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { ProfileInput, RegisterInput } from './user.inputs';
import { User } from './user.entity';

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user; null without a session' })
  me(@Ctx() ctx: RequestContext): User | null {
    return ctx.caller?.user ?? null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether sign-in asks for an authenticator code' })
  twoFactorEnabled(@Root() user: User): boolean {
    return user.totpEnabledAt != null;
  }

  @Mutation(() => User, { description: 'Creates an account with the default categories' })
  register(@Arg('input') input: RegisterInput, @Ctx() ctx: RequestContext): Promise<User> {
    return ctx.services.users.register(input, ctx.origin);
  }

  @Mutation(() => User, { description: 'Changes name, email or currency' })
  updateProfile(@Arg('input') input: ProfileInput, @Ctx() ctx: RequestContext): Promise<User> {
    // A token may rename, never change the email that password resets are sent to.
    const user = input.email == null ? ctx.requireUser() : ctx.requireSession().user;
    return ctx.services.users.updateProfile(user, input);
  }
}
