import { addExpense, signUp } from '../../../test/factories';
import { describeEachDatabase } from '../../../test/test-server';
import { receiver } from '../../../test/webhooks';
import { createServices } from '../../services';
import { FakeClock } from '../jobs/fake-clock';
import type { User } from '../users/user.entity';
import { WebhookEndpoint } from './webhook.entity';
import { FAILURES_TO_DISABLE } from './webhook.service';

const UPDATE = `mutation($id: ID!, $url: String, $events: [String!], $active: Boolean) {
  updateWebhook(id: $id, url: $url, events: $events, active: $active) { id url events active }
}`;
const ROTATE = `mutation($id: ID!) {
  rotateWebhookSecret(id: $id) { secret webhook { id url events active } }
}`;

describeEachDatabase('editing webhooks', (server) => {
  const endpoint = async (id: string) =>
    server()
      .dataSource.getRepository(WebhookEndpoint)
      .findOneByOrFail({ id: Number(id) });

  async function withWebhook() {
    const client = server().client();
    await signUp(client, { currency: 'EUR' });
    const { createWebhook } = await client.data<{
      createWebhook: { secret: string; webhook: { id: string } };
    }>(
      'mutation { createWebhook(url: "https://hooks.example.com/a", events: ["transaction.created"]) { secret webhook { id } } }',
    );
    return { client, id: createWebhook.webhook.id, secret: createWebhook.secret };
  }

  test('each field changes alone; the others stay', async () => {
    const { client, id } = await withWebhook();
    const update = async (variables: Record<string, unknown>) =>
      (await client.data<{ updateWebhook: unknown }>(UPDATE, { id, ...variables })).updateWebhook;
    expect(await update({ url: ' https://hooks.example.org/b?x=1 ' })).toEqual({
      id,
      url: 'https://hooks.example.org/b?x=1',
      events: ['transaction.created'],
      active: true,
    });
    expect(await update({ events: ['bill.due', 'budget.exceeded', 'bill.due'] })).toEqual({
      id,
      url: 'https://hooks.example.org/b?x=1',
      events: ['bill.due', 'budget.exceeded'],
      active: true,
    });
    expect(await update({ active: false })).toEqual({
      id,
      url: 'https://hooks.example.org/b?x=1',
      events: ['bill.due', 'budget.exceeded'],
      active: false,
    });
    const { webhooks } = await client.data<{ webhooks: unknown[] }>(
      '{ webhooks { id url events active } }',
    );
    expect(webhooks).toEqual([
      {
        id,
        url: 'https://hooks.example.org/b?x=1',
        events: ['bill.due', 'budget.exceeded'],
        active: false,
      },
    ]);
  });

  test('re-enabling an endpoint disabled after failures resets its failure count', async () => {
    const { client, id } = await withWebhook();
    await server()
      .dataSource.getRepository(WebhookEndpoint)
      .update({ id: Number(id) }, { active: false, consecutiveFailures: FAILURES_TO_DISABLE });
    // Changing something else leaves the count as it is.
    await client.data(UPDATE, { id, events: ['transaction.deleted'] });
    expect((await endpoint(id)).consecutiveFailures).toBe(FAILURES_TO_DISABLE);
    await client.data(UPDATE, { id, active: true });
    const saved = await endpoint(id);
    expect([saved.active, saved.consecutiveFailures]).toEqual([true, 0]);
  });

  test('bad input is refused as at creation, and nothing changes', async () => {
    const { client, id } = await withWebhook();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ url: 'http://example.com/hook' }, 'url', /https:\/\//],
      [{ url: 'https://127.0.0.1/hook' }, 'url', /Private/],
      [{ url: 'https://localhost/hook' }, 'url', /Private/],
      [{ url: 'https://10.1.2.3/hook' }, 'url', /Private/],
      [{ url: 'not a url' }, 'url', /Not a URL/],
      [{ url: 'https://user:pw@example.com/' }, 'url', /credentials/],
      [{ events: [] }, 'events', /at least one/],
      [{ events: ['transaction.created', 'nope'] }, 'events', /Unknown event "nope"/],
    ];
    for (const [variables, field, message] of cases) {
      const result = await client.gql(UPDATE, { id, active: false, ...variables });
      const error = result.errors?.[0];
      expect([variables, error?.extensions?.code, error?.extensions?.field]).toEqual([
        variables,
        'BAD_USER_INPUT',
        field,
      ]);
      expect(error?.message).toMatch(message);
    }
    const saved = await endpoint(id);
    expect([saved.url, saved.events, saved.active]).toEqual([
      'https://hooks.example.com/a',
      'transaction.created',
      true,
    ]);
  });

  test("another user's endpoint is not found, to edit or to rotate", async () => {
    const { id, secret } = await withWebhook();
    const stranger = server().client();
    await signUp(stranger, { currency: 'EUR' });
    const before = await endpoint(id);
    for (const [query, variables] of [
      [UPDATE, { id, active: false }],
      [UPDATE, { id, url: 'https://evil.example.com/' }],
      [ROTATE, { id }],
      [ROTATE, { id: 'not-an-id' }],
    ] as const) {
      const result = await stranger.gql(query, variables);
      expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const after = await endpoint(id);
    expect(after).toEqual(before);
    expect(secret).toMatch(/^whsec_/);
  });

  test('a new secret is stored sealed, shown once, and signs every delivery after it', async () => {
    const client = server().client();
    const user = await signUp(client, { currency: 'EUR' });
    const clock = new FakeClock(new Date(Date.now() + 1000));
    const hook = await receiver(() => 200);
    try {
      // The receiver listens on localhost, which only an instance allowing private addresses
      // takes: the endpoint is made through the service, rotated over the API.
      const app = createServices(
        server().dataSource,
        { ...server().config, webhooksAllowPrivate: true },
        { clock },
      );
      const owner = (await app.users.findById(Number(user.id))) as User;
      const scope = await app.ledgers.scope(owner, null, 'write');
      const created = await app.webhooks.create(scope.ledgerId, owner.id, hook.url, [
        'transaction.created',
      ]);
      const id = String(created.endpoint.id);
      const deliver = async () => {
        for (let round = 0; round < 3; round++) await app.jobRunner.tick(clock.advance(1000));
      };
      hook.setSecret(created.secret);
      await addExpense(client, { amount: '1.00', date: '2024-03-01' });
      await deliver();
      const sealedBefore = (await endpoint(id)).secret;

      const { rotateWebhookSecret } = await client.data<{
        rotateWebhookSecret: { secret: string; webhook: unknown };
      }>(ROTATE, { id });
      const fresh = rotateWebhookSecret.secret;
      expect(fresh).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
      expect(fresh).not.toBe(created.secret);
      expect(rotateWebhookSecret.webhook).toEqual({
        id,
        url: hook.url,
        events: ['transaction.created'],
        active: true,
      });
      const sealedAfter = (await endpoint(id)).secret;
      expect(sealedAfter).toMatch(/^v1:[A-Za-z0-9_-]{88}$/);
      expect(sealedAfter).not.toBe(sealedBefore);
      expect(sealedAfter).not.toContain(fresh.slice('whsec_'.length, 20));

      // The receiver still checking the old secret: the next delivery does not verify.
      await addExpense(client, { amount: '2.00', date: '2024-03-02' });
      await deliver();
      // Given the new one, it does.
      hook.setSecret(fresh);
      await addExpense(client, { amount: '3.00', date: '2024-03-03' });
      await deliver();
      expect(hook.requests.map((r) => [r.data.amount, r.verified])).toEqual([
        ['1.00', true],
        ['2.00', false],
        ['3.00', true],
      ]);
      // The secret is not shown again anywhere.
      const listed = await client.data('{ webhooks { id url events active } }');
      expect(JSON.stringify(listed)).not.toContain('whsec_');
    } finally {
      await hook.close();
    }
  });
});
