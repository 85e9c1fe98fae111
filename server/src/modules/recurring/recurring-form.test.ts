import { signUp } from '../../../test/factories';
import { describeEachDatabase } from '../../../test/test-server';

const PREVIEW = `query($rrule: String!, $startDate: Date!, $count: Int) {
  recurringPreview(rrule: $rrule, startDate: $startDate, count: $count)
}`;

describeEachDatabase('what the rule form needs: a preview, and the rule read back', (server) => {
  test('lists the dates a saved rule would have, the 31st clamped, and writes nothing', async () => {
    const client = server().client();
    await signUp(client);
    expect(
      await client.data(PREVIEW, {
        rrule: 'FREQ=MONTHLY;BYMONTHDAY=31',
        startDate: '2024-01-31',
        count: 5,
      }),
    ).toEqual({
      recurringPreview: ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31'],
    });
    expect(
      await client.data(PREVIEW, {
        rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;COUNT=3',
        startDate: '2025-03-03',
        count: 10,
      }),
    ).toEqual({ recurringPreview: ['2025-03-03', '2025-03-07', '2025-03-17'] });
    // The count is capped, so a daily rule cannot be asked for thousands of dates.
    const capped = (await client.data(PREVIEW, {
      rrule: 'FREQ=DAILY',
      startDate: '2025-01-01',
      count: 1000,
    })) as { recurringPreview: string[] };
    expect(capped.recurringPreview).toHaveLength(24);
    expect(await client.data('{ recurringRules { id } }')).toEqual({ recurringRules: [] });
  });

  test('a bad rule is refused with the field rrule, as saving it would be', async () => {
    const client = server().client();
    await signUp(client);
    for (const rrule of ['FREQ=SOMETIMES', 'FREQ=MONTHLY;COUNT=0', 'FREQ=MONTHLY;UNTIL=20231231']) {
      const result = await client.gql(PREVIEW, { rrule, startDate: '2024-01-31' });
      expect({ rrule, extensions: result.errors?.[0]?.extensions }).toEqual({
        rrule,
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'rrule' }),
      });
    }
  });

  test('needs a signed-in caller', async () => {
    const result = await server()
      .client()
      .gql(PREVIEW, { rrule: 'FREQ=DAILY', startDate: '2024-01-01' });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('a category that does not exist yet is read back as written, so an edit keeps it', async () => {
    const client = server().client();
    await signUp(client);
    const made = (await client.data(
      `mutation($input: RecurringRuleInput!) {
        createRecurringRule(input: $input) { categoryName category { name } }
      }`,
      {
        input: {
          name: 'Rent',
          rrule: 'FREQ=MONTHLY;BYMONTHDAY=31',
          startDate: '2099-01-31',
          mode: 'AUTO',
          kind: 'EXPENSE',
          amount: '900',
          category: 'Housing costs',
        },
      },
    )) as { createRecurringRule: { categoryName: string | null; category: unknown } };
    expect(made.createRecurringRule).toEqual({ categoryName: 'Housing costs', category: null });
  });
});
