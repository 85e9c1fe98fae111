import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { ledgerArg } from '../ledger-access/ledger-arg';
import type { WebhookDelivery as DeliveryRow, WebhookEndpoint } from './webhook.entity';
import { WEBHOOK_EVENTS } from './webhook.service';
import { CreatedWebhook, Webhook, WebhookDelivery } from './webhook.types';

const toView = (e: WebhookEndpoint): Webhook => ({
  id: String(e.id),
  url: e.url,
  events: e.events.split(','),
  active: e.active,
  createdAt: e.createdAt.toISOString(),
});

export const deliveryView = (d: DeliveryRow): WebhookDelivery => ({
  id: String(d.id),
  eventId: d.eventId,
  eventType: d.eventType,
  attempt: d.attempt,
  ok: d.ok,
  statusCode: d.statusCode,
  responseMs: d.responseMs,
  error: d.error,
  createdAt: d.createdAt.toISOString(),
});

@Resolver(() => Webhook)
export class WebhookResolver {
  @FieldResolver(() => [WebhookDelivery], { description: 'Newest attempts first; first <= 100' })
  async deliveries(
    @Root() webhook: Webhook,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first?: number,
  ): Promise<WebhookDelivery[]> {
    const rows = await ctx.loaders.webhookDeliveries.load(`${webhook.id}:${first ?? 20}`);
    return rows.map(deliveryView);
  }

  @Query(() => [Webhook], { description: "The ledger's webhook endpoints" })
  async webhooks(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Webhook[]> {
    const scope = await ctx.ledger('write', ledgerId);
    return (await ctx.services.webhooks.list(scope.ledgerId)).map(toView);
  }

  @Query(() => [String], { description: 'The event types an endpoint may subscribe to' })
  webhookEvents(): string[] {
    return [...WEBHOOK_EVENTS];
  }

  @Mutation(() => CreatedWebhook)
  async createWebhook(
    @Ctx() ctx: RequestContext,
    @Arg('url') url: string,
    @Arg('events', () => [String]) events: string[],
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<CreatedWebhook> {
    const scope = await ctx.ledger('write', ledgerId);
    const { secret, endpoint } = await ctx.services.webhooks.create(
      scope.ledgerId,
      ctx.requireUser().id,
      url,
      events,
    );
    return { secret, webhook: toView(endpoint) };
  }

  @Mutation(() => Webhook, {
    description: 'Changes what is given; re-enabling an endpoint resets its failure count',
  })
  async updateWebhook(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('url', () => String, { nullable: true }) url?: string | null,
    @Arg('events', () => [String], { nullable: true }) events?: string[] | null,
    @Arg('active', () => Boolean, { nullable: true }) active?: boolean | null,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Webhook> {
    const scope = await ctx.ledger('write', ledgerId);
    return toView(await ctx.services.webhooks.update(scope.ledgerId, id, { url, events, active }));
  }

  @Mutation(() => CreatedWebhook, {
    description: 'A new signing secret, shown this once; the old one stops signing at once',
  })
  async rotateWebhookSecret(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<CreatedWebhook> {
    const scope = await ctx.ledger('write', ledgerId);
    const { secret, endpoint } = await ctx.services.webhooks.rotateSecret(scope.ledgerId, id);
    return { secret, webhook: toView(endpoint) };
  }

  @Mutation(() => Boolean)
  async deleteWebhook(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<boolean> {
    const scope = await ctx.ledger('write', ledgerId);
    return ctx.services.webhooks.delete(scope.ledgerId, id);
  }
}
