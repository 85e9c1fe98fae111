import type { ApiClient } from '../../../test/api-client';
import { addExpense, signUp } from '../../../test/factories';
import { describeEachDatabase } from '../../../test/test-server';
import { MONTH_TOTALS_TABLE, rebuildMonthTotals } from '../ledger/month-totals';
import { TransactionKind } from '../ledger/transaction.entity';
import { addDays, today } from '../../lib/dates';
import { createServices } from '../../services';
import { User } from '../users/user.entity';

const RULE_FIELDS = 'id match category { name } accountId minAmount maxAmount currency';
const CREATE = `mutation($input: CategoryRuleInput!) { createCategoryRule(input: $input) { ${RULE_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: CategoryRuleInput!) { updateCategoryRule(id: $id, input: $input) { ${RULE_FIELDS} } }`;
const DELETE = 'mutation($id: ID!) { deleteCategoryRule(id: $id) }';
const LIST = `{ categoryRules { ${RULE_FIELDS} } }`;
const PREVIEW = 'query($input: CategoryRuleInput!) { previewCategoryRule(input: $input) }';
const APPLY = 'mutation { applyCategoryRules }';
const INCOME = `mutation($input: IncomeInput!) { addIncome(input: $input) { id category { name } } }`;
/** The payee history reaches back about a year: the history tests write recent days. */
const recent = addDays(today(), -3);
const ACCOUNT = `mutation($input: AccountInput!) { createAccount(input: $input) { id } }`;

