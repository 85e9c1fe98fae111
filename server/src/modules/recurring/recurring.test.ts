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

  test('bad input is refused with its field and a clear message, and nothing is written', async () => {
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
    const cases: [Record<string, unknown>, string, string, string][] = [
      [
        { rrule: 'FREQ=SOMETIMES' },
        'BAD_USER_INPUT',
        'rrule',
        'FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY',
      ],
      [
        { rrule: 'every month' },
        'BAD_USER_INPUT',
        'rrule',
        '"EVERYMONTH" is not a KEY=VALUE part of a recurrence rule',
      ],
      [
        { rrule: 'FREQ=MONTHLY;UNTIL=20231231' },
        'BAD_USER_INPUT',
        'rrule',
        'UNTIL (2023-12-31) is before the start date 2024-01-31',
      ],
      [
        { rrule: 'FREQ=MONTHLY;COUNT=0' },
        'BAD_USER_INPUT',
        'rrule',
        'COUNT must be a whole number from 1 to 10000',
      ],
      [{ amount: '0' }, 'BAD_USER_INPUT', 'amount', 'Amount must be greater than 0'],
      [
        { accountId: archived.createAccount.id },
        'BAD_USER_INPUT',
        'accountId',
        'The account "Old" is archived; unarchive it to use it',
      ],
      [{ accountId: othersAccount }, 'NOT_FOUND', 'accountId', 'Account not found'],
      [
        { startDate: '2024-02-30' },
        'BAD_USER_INPUT',
        'startDate',
        'Start date must be a real calendar day as YYYY-MM-DD',
      ],
      [
        { kind: 'TRANSFER' },
        'BAD_USER_INPUT',
        'toAccountId',
        'Choose the account the money goes to',
      ],
    ];
    const refusals = async (mutation: string, variables: Record<string, unknown> = {}) => {
      const got: unknown[] = [];
      for (const [over] of cases) {
        const result = await client.gql(mutation, { ...variables, input: input(over) });
        const error = result.errors?.[0];
        got.push([over, error?.extensions?.code, error?.extensions?.field, error?.message]);
      }
      return got;
    };
    const expected = cases.map(([over, code, field, message]) => [over, code, field, message]);
    expect(await refusals(CREATE)).toEqual(expected);
    expect(await client.data('{ recurringRules { id } transactions { totalCount } }')).toEqual({
      recurringRules: [],
      transactions: { totalCount: 0 },
    });

    // An edit refused the same way leaves the rule as it was.
    const made = (await client.data(CREATE, { input: input({ startDate: '2099-01-31' }) })) as {
      createRecurringRule: Record<string, unknown> & { id: string };
    };
    const UPDATE = `mutation($id: ID!, $input: RecurringRuleInput!) {
      updateRecurringRule(id: $id, input: $input) { ${RULE} } }`;
    const refusedEdits = await refusals(UPDATE, { id: made.createRecurringRule.id });
    expect(refusedEdits.map((r) => (r as unknown[]).slice(1, 3))).toEqual(
      expected.map((e) => e.slice(1, 3)),
    );
    expect(await client.data(`{ recurringRules { ${RULE} } }`)).toEqual({
      recurringRules: [made.createRecurringRule],
    });
    expect(
      (await client.data('{ transactions { totalCount } }')) as Record<string, unknown>,
    ).toEqual({ transactions: { totalCount: 0 } });
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
