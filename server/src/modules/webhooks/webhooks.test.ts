import { describeEachDatabase, type TestServer } from '../../../test/test-server';
import { receiver } from '../../../test/webhooks';
import { addExpense, signUp } from '../../../test/factories';
import { commitAndWait, defaultAccountId, previewFile } from '../../../test/imports';
import { createServices } from '../../services';
import { FakeClock } from '../jobs/fake-clock';
import type { User } from '../users/user.entity';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entity';
import { FAILURES_TO_DISABLE } from './webhook.service';

describeEachDatabase('webhooks', (server) => {
  /** A fresh "instance" of the app's services (its own job runner) on the test server's database. */
  const instance = (server: () => TestServer, clock: FakeClock, allowPrivate = true) =>
    createServices(
      server().dataSource,
      { ...server().config, webhooksAllowPrivate: allowPrivate },
      { clock },
    );

  async function setUp(statuses: () => number) {
    const client = server().client();
    const user = await signUp(client, { currency: 'EUR' });
    // Jobs the API enqueues run at the real "now": the fake clock starts just after it.
    const clock = new FakeClock(new Date(Date.now() + 1000));
    const app = instance(server, clock);
    const owner = (await app.users.findById(Number(user.id))) as User;
    const scope = await app.ledgers.scope(owner, null, 'write');
    const hook = await receiver(statuses);
    const { secret, endpoint } = await app.webhooks.create(scope.ledgerId, owner.id, hook.url, [
      'transaction.created',
      'transaction.updated',
      'transaction.deleted',
    ]);
    hook.setSecret(secret);
    return { client, clock, app, hook, endpoint };
  }

  test('every write is posted once, signed, with the event shape of the contract', async () => {
    const { client, clock, app, hook, endpoint } = await setUp(() => 200);
    try {
      const expense = await addExpense(client, { amount: '12.30', date: '2024-03-05' });
      await client.data(
        'mutation($id: ID!, $input: ExpenseInput!) { updateExpense(id: $id, input: $input) { id } }',
        {
          id: expense.id,
          input: { description: 'Books', amount: '15', category: 'Food', date: '2024-03-06' },
        },
      );
      await client.data('mutation($id: ID!) { deleteExpense(id: $id) }', { id: expense.id });
      // The event jobs fan out into delivery jobs, which the next round delivers.
      await app.jobRunner.tick(clock.advance(1000));
      await app.jobRunner.tick(clock.advance(1000));
      expect(hook.requests.map((r) => [r.type, r.data.id, r.data.amount, r.verified])).toEqual([
        ['transaction.created', expense.id, '12.30', true],
        ['transaction.updated', expense.id, '15.00', true],
        ['transaction.deleted', expense.id, '15.00', true],
      ]);
      expect(new Set(hook.requests.map((r) => r.id)).size).toBe(3);
      const log = await app.dataSource
        .getRepository(WebhookDelivery)
        .find({ where: { endpointId: endpoint.id } });
      expect(log.map((d) => [d.ok, d.statusCode, d.attempt])).toEqual([
        [true, 200, 1],
        [true, 200, 1],
        [true, 200, 1],
      ]);
      // The API's view: the log, and the secret never again.
      const { webhooks } = await client.data<{
        webhooks: { id: string; active: boolean; deliveries: { ok: boolean }[] }[];
      }>('{ webhooks { id active deliveries(first: 2) { ok statusCode eventType } } }');
      expect(webhooks).toEqual([
        {
          id: String(endpoint.id),
          active: true,
          deliveries: [
            { ok: true, statusCode: 200, eventType: 'transaction.deleted' },
            { ok: true, statusCode: 200, eventType: 'transaction.updated' },
          ],
        },
      ]);
      await app.jobRunner.tick(clock.advance(3_600_000));
      expect(hook.requests).toHaveLength(3);
    } finally {
      await hook.close();
    }
  });

  test('500s are retried with backoff; a restart mid-retry loses and duplicates nothing', async () => {
    const answers = [500, 500, 200, 200];
    const { client, clock, app, hook, endpoint } = await setUp(() => answers.shift() ?? 200);
    try {
      await addExpense(client, { amount: '1.00', date: '2024-04-01' });
      await app.jobRunner.tick(clock.advance(1000));
      await app.jobRunner.tick(clock.advance(1000));
      expect(hook.requests).toHaveLength(1);
      // Not yet due (the first retry waits 30 s).
      await app.jobRunner.tick(clock.advance(20_000));
      expect(hook.requests).toHaveLength(1);
      await app.jobRunner.tick(clock.advance(11_000));
      expect(hook.requests).toHaveLength(2);
      // The instance dies; another, started later, takes over the pending retry.
      app.jobRunner.abandon();
      const next = instance(server, clock);
      await next.jobRunner.tick(clock.advance(61_000));
      await next.jobRunner.tick(clock.advance(6 * 3_600_000));
      expect(hook.requests).toHaveLength(3);
      expect(new Set(hook.requests.map((r) => r.id)).size).toBe(1);
      expect(hook.requests.every((r) => r.verified)).toBe(true);
      const log = await next.dataSource
        .getRepository(WebhookDelivery)
        .find({ where: { endpointId: endpoint.id }, order: { id: 'ASC' } });
      expect(log.map((d) => [d.statusCode, d.ok, d.attempt])).toEqual([
        [500, false, 1],
        [500, false, 2],
        [200, true, 3],
      ]);
      const saved = await next.dataSource
        .getRepository(WebhookEndpoint)
        .findOneByOrFail({ id: endpoint.id });
      expect(saved.consecutiveFailures).toBe(0);
    } finally {
      await hook.close();
    }
  });

  test('an endpoint failing again and again is disabled, with a notification', async () => {
    const { client, clock, app, hook, endpoint } = await setUp(() => 500);
    try {
      await addExpense(client, { amount: '1.00', date: '2024-05-01' });
      await addExpense(client, { amount: '2.00', date: '2024-05-02' });
      for (let round = 0; round < 12; round++)
        await app.jobRunner.tick(clock.advance(7 * 3_600_000));
      const saved = await app.dataSource
        .getRepository(WebhookEndpoint)
        .findOneByOrFail({ id: endpoint.id });
      expect(saved.active).toBe(false);
      expect(hook.requests).toHaveLength(FAILURES_TO_DISABLE);
      const { notifications } = await client.data<{
        notifications: { nodes: { kind: string; title: string }[] };
      }>('{ notifications { nodes { kind title } } }');
      expect(notifications.nodes).toContainEqual({
        kind: 'WEBHOOK',
        title: 'A webhook was disabled',
      });
      // Disabled: new writes are not even queued, old retries send nothing.
      await addExpense(client, { amount: '3.00', date: '2024-05-03' });
      await app.jobRunner.tick(clock.advance(7 * 3_600_000));
      expect(hook.requests).toHaveLength(FAILURES_TO_DISABLE);
    } finally {
      await hook.close();
    }
  });

  test('private addresses are refused, by name and by the address connected to', async () => {
    const { client, clock, app, hook, endpoint } = await setUp(() => 200);
    try {
      for (const url of [
        'http://example.com/hook',
        'https://127.0.0.1/hook',
        'https://localhost/hook',
        'https://[::1]/hook',
        'https://169.254.169.254/latest',
        'https://10.1.2.3/hook',
        'ftp://example.com/hook',
      ]) {
        const result = await client.gql(
          'mutation($url: String!) { createWebhook(url: $url, events: ["transaction.created"]) { secret } }',
          { url },
        );
        expect([url, result.errors?.[0]?.extensions?.code]).toEqual([url, 'BAD_USER_INPUT']);
      }
      const created = await client.data<{
        createWebhook: { secret: string; webhook: { url: string; events: string[] } };
      }>(
        'mutation { createWebhook(url: "https://hooks.example.com/x", events: ["bill.due"]) { secret webhook { url events active } } }',
      );
      expect(created.createWebhook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
      expect(created.createWebhook.webhook).toEqual({
        url: 'https://hooks.example.com/x',
        events: ['bill.due'],
        active: true,
      });
      // An instance that does not allow private addresses: "localhost" resolves to loopback.
      app.jobRunner.abandon();
      const strict = instance(server, clock, false);
      await addExpense(client, { amount: '1.00', date: '2024-06-01' });
      await strict.jobRunner.tick(clock.advance(1000));
      await strict.jobRunner.tick(clock.advance(1000));
      expect(hook.requests).toHaveLength(0);
      const log = await strict.dataSource
        .getRepository(WebhookDelivery)
        .find({ where: { endpointId: endpoint.id } });
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({ ok: false, statusCode: null });
      expect(log[0].error).toMatch(/private address \((127\.0\.0\.1|::1)\)/);
    } finally {
      await hook.close();
    }
  });

  test('a committed bank import is announced once as import.completed', async () => {
    const { client, clock, app, hook } = await setUp(() => 200);
    try {
      const user = await app.users.findByLogin(
        (await client.data<{ me: { username: string } }>('{ me { username } }')).me.username,
      );
      const scope = await app.ledgers.scope(user as User, null, 'write');
      const created = await app.webhooks.create(scope.ledgerId, scope.user.id, hook.url, [
        'import.completed',
      ]);
      hook.setSecret(created.secret);
      const accountId = await defaultAccountId(client);
      const csv = 'Date,Description,Amount\n2024-03-01,Coffee,-3.50\n2024-03-02,Salary,2500.00\n';
      const preview = await previewFile(client, csv, { accountId });
      const result = await commitAndWait(client, preview.importId);
      expect(result.status).toBe('DONE');
      await app.jobRunner.tick(clock.advance(1000));
      await app.jobRunner.tick(clock.advance(1000));
      const announced = hook.requests.filter((r) => r.type === 'import.completed');
      expect(announced.map((r) => [r.data, r.verified])).toEqual([
        [
          {
            importId: preview.importId,
            accountId,
            imported: 2,
            skippedDuplicates: 0,
            from: '2024-03-01',
            to: '2024-03-02',
          },
          true,
        ],
      ]);
    } finally {
      await hook.close();
    }
  });
});
