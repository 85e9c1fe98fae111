import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import type { Notification } from './notification.entity';
import { NotificationConnection, NotificationView } from './notification.types';

const toView = (n: Notification): NotificationView => ({
  id: String(n.id),
  kind: n.kind,
  title: n.title,
  body: n.body,
  readAt: n.readAt ? n.readAt.toISOString() : null,
  createdAt: n.createdAt.toISOString(),
});

@Resolver()
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: "The caller's notifications, newest first" })
  async notifications(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<NotificationConnection> {
    const page = await ctx.services.notifications.list(ctx.requireUser().id, first, after);
    const nodes = page.nodes.map(toView);
    return {
      nodes,
      totalCount: page.totalCount,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        endCursor: nodes.length > 0 ? nodes[nodes.length - 1].id : null,
      },
    };
  }

  @Query(() => Int)
  unreadNotificationCount(@Ctx() ctx: RequestContext): Promise<number> {
    return ctx.services.notifications.unreadCount(ctx.requireUser().id);
  }

  @Mutation(() => Int, {
    description: 'Marks these (all when `ids` is left out) read; answers how many',
  })
  markNotificationsRead(
    @Ctx() ctx: RequestContext,
    @Arg('ids', () => [ID], { nullable: true }) ids?: string[] | null,
  ): Promise<number> {
    return ctx.services.notifications.markRead(ctx.requireUser().id, ids ?? null);
  }
}
