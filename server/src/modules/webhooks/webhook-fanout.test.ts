import { signUp } from '../../../test/factories';
import { commitAndWait, defaultAccountId, previewFile } from '../../../test/imports';
import { describeEachDatabase } from '../../../test/test-server';
import { receiver } from '../../../test/webhooks';
import { createServices } from '../../services';
import { FakeClock } from '../jobs/fake-clock';
import type { User } from '../users/user.entity';
import { WebhookDelivery } from './webhook.entity';

/** A bank CSV of `count` expenses, each of its own day and amount (no duplicates among them). */
function csvOf(count: number): string {
  const lines = ['Date,Description,Amount'];
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2023, 0, 1) + (i % 700) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${day},Shop ${i},-${Math.floor(i / 100) + 1}.${String(i % 100).padStart(2, '0')}`);
  }
  return `${lines.join('\n')}\n`;
}

describeEachDatabase('webhook fan-out of a big import', (server) => {
  const hooks: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(hooks.splice(0).map((hook) => hook.close()));
  });

  async function setUp() {
    const client = server().client();
    const user = await signUp(client, { currency: 'EUR' });
    const clock = new FakeClock(new Date(Date.now() + 1000));
    const app = createServices(
      server().dataSource,
      { ...server().config, webhooksAllowPrivate: true },
      { clock },
    );
    const owner = (await app.users.findById(Number(user.id))) as User;
    const scope = await app.ledgers.scope(owner, null, 'write');
    const hook = await receiver(() => 200);
    hooks.push(hook);
    const { secret, endpoint } = await app.webhooks.create(scope.ledgerId, owner.id, hook.url, [
      'transaction.created',
    ]);
    hook.setSecret(secret);
    const importRows = async (count: number) => {
      const accountId = await defaultAccountId(client);
      const preview = await previewFile(client, csvOf(count), { accountId });
      const result = await commitAndWait(client, preview.importId);
      expect([result.status, result.imported]).toEqual(['DONE', count]);
    };
    /** Delivery jobs queued for the endpoint: the original ones and any continuation. */
    const deliveryJobs = async () =>
      Number(
        (
          await server().dataSource.query(
            "SELECT COUNT(*) AS n FROM jobs WHERE type = 'webhooks.deliver' AND `key` LIKE ?",
            [`${endpoint.id}:%`],
          )
        )[0].n,
      );
    /** Ticks until `count` requests arrived (or rounds run out), then some more. */
    const deliver = async (count: number) => {
      for (let round = 0; round < 50 && hook.requests.length < count; round++) {
        await app.jobRunner.tick(clock.advance(1000));
      }
      await app.jobRunner.tick(clock.advance(3_600_000));
    };
    return { app, hook, endpoint, ledgerId: scope.ledgerId, importRows, deliveryJobs, deliver };
  }

  test('2,000 rows queue a delivery job per write batch, and each event arrives exactly once', async () => {
    const { app, hook, endpoint, ledgerId, importRows, deliveryJobs, deliver } = await setUp();
    await importRows(2000);
    // Stored once each, in the import's write batches (250 rows on SQLite, 2,000 on MySQL).
    const batches: { batchId: string; n: number | string }[] = await app.dataSource.query(
      'SELECT batchId, COUNT(*) AS n FROM webhook_events WHERE ledgerId = ? GROUP BY batchId',
      [ledgerId],
    );
    expect(batches.reduce((sum, b) => sum + Number(b.n), 0)).toBe(2000);
    const queued = await deliveryJobs();
    expect(queued).toBe(batches.length);
    expect(queued).toBeLessThanOrEqual(8);
    const perEvent = await app.dataSource.query(
      "SELECT COUNT(*) AS n FROM jobs WHERE type = 'webhooks.event'",
    );
    expect(Number(perEvent[0].n)).toBe(0);

    await deliver(2000);
    expect(hook.requests).toHaveLength(2000);
    expect(new Set(hook.requests.map((r) => r.id)).size).toBe(2000);
    expect(hook.requests.every((r) => r.verified && r.type === 'transaction.created')).toBe(true);
    const written: { id: number | string }[] = await app.dataSource.query(
      "SELECT id FROM transactions WHERE ledgerId = ? AND kind = 'EXPENSE'",
      [ledgerId],
    );
    expect(new Set(hook.requests.map((r) => r.data.id))).toEqual(
      new Set(written.map((t) => String(t.id))),
    );
    const log = await app.dataSource
      .getRepository(WebhookDelivery)
      .count({ where: { endpointId: endpoint.id, ok: true } });
    expect(log).toBe(2000);
  });

  test('a batch whose job runs out of time continues in a job of its own, skipping nothing', async () => {
    const { app, hook, importRows, deliveryJobs, deliver } = await setUp();
    // Every job posts one event, then hands the rest on.
    app.webhooks.deliverer.budgetMs = 0;
    await importRows(3);
    expect(await deliveryJobs()).toBe(1);
    await deliver(3);
    expect(hook.requests.map((r) => r.data.description)).toEqual(['Shop 0', 'Shop 1', 'Shop 2']);
    expect(await deliveryJobs()).toBe(3);
  });

  test('jobs queued before the upgrade, one per event, are still delivered once', async () => {
    const { app, hook, endpoint, ledgerId, deliver } = await setUp();
    const event = (id: string) => ({
      id,
      type: 'transaction.created',
      createdAt: '2024-01-01T00:00:00.000Z',
      data: { id: '1' },
    });
    const fanned = event('00000000-0000-4000-8000-000000000001');
    const direct = event('00000000-0000-4000-8000-000000000002');
    await app.jobs.enqueue({
      type: 'webhooks.event',
      key: fanned.id,
      payload: { ledgerId, event: fanned },
    });
    await app.jobs.enqueue({
      type: 'webhooks.deliver',
      key: `${endpoint.id}:${direct.id}`,
      payload: { endpointId: endpoint.id, event: direct },
    });
    await deliver(2);
    expect(hook.requests.map((r) => [r.id, r.verified]).sort()).toEqual([
      [fanned.id, true],
      [direct.id, true],
    ]);
  });
});
