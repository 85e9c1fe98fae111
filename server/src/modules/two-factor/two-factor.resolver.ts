import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';

@ObjectType({ description: 'What an authenticator app needs; confirm with a code to turn it on' })
export class TwoFactorSetup {
  @Field({ description: 'Base32 secret, for typing in by hand' }) secret!: string;
  @Field({ description: 'otpauth:// URI, what the QR code holds' }) otpauthUri!: string;
  @Field({ description: 'The QR code as an SVG document' }) qrCodeSvg!: string;
}

/** Two-factor sign-in is managed from a session only: a token cannot turn it off. */
@Resolver()
export class TwoFactorResolver {
  @Mutation(() => TwoFactorSetup, { description: 'Starts setting up two-factor sign-in' })
  beginTwoFactorSetup(@Ctx() ctx: RequestContext): Promise<TwoFactorSetup> {
    return ctx.services.twoFactor.begin(ctx.requireSession().user);
  }

  @Mutation(() => [String], {
    description:
      'Turns two-factor sign-in on; returns 10 single-use recovery codes, shown this once',
  })
  confirmTwoFactorSetup(@Arg('code') code: string, @Ctx() ctx: RequestContext): Promise<string[]> {
    return ctx.services.twoFactor.confirm(ctx.requireSession().user, code, ctx.origin);
  }

  @Mutation(() => Boolean, { description: 'Turns two-factor sign-in off' })
  async disableTwoFactor(
    @Arg('password') password: string,
    @Arg('code', { description: 'A current authenticator code or a recovery code' }) code: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    await ctx.services.twoFactor.disable(ctx.requireSession().user, password, code, ctx.origin);
    return true;
  }
}
