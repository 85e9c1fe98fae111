import { addExpense, signUp } from '../../../test/factories';
import { describeEachDatabase } from '../../../test/test-server';
import { receiver } from '../../../test/webhooks';
import { createServices } from '../../services';
import { FakeClock } from '../jobs/fake-clock';
import type { User } from '../users/user.entity';
import { SecretBox } from './secret-box';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entity';

describeEachDatabase('webhook secrets at rest', (server) => {
  const instance = (clock: FakeClock, webhookSecretKey?: string) =>
    createServices(
      server().dataSource,
      { ...server().config, webhooksAllowPrivate: true, webhookSecretKey },
      { clock },
    );

  const hooks: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(hooks.splice(0).map((hook) => hook.close()));
  });

  /** A user with an endpoint, and the secret as the API shows it, once. */
  async function setUp() {
    const client = server().client();
    const user = await signUp(client, { currency: 'EUR' });
    const clock = new FakeClock(new Date(Date.now() + 1000));
    const hook = await receiver(() => 200);
    hooks.push(hook);
    const app = instance(clock);
    const owner = (await app.users.findById(Number(user.id))) as User;
    const scope = await app.ledgers.scope(owner, null, 'write');
    const created = await app.webhooks.create(scope.ledgerId, owner.id, hook.url, [
      'transaction.created',
    ]);
    hook.setSecret(created.secret);
    const createWebhook = { secret: created.secret, webhook: { id: String(created.endpoint.id) } };
    const id = Number(createWebhook.webhook.id);
    const stored = async () =>
      (await server().dataSource.getRepository(WebhookEndpoint).findOneByOrFail({ id })).secret;
    const deliver = async (app: ReturnType<typeof instance>) => {
      for (let round = 0; round < 3; round++) await app.jobRunner.tick(clock.advance(1000));
    };
    return { client, clock, hook, id, secret: createWebhook.secret, stored, deliver };
  }

  test('the column holds no secret, and deliveries are still signed with it', async () => {
    const { client, clock, hook, secret, stored, deliver } = await setUp();
    try {
      const column = await stored();
      expect(column).toMatch(/^v1:[A-Za-z0-9_-]{88}$/);
      expect(column).not.toContain(secret);
      expect(column).not.toContain(secret.slice('whsec_'.length, 20));
      await addExpense(client, { amount: '3.00', date: '2024-03-01' });
      await deliver(instance(clock));
      expect(hook.requests.map((r) => [r.type, r.verified])).toEqual([
        ['transaction.created', true],
      ]);
    } finally {
      await hook.close();
    }
  });

  test('a secret stored in plain text still signs, and the sweep encrypts it', async () => {
    const { client, clock, hook, id, stored, deliver } = await setUp();
    try {
      // As a row written before encryption at rest.
      const legacy = 'whsec_legacyLegacyLegacyLegacyLegacy00';
      await server().dataSource.getRepository(WebhookEndpoint).update({ id }, { secret: legacy });
      hook.setSecret(legacy);
      const app = instance(clock);
      await addExpense(client, { amount: '4.00', date: '2024-03-02' });
      expect(await app.webhooks.sealPlainSecrets()).toBe(1);
      expect(await app.webhooks.sealPlainSecrets()).toBe(0);
      const column = await stored();
      expect(column).toMatch(/^v1:/);
      expect(column).not.toContain('egacy');
      await addExpense(client, { amount: '5.00', date: '2024-03-03' });
      await deliver(app);
      expect(hook.requests.map((r) => [r.data.amount, r.verified])).toEqual([
        ['4.00', true],
        ['5.00', true],
      ]);
    } finally {
      await hook.close();
    }
  });

  test('another key cannot read the secret: the delivery log says so', async () => {
    const { client, clock, hook, id, deliver } = await setUp();
    try {
      await addExpense(client, { amount: '6.00', date: '2024-03-04' });
      await deliver(instance(clock, 'another key of at least thirty-two characters'));
      expect(hook.requests).toEqual([]);
      const log = await server()
        .dataSource.getRepository(WebhookDelivery)
        .find({ where: { endpointId: id } });
      expect(log.map((d) => [d.ok, d.error])).toEqual([
        [
          false,
          'The signing secret cannot be decrypted: WEBHOOK_SECRET_KEY is not the key it was stored with',
        ],
      ]);
    } finally {
      await hook.close();
    }
  });
});

describe('the secret box', () => {
  test('seals with a fresh IV each time and opens only with its own key', () => {
    const box = new SecretBox('k'.repeat(32));
    const a = box.seal('whsec_abc');
    const b = box.seal('whsec_abc');
    expect(a).not.toBe(b);
    expect([box.open(a), box.open(b)]).toEqual(['whsec_abc', 'whsec_abc']);
    expect(box.open('whsec_plain')).toBe('whsec_plain');
    expect(() => new SecretBox('j'.repeat(32)).open(a)).toThrow(/cannot be decrypted/);
    const tampered = a.slice(0, -2) + (a.endsWith('A') ? 'BB' : 'AA');
    expect(() => box.open(tampered)).toThrow(/cannot be decrypted/);
  });
});
