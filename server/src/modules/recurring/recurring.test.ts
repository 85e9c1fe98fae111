import { signUp } from '../../../test/factories';
import { describeEachDatabase } from '../../../test/test-server';
import type { ApiClient } from '../../../test/api-client';
import { createServices } from '../../services';
import { FakeClock } from '../jobs/fake-clock';

const RULE = `id name rrule startDate nextDate mode kind amount currency paused payee
  account { id name } category { name } nextDates(count: 4)`;
const CREATE = `mutation($input: RecurringRuleInput!) { createRecurringRule(input: $input) { ${RULE} } }`;

const input = (over: Record<string, unknown> = {}) => ({
  name: 'Rent',
  rrule: 'FREQ=MONTHLY;BYMONTHDAY=31',
  startDate: '2024-01-31',
  mode: 'AUTO',
  kind: 'EXPENSE',
  amount: '900',
  category: 'Housing',
  payee: 'Landlord',
  ...over,
});

describeEachDatabase('recurring rules, bills and reminders', (server) => {
  const runner = (start: string) => {
    const clock = new FakeClock(start);
    return { clock, services: createServices(server().dataSource, server().config, { clock }) };
  };
  const accountId = async (client: ApiClient) =>
    ((await client.data('{ accounts { id } }')) as { accounts: { id: string }[] }).accounts[0].id;
  const errorOf = async (client: ApiClient, over: Record<string, unknown>) => {
    const result = await client.gql(CREATE, { input: input(over) });
    return result.errors?.[0]?.extensions as { code: string; field?: string } | undefined;
  };

  test('bad input is refused with its field, and nothing is written', async () => {
    const client = server().client();
    await signUp(client);
    const other = server().client();
    await signUp(other);
    const othersAccount = await accountId(other);
    const archived = (await client.data(
      'mutation { createAccount(input: { name: "Old", type: CASH, currency: "USD" }) { id } }',
    )) as { createAccount: { id: string } };
    await client.data('mutation($id: ID!) { archiveAccount(id: $id) { id } }', {
      id: archived.createAccount.id,
    });
    expect(await errorOf(client, { rrule: 'FREQ=SOMETIMES' })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'rrule',
    });
    expect(await errorOf(client, { rrule: 'FREQ=MONTHLY;UNTIL=20231231' })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'rrule',
    });
    expect(await errorOf(client, { rrule: 'FREQ=MONTHLY;COUNT=0' })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'rrule',
    });
    expect(await errorOf(client, { amount: '0' })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'amount',
    });
    expect(await errorOf(client, { accountId: archived.createAccount.id })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'accountId',
    });
    expect(await errorOf(client, { accountId: othersAccount })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await errorOf(client, { startDate: '2024-02-30' })).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await errorOf(client, { kind: 'TRANSFER' })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'toAccountId',
    });
    expect(await client.data('{ recurringRules { id } transactions { totalCount } }')).toEqual({
      recurringRules: [],
      transactions: { totalCount: 0 },
    });
  });

  test('the 31st falls on the last day of shorter months and returns; catch-up posts each date once', async () => {
    const client = server().client();
    await signUp(client);
    const { createRecurringRule: rule } = (await client.data(CREATE, { input: input() })) as {
      createRecurringRule: { id: string; nextDate: string; nextDates: string[]; amount: string };
    };
    expect(rule.nextDates).toEqual(['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30']);
    expect(rule.amount).toBe('900.00');
    // Down since January: on May 2 every missed month is posted with its own date, once.
    const { clock, services } = runner('2024-05-02T09:00:00Z');
    await services.jobRunner.tick(clock.now());
    await services.jobRunner.tick(clock.advance(60_000));
    const listed = (await client.data(
      '{ transactions(filter: { search: "Rent" }) { nodes { date amount payee category { name } } } recurringRules { nextDate } unreadNotificationCount }',
    )) as {
      transactions: {
        nodes: { date: string; amount: string; payee: string; category: { name: string } }[];
      };
      recurringRules: { nextDate: string }[];
      unreadNotificationCount: number;
    };
    expect(listed.transactions.nodes.map((n) => n.date).sort()).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
    ]);
    expect(listed.transactions.nodes[0]).toMatchObject({
      amount: '900.00',
      payee: 'Landlord',
      category: { name: 'Housing' },
    });
    expect(listed.recurringRules[0].nextDate).toBe('2024-05-31');
    expect(listed.unreadNotificationCount).toBe(4);
    expect(await client.data('mutation { markNotificationsRead }')).toEqual({
      markNotificationsRead: 4,
    });
    expect(await client.data('{ unreadNotificationCount }')).toEqual({
      unreadNotificationCount: 0,
    });
  });

  test('"today" follows the time zone; paused rules post nothing until resumed', async () => {
    const client = server().client();
    await signUp(client);
    const bad = await client.gql(
      'mutation { updateUserSettings(input: { timeZone: "Mars/Olympus" }) { timeZone } }',
    );
    expect(bad.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'timeZone' });
    await client.data(
      'mutation { updateUserSettings(input: { timeZone: "Pacific/Auckland" }) { timeZone } }',
    );
    const { createRecurringRule: rule } = (await client.data(CREATE, {
      input: input({ name: 'Paper', rrule: 'FREQ=DAILY', startDate: '2024-06-02', amount: '2' }),
    })) as { createRecurringRule: { id: string } };
    // 2024-06-01 13:00 UTC is already June 2 in Auckland.
    const { clock, services } = runner('2024-06-01T13:00:00Z');
    await services.jobRunner.tick(clock.now());
    const count = async () =>
      (
        (await client.data('{ transactions { totalCount } }')) as {
          transactions: { totalCount: number };
        }
      ).transactions.totalCount;
    expect(await count()).toBe(1);
    await client.data(
      'mutation($id: ID!) { setRecurringRulePaused(id: $id, paused: true) { paused } }',
      { id: rule.id },
    );
    await services.jobRunner.tick(clock.advance(2 * 86_400_000));
    expect(await count()).toBe(1);
    await client.data(
      'mutation($id: ID!) { setRecurringRulePaused(id: $id, paused: false) { paused } }',
      { id: rule.id },
    );
    await services.jobRunner.tick(clock.advance(60_000));
    expect(await count()).toBe(3);
  });

  test('expected payments are matched with entered transactions, or confirmed or skipped', async () => {
    const client = server().client();
    await signUp(client);
    const { createRecurringRule: rule } = (await client.data(CREATE, {
      input: input({
        name: 'Power',
        mode: 'EXPECT',
        rrule: 'FREQ=MONTHLY;BYMONTHDAY=10',
        startDate: '2024-01-10',
        amount: '60',
      }),
    })) as { createRecurringRule: { id: string } };
    // January's bill came two days late and a little higher: it matches; nothing is posted.
    await client.data(
      'mutation { addExpense(input: { description: "Power co", amount: "61.50", category: "Bills", date: "2024-01-12" }) { id } }',
    );
    const { clock, services } = runner('2024-02-20T12:00:00Z');
    await services.jobRunner.tick(clock.now());
    const state = async () =>
      (await client.data('{ recurringRules { nextDate } transactions { totalCount } }')) as {
        recurringRules: { nextDate: string }[];
        transactions: { totalCount: number };
      };
    expect(await state()).toEqual({
      recurringRules: [{ nextDate: '2024-02-10' }],
      transactions: { totalCount: 1 },
    });
    const bills = (await client.data(
      '{ upcomingBills(days: 30) { date overdue amount rule { name } } }',
    )) as {
      upcomingBills: { date: string; overdue: boolean }[];
    };
    expect(bills.upcomingBills[0]).toMatchObject({ date: '2024-02-10', overdue: true });
    const skipBad = await client.gql(
      'mutation($id: ID!) { skipRecurringOccurrence(ruleId: $id, date: "2024-02-11") { nextDate } }',
      { id: rule.id },
    );
    expect(skipBad.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'date' });
    await client.data(
      'mutation($id: ID!) { confirmRecurringOccurrence(ruleId: $id, date: "2024-02-10") { nextDate } }',
      { id: rule.id },
    );
    await client.data(
      'mutation($id: ID!) { skipRecurringOccurrence(ruleId: $id, date: "2024-03-10") { nextDate } }',
      { id: rule.id },
    );
    expect(await state()).toEqual({
      recurringRules: [{ nextDate: '2024-04-10' }],
      transactions: { totalCount: 2 },
    });
    const again = await client.gql(
      'mutation($id: ID!) { confirmRecurringOccurrence(ruleId: $id, date: "2024-02-10") { nextDate } }',
      { id: rule.id },
    );
    expect(again.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'date' });
  });
});
