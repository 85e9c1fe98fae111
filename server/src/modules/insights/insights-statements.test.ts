import { monthOf } from '../../lib/dates';
import { addExpense, signUp } from '../../../test/factories';
import { statementsOf } from '../../../test/statements';
import { describeEachDatabase } from '../../../test/test-server';
import { addDays } from '../recurring/recurrence';

const INSIGHTS = `query($month: Month) { insights(month: $month) { id kind title } }`;
const CREATE_RULE = `mutation($input: RecurringRuleInput!) { createRecurringRule(input: $input) { id } }`;

describeEachDatabase('the insights request costs a fixed number of statements', (server) => {
  test('30 recurring rules cost what one costs, and each missed bill is found', async () => {
    const client = server().client();
    await signUp(client);
    // An expected bill ten days ago that nothing matched: missed, in its own month.
    const due = addDays(new Date().toISOString().slice(0, 10), -10);
    const month = monthOf(due);
    await addExpense(client, { description: 'Grocer', category: 'Food', amount: '40', date: due });
    const rule = (n: number) => ({
      name: `Bill ${n}`,
      rrule: 'FREQ=MONTHLY',
      startDate: due,
      mode: 'EXPECT',
      kind: 'EXPENSE',
      amount: String(10 + n),
      category: 'Bills',
      payee: `Company ${n}`,
    });
    const count = async () => {
      let kinds: string[] = [];
      const sent = await statementsOf(server().dataSource, async () => {
        kinds = (await client.data(INSIGHTS, { month })).insights.map((i: any) => i.kind);
      });
      return { statements: sent.length, missed: kinds.filter((k) => k === 'MISSED_BILL').length };
    };

    await client.data(CREATE_RULE, { input: rule(1) });
    const one = await count();
    expect(one.missed).toBe(1);
    for (let n = 2; n <= 30; n++) await client.data(CREATE_RULE, { input: rule(n) });
    const thirty = await count();
    expect(thirty.missed).toBe(30);
    expect(thirty.statements).toBe(one.statements);
  });
});