describeEachDatabase('category rules', (server) => {
  async function setUp() {
    const client = server().client();
    const { id } = await signUp(client);
    const services = createServices(server().dataSource, server().config);
    const user = await server()
      .dataSource.getRepository(User)
      .findOneByOrFail({ id: Number(id) });
    const scope = await services.ledgers.scope(user, null, 'write');
    return { client, services, scope };
  }
  const account = async (client: ApiClient, name: string, currency = 'USD') =>
    (await client.data(ACCOUNT, { input: { name, type: 'CHECKING', currency } })).createAccount
      .id as string;
  const rule = async (client: ApiClient, input: Record<string, unknown>) =>
    (await client.data(CREATE, { input })).createCategoryRule as { id: string; match: string };
  const fieldOf = async (client: ApiClient, query: string, variables: Record<string, unknown>) => {
    const result = await client.gql(query, variables);
    expect(result.errors).toHaveLength(1);
    const error = result.errors?.[0];
    return [error?.extensions?.code, error?.extensions?.field, error?.message];
  };

  test('rules are created, listed most specific first, edited and deleted', async () => {
    const { client } = await setUp();
    const checking = await account(client, 'Checking');
    const general = await rule(client, { match: 'Amazon', category: 'Shopping' });
    const longer = await rule(client, { match: 'amazon prime', category: 'Entertainment' });
    const ranged = await rule(client, {
      match: 'amazon',
      category: 'Books',
      minAmount: '5',
      maxAmount: '20.5',
    });
    const tied = await rule(client, { match: 'amzn', category: 'Shopping', accountId: checking });
    expect((await client.data(LIST)).categoryRules).toEqual([
      {
        id: tied.id,
        match: 'amzn',
        category: { name: 'Shopping' },
        accountId: checking,
        minAmount: null,
        maxAmount: null,
        currency: null,
      },
      {
        id: ranged.id,
        match: 'amazon',
        category: { name: 'Books' },
        accountId: null,
        minAmount: '5.00',
        maxAmount: '20.50',
        currency: 'USD',
      },
      expect.objectContaining({ id: longer.id, match: 'amazon prime' }),
      expect.objectContaining({ id: general.id, match: 'Amazon' }),
    ]);
    const { updateCategoryRule } = await client.data(UPDATE, {
      id: general.id,
      input: { match: 'AMAZON MKTP', category: 'Clothing' },
    });
    expect(updateCategoryRule).toMatchObject({
      match: 'AMAZON MKTP',
      category: { name: 'Clothing' },
    });
    expect(await client.data(DELETE, { id: ranged.id })).toEqual({ deleteCategoryRule: true });
    expect((await client.data(LIST)).categoryRules.map((r: { id: string }) => r.id)).toEqual([
      tied.id,
      longer.id,
      general.id,
    ]);
    expect(await fieldOf(client, DELETE, { id: ranged.id })).toEqual([
      'NOT_FOUND',
      undefined,
      'Category rule not found',
    ]);
  });

  test('bad input names its field; nothing is written', async () => {
    const { client } = await setUp();
    const yen = await account(client, 'Yen', 'JPY');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ match: '  ', category: 'Food' }, 'BAD_USER_INPUT', 'match'],
      [{ match: 'x'.repeat(101), category: 'Food' }, 'BAD_USER_INPUT', 'match'],
      [{ match: 'shop', category: '' }, 'BAD_USER_INPUT', 'category'],
      [{ match: 'shop', category: 'Food', accountId: '999999' }, 'NOT_FOUND', 'accountId'],
      [
        { match: 'shop', category: 'Food', minAmount: '10', maxAmount: '9.99' },
        'BAD_USER_INPUT',
        'maxAmount',
      ],
      [{ match: 'shop', category: 'Food', minAmount: '1.234' }, 'BAD_USER_INPUT', 'minAmount'],
      [
        { match: 'shop', category: 'Food', accountId: yen, maxAmount: '100.5' },
        'BAD_USER_INPUT',
        'maxAmount',
      ],
      [{ match: 'shop', category: 'Food', minAmount: '-1' }, 'BAD_USER_INPUT', 'minAmount'],
    ];
    for (const [input, code, field] of cases) {
      const [gotCode, gotField] = await fieldOf(client, CREATE, { input });
      expect([JSON.stringify(input), gotCode, gotField]).toEqual([
        JSON.stringify(input),
        code,
        field,
      ]);
    }
    expect((await client.data(LIST)).categoryRules).toEqual([]);

    // Another user's account and rule are not found.
    const other = server().client();
    await signUp(other);
    const theirs = await rule(other, { match: 'rent', category: 'Rent' });
    const theirAccount = await account(other, 'Theirs');
    expect(
      (
        await fieldOf(client, CREATE, {
          input: { match: 'a', category: 'Food', accountId: theirAccount },
        })
      ).slice(0, 2),
    ).toEqual(['NOT_FOUND', 'accountId']);
    expect(
      (
        await fieldOf(client, UPDATE, { id: theirs.id, input: { match: 'a', category: 'Food' } })
      )[0],
    ).toBe('NOT_FOUND');
    expect((await fieldOf(client, DELETE, { id: theirs.id }))[0]).toBe('NOT_FOUND');
    expect((await other.data(LIST)).categoryRules).toHaveLength(1);
  });

  test('writes without a category take the most specific rule, else the payee history', async () => {
    const { client, services, scope } = await setUp();
    const checking = await account(client, 'Checking');
    await rule(client, { match: 'acme', category: 'Salary' });
    await rule(client, { match: 'acme bonus', category: 'Bonus' });
    await rule(client, { match: 'acme', category: 'Side job', accountId: checking });
    await rule(client, { match: 'shop', category: 'Big shopping', minAmount: '100' });
    await rule(client, { match: 'shop', category: 'Small shopping' });
    const income = async (input: Record<string, unknown>) =>
      (await client.data(INCOME, { input: { date: recent, amount: '10', ...input } })).addIncome
        .category?.name ?? null;
    expect(await income({ description: 'ACME Corp payroll' })).toBe('Salary');
    expect(await income({ description: 'Transfer', payee: 'Acme Bonus Q1' })).toBe('Bonus');
    expect(await income({ description: 'ACME invoice 7', accountId: checking })).toBe('Side job');
    expect(await income({ description: 'ACME payroll', category: 'Gifts' })).toBe('Gifts');
    expect(await income({ description: 'Lottery' })).toBeNull();

    // Earlier choices for the same payee (digits and punctuation aside) fill expenses no rule files.
    await addExpense(client, {
      description: 'Coffee Bar #1234',
      category: 'Coffee',
      amount: '3',
      date: recent,
    });
    await addExpense(client, {
      description: 'COFFEE BAR 99',
      category: 'Coffee',
      amount: '3',
      date: recent,
    });
    await addExpense(client, {
      description: 'Coffee bar',
      category: 'Food',
      amount: '3',
      date: recent,
    });
    const draft = (description: string, amount: string) => ({
      kind: TransactionKind.EXPENSE,
      description,
      amount,
      date: recent,
      mayOmitCategory: true,
    });
    const { written } = await services.transactions.record(scope, [
      draft('coffee-bar 5678', '4'),
      draft('Corner shop', '150'),
      draft('Corner shop', '15'),
      draft('Unknown place', '1'),
    ]);
    expect(written.map((t) => t.category?.name)).toEqual([
      'Coffee',
      'Big shopping',
      'Small shopping',
      'Uncategorized',
    ]);
  });

  test('the categorizer asks the database once per batch, however many rows', async () => {
    const { client, services, scope } = await setUp();
    for (let i = 0; i < 30; i++) await rule(client, { match: `merchant ${i}`, category: `C${i}` });
    await addExpense(client, {
      description: 'Bakery 1',
      category: 'Food',
      amount: '2',
      date: recent,
    });
    const manager = server().dataSource.manager;
    const rows = Array.from({ length: 21_000 }, (_, i) => ({
      kind: TransactionKind.EXPENSE,
      description: [`Merchant ${i % 30} order ${i}`, `Bakery ${i}`, `Stranger ${i}`][i % 3],
      payee: null,
      amountMinor: 100 + i,
      currency: 'USD',
      accountId: 1,
    }));
    const spy = jest.spyOn(manager, 'query');
    const started = Date.now();
    const picked = await services.categoryRules.categorize(scope.ledgerId, rows, manager);
    const elapsed = Date.now() - started;
    expect(spy.mock.calls).toHaveLength(1);
    // The chunks of one import share a batch: what the first call read serves the others.
    spy.mockClear();
    const batch = {};
    const first = await services.categoryRules.categorize(
      scope.ledgerId,
      rows.slice(0, 3),
      manager,
      batch,
    );
    await rule(client, { match: 'stranger', category: 'Late rule' });
    const second = await services.categoryRules.categorize(
      scope.ledgerId,
      rows.slice(3, 6),
      manager,
      batch,
    );
    expect(spy.mock.calls).toHaveLength(1);
    expect([...first, ...second]).toEqual(['C0', 'Food', null, 'C3', 'Food', null]);
    spy.mockRestore();
    const fresh = await services.categoryRules.categorize(scope.ledgerId, [rows[2]], manager, {});
    expect(fresh).toEqual(['Late rule']);
    expect(picked[0]).toBe('C0');
    expect(picked[12]).toBe('C12'); // "merchant 12" before "merchant 1": the longer match
    expect(picked[1]).toBe('Food');
    expect(picked[2]).toBeNull(); // no rule, no history
    expect(picked.filter((p) => p === null)).toHaveLength(rows.length / 3);
    expect(elapsed).toBeLessThan(3000);
  });

  test('preview counts and apply moves only uncategorised transactions, totals kept exact', async () => {
    const { client, services, scope } = await setUp();
    const draft = (description: string, amount: string, date: string) => ({
      kind: TransactionKind.EXPENSE,
      description,
      amount,
      date,
      mayOmitCategory: true,
    });
    await services.transactions.record(scope, [
      draft('NETFLIX.COM 123', '15.99', '2024-01-05'),
      draft('Netflix 456', '15.99', '2024-02-05'),
      draft('Tesco Express', '23.10', '2024-02-07'),
      draft('Tesco Superstore', '80.00', '2024-02-09'),
    ]);
    await addExpense(client, {
      description: 'Netflix gift card',
      category: 'Gifts',
      amount: '25',
      date: '2024-02-10',
    });
    await client.data(INCOME, {
      input: { description: 'Netflix refund', amount: '5', date: '2024-02-11' },
    });
    const preview = async (input: Record<string, unknown>) =>
      (await client.data(PREVIEW, { input })).previewCategoryRule as number;
    expect(await preview({ match: 'netflix', category: 'Entertainment' })).toBe(3);
    expect(await preview({ match: 'tesco', category: 'Food', maxAmount: '50' })).toBe(1);
    expect(await preview({ match: 'tesco', category: 'Uncategorized' })).toBe(0);
    expect(
      (await client.gql(PREVIEW, { input: { match: '', category: 'Food' } })).errors?.[0].extensions
        ?.field,
    ).toBe('match');
    expect((await client.data(LIST)).categoryRules).toEqual([]);

    await rule(client, { match: 'netflix', category: 'Entertainment' });
    await rule(client, { match: 'tesco', category: 'Food', maxAmount: '50' });
    expect(await client.data(APPLY)).toEqual({ applyCategoryRules: 4 });
    expect(await client.data(APPLY)).toEqual({ applyCategoryRules: 0 });
    const list = await client.data(
      '{ transactions(first: 10) { nodes { description category { name } } } }',
    );
    expect(
      Object.fromEntries(
        list.transactions.nodes.map(
          (n: { description: string; category: { name: string } | null }) => [
            n.description,
            n.category?.name ?? null,
          ],
        ),
      ),
    ).toEqual({
      'NETFLIX.COM 123': 'Entertainment',
      'Netflix 456': 'Entertainment',
      'Tesco Express': 'Food',
      'Tesco Superstore': 'Uncategorized',
      'Netflix gift card': 'Gifts',
      'Netflix refund': 'Entertainment',
    });
    const { dashboard } = await client.data(
      '{ dashboard(month: "2024-02") { spent byCategory { category { name } spent } } }',
    );
    expect(dashboard).toEqual({
      spent: '144.09',
      byCategory: [
        { category: { name: 'Uncategorized' }, spent: '80.00' },
        { category: { name: 'Gifts' }, spent: '25.00' },
        { category: { name: 'Food' }, spent: '23.10' },
        { category: { name: 'Entertainment' }, spent: '15.99' },
      ],
    });
    // The totals kept along the way equal the totals rebuilt from the rows.
    const totals = () =>
      server().dataSource.query(
        `SELECT month, accountId, categoryId, flow, CAST(amountMinor AS CHAR) AS a, ` +
          `CAST(reportingMinor AS CHAR) AS r, transactionCount AS n FROM ${MONTH_TOTALS_TABLE} ` +
          'WHERE ledgerId = ? ORDER BY month, accountId, categoryId, flow',
        [scope.ledgerId],
      ) as Promise<Record<string, unknown>[]>;
    const kept = (await totals()).map((r) => ({ ...r, n: Number(r.n) }));
    await rebuildMonthTotals(server().dataSource, scope.ledgerId);
    expect((await totals()).map((r) => ({ ...r, n: Number(r.n) }))).toEqual(kept);
    expect(kept).toHaveLength(6);
  });
});
