import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { RequestContext } from '../../context';
import { DateScalar } from '../../graphql/scalars';
import { ApiToken, TokenScope } from './api-token.entity';

@ObjectType()
export class CreatedApiToken {
  @Field({ description: 'The secret, shown this once: send it as `Authorization: Bearer <token>`' })
  token!: string;

  @Field(() => ApiToken)
  apiToken!: ApiToken;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

@Resolver(() => ApiToken)
export class TokenResolver {
  @FieldResolver(() => String, { description: 'ISO 8601, UTC' })
  createdAt(@Root() token: ApiToken): string {
    return token.createdAt.toISOString();
  }

  @FieldResolver(() => String, { nullable: true, description: 'ISO 8601, UTC; null if never used' })
  lastUsedAt(@Root() token: ApiToken): string | null {
    return iso(token.lastUsedAt);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'ISO 8601, UTC; null if it never expires',
  })
  expiresAt(@Root() token: ApiToken): string | null {
    return iso(token.expiresAt);
  }

  @Query(() => [ApiToken], {
    description: 'Your API tokens that still work, newest first (session only)',
  })
  apiTokens(@Ctx() ctx: RequestContext): Promise<ApiToken[]> {
    return ctx.services.tokens.list(ctx.requireSession().user.id);
  }

  @Mutation(() => CreatedApiToken, {
    description:
      'A token for scripts; it works through the end of `expiresAt` (UTC) when given (session only)',
  })
  async createApiToken(
    @Arg('name') name: string,
    @Arg('scope', () => TokenScope) scope: TokenScope,
    @Ctx() ctx: RequestContext,
    @Arg('expiresAt', () => DateScalar, { nullable: true }) expiresAt?: string | null,
  ): Promise<CreatedApiToken> {
    return ctx.services.tokens.create(
      ctx.requireSession().user,
      name,
      scope,
      expiresAt,
      ctx.origin,
    );
  }

  @Mutation(() => Boolean, { description: 'The token stops working at once (session only)' })
  revokeApiToken(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.services.tokens.revoke(ctx.requireSession().user.id, id, ctx.origin);
  }
}
