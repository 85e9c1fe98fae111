import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { ProfileInput, RegisterInput } from './user.inputs';
import { User } from './user.entity';

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user; null without a session' })
  me(@Ctx() ctx: RequestContext): User | null {
    return ctx.caller?.user ?? null;
  }

  @Mutation(() => User, { description: 'Creates an account with the default categories' })
  register(@Arg('input') input: RegisterInput, @Ctx() ctx: RequestContext): Promise<User> {
    return ctx.services.users.register(input);
  }

  @Mutation(() => User, { description: 'Changes name, email or currency' })
  updateProfile(@Arg('input') input: ProfileInput, @Ctx() ctx: RequestContext): Promise<User> {
    return ctx.services.users.updateProfile(ctx.requireUser(), input);
  }
}
