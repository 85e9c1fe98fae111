import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { AuditEvent } from './audit-event.entity';

@Resolver(() => AuditEvent)
export class AuditResolver {
  @FieldResolver(() => String, { description: 'ISO 8601, UTC' })
  createdAt(@Root() event: AuditEvent): string {
    return event.createdAt.toISOString();
  }

  @Query(() => [AuditEvent], { description: "Your account's recent security events, newest first" })
  securityEvents(
    @Ctx() ctx: RequestContext,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 20 }) limit?: number | null,
  ): Promise<AuditEvent[]> {
    return ctx.services.audit.recent(ctx.requireUser().id, limit ?? 20);
  }
}
