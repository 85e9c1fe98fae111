import { signUp } from '../../../test/factories';
import { describeEachDatabase } from '../../../test/test-server';
import { addDays, today } from '../../lib/dates';
import { createServices } from '../../services';
import { TransactionKind } from '../ledger/transaction.entity';
import { User } from '../users/user.entity';

const FIELDS =
  'id payee rrule cadence kind amount currency occurrences firstDate lastDate nextDate';
const DETECT = `mutation { detectRecurringSuggestions { ${FIELDS} } }`;
const LIST = `{ recurringSuggestions { ${FIELDS} } }`;
const DISMISS = 'mutation($id: ID!) { dismissRecurringSuggestion(id: $id) }';

describeEachDatabase('recurring suggestions', (server) => {
  async function setUp() {
    const client = server().client();
    const { id } = await signUp(client);
    const services = createServices(server().dataSource, server().config);
    const user = await server()
      .dataSource.getRepository(User)
      .findOneByOrFail({ id: Number(id) });
    const scope = await services.ledgers.scope(user, null, 'write');
    // Weekly for ten weeks up to this week, and a streaming bill every 30 days with a reference
    // number; noise around them.
    const weekly = Array.from({ length: 10 }, (_, i) => ({
      kind: TransactionKind.EXPENSE,
      description: 'Weekly veg box',
      payee: `FARM BOX ${1000 + i}`,
      amount: i % 2 ? '24.50' : '25.00',
      category: 'Food',
      date: addDays(today(), -7 * (9 - i) - 1),
    }));
    const noise = ['Cinema', 'Hardware', 'Cinema', 'Bookshop'].map((description, i) => ({
      kind: TransactionKind.EXPENSE,
      description,
      amount: String(10 + i * 7),
      category: 'Others',
      date: addDays(today(), -3 - i * 11),
    }));
    const salary = [0, 1, 2, 3].map((i) => ({
      kind: TransactionKind.INCOME,
      description: `Payroll ACME ${i}`,
      amount: '2500.00',
      date: addDays(today(), -14 * (3 - i) - 2),
    }));
    await services.transactions.record(scope, [...weekly, ...noise, ...salary]);
    return { client, services, scope };
  }

  test('series are found, listed, and a dismissed one stays dismissed', async () => {
    const { client } = await setUp();
    expect((await client.data(LIST)).recurringSuggestions).toEqual([]);
    const found = (await client.data(DETECT)).detectRecurringSuggestions;
    expect(found).toEqual([
      expect.objectContaining({
        payee: 'FARM BOX 1009',
        cadence: 'WEEKLY',
        kind: 'EXPENSE',
        amount: '24.75',
        currency: 'USD',
        occurrences: 10,
        nextDate: addDays(today(), 6),
      }),
      expect.objectContaining({
        payee: 'Payroll ACME 3',
        cadence: 'BIWEEKLY',
        kind: 'INCOME',
        amount: '2500.00',
        occurrences: 4,
      }),
    ]);
    expect(found[0].rrule).toMatch(/^FREQ=WEEKLY;BYDAY=(MO|TU|WE|TH|FR|SA|SU)$/);
    expect((await client.data(LIST)).recurringSuggestions).toEqual(found);
    expect(await client.data(DISMISS, { id: found[0].id })).toEqual({
      dismissRecurringSuggestion: true,
    });
    const again = (await client.data(DETECT)).detectRecurringSuggestions;
    expect(again.map((s: { payee: string }) => s.payee)).toEqual(['Payroll ACME 3']);
    expect(again[0].id).toBe(found[1].id);
    const second = await client.gql(DISMISS, { id: found[0].id });
    expect(second.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const other = server().client();
    await signUp(other);
    expect((await other.gql(DISMISS, { id: found[1].id })).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect((await other.data(LIST)).recurringSuggestions).toEqual([]);
  });

  test('accepting makes an EXPECT rule from the next date, through the recurring rules', async () => {
    const { client } = await setUp();
    const [weekly] = (await client.data(DETECT)).detectRecurringSuggestions;
    const accepted = (
      await client.data(
        'mutation($id: ID!) { acceptRecurringSuggestion(id: $id) { name rrule mode kind amount payee nextDate paused } }',
        { id: weekly.id },
      )
    ).acceptRecurringSuggestion;
    expect(accepted).toEqual({
      name: 'FARM BOX 1009',
      rrule: weekly.rrule,
      mode: 'EXPECT',
      kind: 'EXPENSE',
      amount: '24.75',
      payee: 'FARM BOX 1009',
      nextDate: weekly.nextDate,
      paused: false,
    });
    expect((await client.data('{ recurringRules { name mode } }')).recurringRules).toEqual([
      { name: 'FARM BOX 1009', mode: 'EXPECT' },
    ]);
    const left = (await client.data(DETECT)).detectRecurringSuggestions;
    expect(left.map((s: { payee: string }) => s.payee)).toEqual(['Payroll ACME 3']);
    const again = await client.gql(
      'mutation($id: ID!) { acceptRecurringSuggestion(id: $id) { name } }',
      { id: weekly.id },
    );
    expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
