import { signUp } from '../../../test/factories';
import { commitAndWait, defaultAccountId, previewFile } from '../../../test/imports';
import { describeEachDatabase } from '../../../test/test-server';
import { createServices } from '../../services';
import { FakeClock } from '../jobs/fake-clock';

const RULE = 'mutation($input: CategoryRuleInput!) { createCategoryRule(input: $input) { id } }';
const RECURRING =
  'mutation($input: RecurringRuleInput!) { createRecurringRule(input: $input) { id } }';
const CATEGORIES = `query($s: String!) {
  transactions(filter: { search: $s }, first: 50) { nodes { date description category { name } } }
}`;

/** Rules file what is written without a category, whichever way it comes in. */
describeEachDatabase('category rules on import and on recurring posting', (server) => {
  async function setUp() {
    const client = server().client();
    await signUp(client);
    const accountId = await defaultAccountId(client);
    await client.data(RULE, { input: { match: 'netflix', category: 'Entertainment' } });
    await client.data(RULE, {
      input: { match: 'city power', category: 'Utilities', accountId, maxAmount: '100' },
    });
    const categoriesOf = async (search: string) =>
      (
        (await client.data(CATEGORIES, { s: search })) as {
          transactions: { nodes: { date: string; category: { name: string } | null }[] };
        }
      ).transactions.nodes
        .map((n) => [n.date, n.category?.name ?? null])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    return { client, accountId, categoriesOf };
  }

  test('an import without categories takes the rules; a category in the file is kept', async () => {
    const { client, accountId, categoriesOf } = await setUp();
    const csv =
      'Date,Description,Amount,Category\n' +
      '2024-03-01,NETFLIX.COM 4471,-15.99,\n' +
      '2024-03-02,Netflix gift card,-25.00,Gifts\n' +
      '2024-03-03,City Power monthly,-80.00,\n' +
      '2024-03-04,City Power year end,-240.00,\n';
    const preview = await previewFile(client, csv, { accountId });
    const result = await commitAndWait(client, preview.importId);
    expect([result.status, result.imported]).toEqual(['DONE', 4]);
    expect(await categoriesOf('netflix')).toEqual([
      ['2024-03-01', 'Entertainment'],
      ['2024-03-02', 'Gifts'],
    ]);
    // Over the rule's 100.00: no rule files it.
    expect(await categoriesOf('city power')).toEqual([
      ['2024-03-03', 'Utilities'],
      ['2024-03-04', 'Uncategorized'],
    ]);
  });

  test('a recurring rule without a category posts under the matching rule; one with keeps its own', async () => {
    const { client, categoriesOf } = await setUp();
    const recurring = (input: Record<string, unknown>) =>
      client.data(RECURRING, {
        input: {
          rrule: 'FREQ=MONTHLY;BYMONTHDAY=5',
          startDate: '2024-01-05',
          mode: 'AUTO',
          kind: 'EXPENSE',
          ...input,
        },
      });
    await recurring({ name: 'Netflix', description: 'Netflix subscription', amount: '15.99' });
    await recurring({ name: 'Power', description: 'City Power bill', amount: '60' });
    await recurring({
      name: 'Gift',
      description: 'Netflix voucher for Sam',
      amount: '30',
      category: 'Gifts',
    });
    const clock = new FakeClock('2024-02-06T12:00:00Z');
    const services = createServices(server().dataSource, server().config, { clock });
    await services.jobRunner.tick(clock.now());
    expect(await categoriesOf('netflix subscription')).toEqual([
      ['2024-01-05', 'Entertainment'],
      ['2024-02-05', 'Entertainment'],
    ]);
    expect(await categoriesOf('city power')).toEqual([
      ['2024-01-05', 'Utilities'],
      ['2024-02-05', 'Utilities'],
    ]);
    expect(await categoriesOf('voucher')).toEqual([
      ['2024-01-05', 'Gifts'],
      ['2024-02-05', 'Gifts'],
    ]);
  });
});
