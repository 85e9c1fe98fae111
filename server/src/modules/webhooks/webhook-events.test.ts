import { addDays } from '../recurring/recurrence';
import type { ApiClient } from '../../../test/api-client';
import { addExpense, signUp } from '../../../test/factories';
import { commitAndWait, defaultAccountId, previewFile } from '../../../test/imports';
import { describeEachDatabase } from '../../../test/test-server';
import { receiver } from '../../../test/webhooks';
import { createServices } from '../../services';
import { FakeClock } from '../jobs/fake-clock';
import type { User } from '../users/user.entity';
import { WebhookOnce } from './webhook.entity';
import type { WebhookEventType } from './webhook.service';

const TARGET = `mutation($category: String!, $amount: Decimal!, $month: Month!) {
  setBudgetCategory(input: { category: $category, targetAmount: $amount, targetMonth: $month }) { id } }`;
const RULE = `mutation($input: RecurringRuleInput!) { createRecurringRule(input: $input) { id } }`;

describeEachDatabase('budget.exceeded and bill.due', (server) => {
  /** A user, an endpoint listening to `events` on a real receiver, and a job runner on a fake clock. */
  async function setUp(events: WebhookEventType[]) {
    const client = server().client();
    const user = await signUp(client, { currency: 'EUR' });
    // Jobs the API enqueues run at the real "now": the fake clock starts just after it.
    const clock = new FakeClock(new Date(Date.now() + 1000));
    const app = createServices(
      server().dataSource,
      { ...server().config, webhooksAllowPrivate: true },
      { clock },
    );
    const owner = (await app.users.findById(Number(user.id))) as User;
    const scope = await app.ledgers.scope(owner, null, 'write');
    const hook = await receiver(() => 200);
    const { secret } = await app.webhooks.create(scope.ledgerId, owner.id, hook.url, events);
    hook.setSecret(secret);
    /** Runs the jobs: events are queued, then delivered. */
    const deliver = async () => {
      for (let round = 0; round < 3; round++) await app.jobRunner.tick(clock.advance(1000));
    };
    return { client, clock, app, hook, ledgerId: scope.ledgerId, deliver };
  }

  const target = (client: ApiClient, category: string, amount: string, month: string) =>
    client.data(TARGET, { category, amount, month });

  test('a write taking a category over its month’s target is announced once', async () => {
    const { client, app, hook, ledgerId, deliver } = await setUp(['budget.exceeded']);
    try {
      await target(client, 'Food', '50', '2024-03');
      await target(client, 'Food', '10', '2024-04');
      const first = await addExpense(client, {
        amount: '30',
        category: 'Food',
        date: '2024-03-05',
      });
      await addExpense(client, { amount: '20', category: 'Food', date: '2024-03-06' });
      await deliver();
      // 50 of 50: not over yet.
      expect(hook.requests).toEqual([]);
      await addExpense(client, { amount: '0.01', category: 'Food', date: '2024-03-07' });
      // Over already: later writes, an update included, announce nothing more.
      await addExpense(client, { amount: '5', category: 'Food', date: '2024-03-08' });
      await client.data(
        'mutation($id: ID!, $input: ExpenseInput!) { updateExpense(id: $id, input: $input) { id } }',
        {
          id: first.id,
          input: { description: 'More', amount: '31', category: 'Food', date: '2024-03-05' },
        },
      );
      // No target for Rent; April's is crossed by moving an expense there.
      await addExpense(client, { amount: '500', category: 'Rent', date: '2024-03-01' });
      await client.data(
        'mutation($id: ID!, $input: ExpenseInput!) { updateExpense(id: $id, input: $input) { id } }',
        {
          id: first.id,
          input: { description: 'Moved', amount: '31', category: 'Food', date: '2024-04-02' },
        },
      );
      await deliver();
      expect(hook.requests.map((r) => [r.type, r.data, r.verified])).toEqual([
        [
          'budget.exceeded',
          {
            categoryId: first.category.id,
            category: 'Food',
            month: '2024-03',
            target: '50.00',
            spent: '50.01',
            currency: 'EUR',
          },
          true,
        ],
        [
          'budget.exceeded',
          {
            categoryId: first.category.id,
            category: 'Food',
            month: '2024-04',
            target: '10.00',
            spent: '31.00',
            currency: 'EUR',
          },
          true,
        ],
      ]);
      const records = await app.dataSource
        .getRepository(WebhookOnce)
        .find({ where: { ledgerId }, order: { id: 'ASC' } });
      expect(records.map((r) => [r.eventKey, r.eventId])).toEqual([
        [`budget.exceeded:${first.category.id}:2024-03`, hook.requests[0].id],
        [`budget.exceeded:${first.category.id}:2024-04`, hook.requests[1].id],
      ]);
    } finally {
      await hook.close();
    }
  });

  test('an import that crosses a target announces it in the import’s own transaction', async () => {
    const { client, hook, deliver } = await setUp(['budget.exceeded']);
    try {
      await target(client, 'Uncategorized', '5', '2024-05');
      const accountId = await defaultAccountId(client);
      const csv = 'Date,Description,Amount\n2024-05-01,Kiosk,-3.50\n2024-05-02,Kiosk,-4.00\n';
      const result = await commitAndWait(
        client,
        (await previewFile(client, csv, { accountId })).importId,
      );
      expect(result.status).toBe('DONE');
      await deliver();
      expect(hook.requests.map((r) => [r.type, r.data.month, r.data.spent])).toEqual([
        ['budget.exceeded', '2024-05', '7.50'],
      ]);
    } finally {
      await hook.close();
    }
  });

  test('the reminders job announces each bill occurrence once, on its day', async () => {
    const { client, clock, app, hook, deliver } = await setUp(['bill.due']);
    try {
      const today = new Date().toISOString().slice(0, 10);
      const rule = (input: Record<string, unknown>) =>
        client.data(RULE, {
          input: {
            rrule: 'FREQ=MONTHLY',
            kind: 'EXPENSE',
            category: 'Bills',
            mode: 'EXPECT',
            ...input,
          },
        });
      const streaming = (
        await rule({ name: 'Streaming', startDate: today, amount: '12.99', payee: 'Flix' })
      ).createRecurringRule.id as string;
      // Paid (confirmed) two days ago: due all the same, and said so.
      const rent = (await rule({ name: 'Rent', startDate: addDays(today, -2), amount: '900' }))
        .createRecurringRule.id as string;
      await client.data(
        'mutation($id: ID!, $date: Date!) { confirmRecurringOccurrence(ruleId: $id, date: $date) { id } }',
        { id: rent, date: addDays(today, -2) },
      );
      const gym = (await rule({ name: 'Gym', startDate: today, amount: '29' })).createRecurringRule
        .id as string;
      await client.data(
        'mutation($id: ID!, $date: Date!) { skipRecurringOccurrence(ruleId: $id, date: $date) { id } }',
        { id: gym, date: today },
      );
      await rule({ name: 'Later', startDate: addDays(today, 3), amount: '5' });
      await rule({ name: 'Salary', startDate: today, amount: '3000', kind: 'INCOME' });
      await deliver();
      // A quarter of an hour later the reminders job runs again; a new instance too.
      await app.jobRunner.tick(clock.advance(16 * 60_000));
      await deliver();
      const other = createServices(
        server().dataSource,
        { ...server().config, webhooksAllowPrivate: true },
        { clock },
      );
      await other.jobRunner.tick(clock.advance(16 * 60_000));
      await deliver();
      const announced = hook.requests
        .map((r): Record<string, unknown> => ({ ...r.data, verified: r.verified, type: r.type }))
        .sort((a, b) => String(a.name).localeCompare(String(b.name)));
      expect(announced).toEqual([
        expect.objectContaining({
          type: 'bill.due',
          recurringId: rent,
          name: 'Rent',
          date: addDays(today, -2),
          amount: '900.00',
          mode: 'EXPECT',
          status: 'CONFIRMED',
          transactionId: expect.stringMatching(/^\d+$/),
          verified: true,
        }),
        expect.objectContaining({
          type: 'bill.due',
          recurringId: streaming,
          name: 'Streaming',
          date: today,
          amount: '12.99',
          payee: 'Flix',
          mode: 'EXPECT',
          status: 'OPEN',
          transactionId: null,
          verified: true,
        }),
      ]);
      expect(new Set(hook.requests.map((r) => r.id)).size).toBe(2);
    } finally {
      await hook.close();
    }
  });

  test('an AUTO bill is announced as POSTED even when the reminders job runs before posting', async () => {
    const { client, clock, app, hook, ledgerId, deliver } = await setUp(['bill.due']);
    try {
      // A day of its own, two days on: no other test's periodic jobs ran for it.
      const day = addDays(new Date().toISOString().slice(0, 10), 2);
      const made = await client.data(RULE, {
        input: {
          name: 'Phone',
          rrule: 'FREQ=MONTHLY',
          startDate: day,
          kind: 'EXPENSE',
          category: 'Bills',
          mode: 'AUTO',
          amount: '20',
        },
      });
      const id = made.createRecurringRule.id as string;
      // The job the creation queued runs now and finds nothing due yet.
      await app.jobRunner.tick(clock.now());
      // On the day, before anything is posted, the bill is not announced at all (not as OPEN).
      const morning = new Date(`${day}T00:05:00Z`);
      expect(await app.bills.dueOccurrences([ledgerId], morning)).toEqual([]);
      // The reminders job's period starts at the quarter hour, the posting job's at the minute:
      // in the day's first tick the reminders job runs first.
      clock.set(morning);
      await deliver();
      const { transactions } = await client.data(
        '{ transactions(filter: { search: "Phone" }) { totalCount nodes { id date } } }',
      );
      expect(transactions.totalCount).toBe(1);
      expect(hook.requests.map((r) => r.data)).toEqual([
        expect.objectContaining({
          recurringId: id,
          date: day,
          mode: 'AUTO',
          status: 'POSTED',
          transactionId: transactions.nodes[0].id,
        }),
      ]);
    } finally {
      await hook.close();
    }
  });
});
