import type { DataSource } from 'typeorm';
import type { ApiClient } from '../../../test/api-client';
import { ADD_EXPENSE, addExpense, signUp } from '../../../test/factories';
import { describeEachDatabase } from '../../../test/test-server';
import { personalLedger } from '../../../test/seed';
import { MONTH_TOTALS_TABLE } from './month-totals';

/**
 * The dashboard reads the month totals instead of the expenses: after every kind of write, and
 * after concurrent ones, the totals must be exactly the sums and counts of the rows.
 */
const UPDATE = `mutation($id: ID!, $input: ExpenseInput!) { updateExpense(id: $id, input: $input) { id } }`;
const DELETE = 'mutation($id: ID!) { deleteExpense(id: $id) }';
const DELETE_CATEGORY = 'mutation($id: ID!) { deleteCategory(id: $id) }';
const MERGE_CATEGORY =
  'mutation($id: ID!, $intoId: ID!) { mergeCategory(id: $id, intoId: $intoId) { id } }';
const TOTALS = `query($month: Month) {
  dashboard(month: $month) { spent months { month spent } byCategory { category { name } spent } }
}`;

/** [month, accountId, categoryId, flow, amount in the account's currency, reporting, count] */
type Row = [string, number, number, string, string, string, number];

async function rows(dataSource: DataSource, sql: string, ledgerId: number): Promise<Row[]> {
  const raw: Record<string, unknown>[] = await dataSource.query(sql, [ledgerId, ledgerId]);
  return raw.map((r) => [
    String(r.month),
    Number(r.accountId),
    Number(r.categoryId),
    String(r.flow),
    String(r.amountMinor),
    String(r.reportingMinor),
    Number(r.transactionCount),
  ]);
}

/** The ledger's month totals as stored, and as summed from the transactions. */
async function totals(dataSource: DataSource, ledgerId: number) {
  const order = ' ORDER BY month, accountId, categoryId, flow';
  return {
    stored: await rows(
      dataSource,
      'SELECT month, accountId, categoryId, flow, CAST(amountMinor AS CHAR) AS amountMinor, ' +
        'CAST(reportingMinor AS CHAR) AS reportingMinor, transactionCount ' +
        `FROM ${MONTH_TOTALS_TABLE} WHERE ledgerId = ? OR ledgerId = ?${order}`,
      ledgerId,
    ),
    summed: await rows(
      dataSource,
      'SELECT month, accountId, categoryId, flow, CAST(SUM(amount) AS CHAR) AS amountMinor, ' +
        'CAST(SUM(reporting) AS CHAR) AS reportingMinor, COUNT(*) AS transactionCount FROM (' +
        'SELECT SUBSTR(date, 1, 7) AS month, accountId, COALESCE(categoryId, 0) AS categoryId, ' +
        "CASE kind WHEN 'TRANSFER' THEN 'TRANSFER_OUT' ELSE kind END AS flow, " +
        'accountAmountMinor AS amount, reportingAmountMinor AS reporting FROM transactions WHERE ledgerId = ? ' +
        "UNION ALL SELECT SUBSTR(date, 1, 7), toAccountId, 0, 'TRANSFER_IN', toAmountMinor, " +
        "reportingAmountMinor FROM transactions WHERE ledgerId = ? AND kind = 'TRANSFER'" +
        `) flows GROUP BY month, accountId, categoryId, flow${order}`,
      ledgerId,
    ),
  };
}

async function expectInStep(dataSource: DataSource, ledgerId: number): Promise<Row[]> {
  const { stored, summed } = await totals(dataSource, ledgerId);
  expect(stored).toEqual(summed);
  return stored;
}

/** An expense row's month, category, amount and count. */
const expenseView = (r: Row) => [r[0], r[2], r[4], r[6]];

async function categoryId(client: ApiClient, name: string): Promise<number> {
  const { categories } = await client.data('{ categories { id name } }');
  return Number(categories.find((c: { name: string }) => c.name === name).id);
}

describeEachDatabase('month totals', (server) => {
  async function newUser() {
    const client = server().client();
    const user = await signUp(client);
    const { ledgerId } = await personalLedger(server().dataSource, Number(user.id));
    return { client, userId: ledgerId };
  }

  test('addExpense adds to its month and category, creating the row once', async () => {
    const { client, userId } = await newUser();
    const { dataSource } = server();
    expect(await expectInStep(dataSource, userId)).toEqual([]);
    await addExpense(client, { amount: '0.10', category: 'Food', date: '2024-05-01' });
    await addExpense(client, { amount: '0.20', category: 'food', date: '2024-05-31' });
    await addExpense(client, { amount: '7', category: 'Rent', date: '2024-05-15' });
    await addExpense(client, { amount: '1.01', category: 'Food', date: '2024-06-01' });
    await addExpense(client, { amount: '3', category: 'Brand new', date: '2024-06-02' });
    const food = await categoryId(client, 'Food');
    const rent = await categoryId(client, 'Rent');
    const brandNew = await categoryId(client, 'Brand new');
    const stored = await expectInStep(dataSource, userId);
    expect(stored.map(expenseView)).toEqual(
      [
        ['2024-05', food, '30', 2],
        ['2024-05', rent, '700', 1],
        ['2024-06', food, '101', 1],
        ['2024-06', brandNew, '300', 1],
      ].sort((a, b) => (a[0] === b[0] ? Number(a[1]) - Number(b[1]) : a[0] < b[0] ? -1 : 1)),
    );
  });

  test('updateExpense: amount, day, month, category, new category; emptied rows go', async () => {
    const { client, userId } = await newUser();
    const { dataSource } = server();
    const a = await addExpense(client, { amount: '10', category: 'Food', date: '2024-05-01' });
    const b = await addExpense(client, { amount: '20', category: 'Food', date: '2024-05-02' });
    const input = { description: 'Changed', amount: '10', category: 'Food', date: '2024-05-01' };
    const steps = [
      { ...input, amount: '12.34' }, // amount only
      { ...input, amount: '12.34', date: '2024-05-31' }, // another day, same month
      { ...input, amount: '12.34', date: '2024-04-30' }, // another month
      { ...input, amount: '1', category: 'Rent', date: '2024-04-30' }, // another category
      { ...input, amount: '2', category: 'Never seen', date: '2025-01-01' }, // all of it
      { ...input, amount: '0.01', category: 'food', date: '2024-05-03' }, // back again
    ];
    for (const step of steps) {
      await client.data(UPDATE, { id: a.id, input: step });
      await expectInStep(dataSource, userId);
    }
    await client.data(UPDATE, { id: b.id, input: { ...input, category: 'Rent' } });
    const stored = await expectInStep(dataSource, userId);
    // Only the rows that still hold an expense remain.
    expect(stored.map((r) => [r[0], r[4], r[6]])).toEqual([
      ['2024-05', '1', 1],
      ['2024-05', '1000', 1],
    ]);
    const d = (await client.data(TOTALS, { month: '2024-05' })).dashboard;
    expect(d.spent).toBe('10.01');
    expect(d.months[10]).toEqual({ month: '2024-04', spent: '0.00' });
  });

  test('deleteExpense subtracts; the last one removes the row', async () => {
    const { client, userId } = await newUser();
    const { dataSource } = server();
    const a = await addExpense(client, { amount: '5', date: '2024-07-01' });
    const b = await addExpense(client, { amount: '6', date: '2024-07-02' });
    await client.data(DELETE, { id: a.id });
    expect((await expectInStep(dataSource, userId)).map((r) => [r[4], r[6]])).toEqual([['600', 1]]);
    // Deleting it again changes nothing.
    expect((await client.gql(DELETE, { id: a.id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    await client.data(DELETE, { id: b.id });
    expect(await expectInStep(dataSource, userId)).toEqual([]);
    expect((await client.data(TOTALS, { month: '2024-07' })).dashboard.spent).toBe('0.00');
  });

  test('deleteCategory: refused with expenses, totals kept; allowed once emptied', async () => {
    const { client, userId } = await newUser();
    const { dataSource } = server();
    const e = await addExpense(client, { amount: '4', category: 'Hobby', date: '2024-08-08' });
    const hobby = await categoryId(client, 'Hobby');
    expect((await client.gql(DELETE_CATEGORY, { id: String(hobby) })).errors).toHaveLength(1);
    expect(await expectInStep(dataSource, userId)).toHaveLength(1);
    await client.data(DELETE, { id: e.id });
    expect(await client.data(DELETE_CATEGORY, { id: String(hobby) })).toEqual({
      deleteCategory: true,
    });
    expect(await expectInStep(dataSource, userId)).toEqual([]);
  });

  test('recategorize (a merge) moves rows and totals across months, accounts and kinds', async () => {
    const { client, userId } = await newUser();
    const { dataSource } = server();
    const { createAccount } = await client.data(
      'mutation { createAccount(input: { name: "Card", type: SAVINGS, currency: "USD" }) { id } }',
    );
    await Promise.all([
      addExpense(client, { amount: '1.11', category: 'Snacks', date: '2024-01-02' }),
      addExpense(client, { amount: '2.22', category: 'Snacks', date: '2024-02-02' }),
      addExpense(client, { amount: '3.33', category: 'Food', date: '2024-02-03' }),
      client.data(ADD_EXPENSE, {
        input: {
          description: 'On the card',
          amount: '4.44',
          category: 'Snacks',
          date: '2024-02-04',
          accountId: createAccount.id,
        },
      }),
      client.data('mutation($i: IncomeInput!) { addIncome(input: $i) { id } }', {
        i: { description: 'Refund', amount: '0.50', category: 'Snacks', date: '2024-02-05' },
      }),
    ]);
    const snacks = await categoryId(client, 'Snacks');
    const food = await categoryId(client, 'Food');
    await expectInStep(dataSource, userId);
    // Writes to the target and elsewhere while the merge runs.
    const [merged] = await Promise.all([
      client.gql(MERGE_CATEGORY, { id: String(snacks), intoId: String(food) }),
      ...Array.from({ length: 6 }, (_, i) =>
        addExpense(client, {
          amount: '0.01',
          category: i % 2 ? 'Food' : 'Rent',
          date: '2024-02-09',
        }),
      ),
    ]);
    expect(merged.errors).toBeUndefined();
    const stored = await expectInStep(dataSource, userId);
    expect(stored.filter((r) => r[2] === snacks)).toEqual([]);
    expect(stored.filter((r) => r[2] === food).map((r) => [r[0], r[3], r[4], r[5], r[6]])).toEqual([
      ['2024-01', 'EXPENSE', '111', '111', 1],
      ['2024-02', 'EXPENSE', '558', '558', 5], // the main account: 2.22 + 3.33 + 3 x 0.01
      ['2024-02', 'INCOME', '50', '50', 1],
      ['2024-02', 'EXPENSE', '444', '444', 1], // the card
    ]);
  });

  test('a refused write leaves the totals as they were', async () => {
    const { client, userId } = await newUser();
    const { dataSource } = server();
    const e = await addExpense(client, { amount: '4', date: '2024-08-08' });
    const before = await expectInStep(dataSource, userId);
    const input = { description: 'x', amount: '-1', category: 'Food', date: '2024-09-01' };
    expect((await client.gql(UPDATE, { id: e.id, input })).errors).toHaveLength(1);
    const other = (await newUser()).client;
    const valid = { ...input, amount: '1' };
    expect((await other.gql(UPDATE, { id: e.id, input: valid })).errors).toHaveLength(1);
    expect((await other.gql(DELETE, { id: e.id })).errors).toHaveLength(1);
    expect(await expectInStep(dataSource, userId)).toEqual(before);
  });

  test('concurrent adds, updates and deletes on the same rows stay exact', async () => {
    const { client, userId } = await newUser();
    const { dataSource } = server();
    const day = (d: number) => `2024-10-${String(d).padStart(2, '0')}`;
    const seeded = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        addExpense(client, {
          amount: `${i + 1}.01`,
          category: i % 2 ? 'Food' : 'Rent',
          date: i % 3 ? day((i % 28) + 1) : `2024-11-${String((i % 28) + 1).padStart(2, '0')}`,
        }),
      ),
    );
    await expectInStep(dataSource, userId);
    const input = (amount: string, category: string, date: string) => ({
      description: 'Concurrent',
      amount,
      category,
      date,
    });
    const writes: Promise<unknown>[] = [];
    for (let round = 0; round < 3; round++) {
      seeded.forEach((expense, i) => {
        const kind = (i + round) % 5;
        if (kind === 0) {
          writes.push(addExpense(client, { amount: '0.07', category: 'Food', date: day(15) }));
        } else if (kind === 1 || kind === 2) {
          // Moves between the same two rows in opposite directions, and the same expense
          // updated by several requests at once.
          const [category, date] = kind === 1 ? ['Rent', '2024-11-05'] : ['Food', day(5)];
          writes.push(
            client.gql(UPDATE, { id: expense.id, input: input(`${round}.5`, category, date) }),
          );
        } else if (kind === 3 && round === 2) {
          // The same expense deleted twice at once: one succeeds, the other finds nothing.
          writes.push(
            client.gql(DELETE, { id: expense.id }),
            client.gql(DELETE, { id: expense.id }),
          );
        } else {
          writes.push(addExpense(client, { amount: '1000', category: 'Rent', date: '2024-11-30' }));
        }
      });
    }
    const results = await Promise.all(writes);
    // Every write either succeeded or was a NOT_FOUND for an expense already deleted.
    for (const result of results) {
      const errors = (result as { errors?: { extensions?: { code?: string } }[] }).errors;
      for (const error of errors ?? []) expect(error.extensions?.code).toBe('NOT_FOUND');
    }
    const stored = await expectInStep(dataSource, userId);
    expect(stored.length).toBeGreaterThan(0);
    const { expenses } = await client.data('{ expenses(first: 1) { totalCount } }');
    expect(expenses.totalCount).toBe(stored.reduce((n, row) => n + row[6], 0));
  }, 60_000);

  test('income, transfers and their updates and deletes, concurrent ones too, stay exact', async () => {
    const { client, userId } = await newUser();
    const { dataSource } = server();
    const { createAccount } = await client.data(
      'mutation { createAccount(input: { name: "Savings", type: SAVINGS, currency: "USD" }) { id } }',
    );
    const { accounts } = await client.data('{ accounts { id name } }');
    const main = accounts.find((a: { name: string }) => a.name === 'Main account').id;
    const writes = Array.from({ length: 24 }, (_, i) =>
      i % 3 === 0
        ? client.data('mutation($i: IncomeInput!) { addIncome(input: $i) { id } }', {
            i: {
              description: 'Pay',
              amount: `${i + 1}.25`,
              date: `2024-0${(i % 3) + 4}-0${(i % 9) + 1}`,
            },
          })
        : client.data('mutation($t: TransferInput!) { addTransfer(input: $t) { id } }', {
            t: {
              fromAccountId: i % 2 ? main : createAccount.id,
              toAccountId: i % 2 ? createAccount.id : main,
              amount: `${i}.10`,
              date: `2024-05-${String((i % 28) + 1).padStart(2, '0')}`,
            },
          }),
    );
    const written = (await Promise.all(writes)) as Record<string, { id: string }>[];
    await expectInStep(dataSource, userId);
    const ids = written.map((w) => Object.values(w)[0].id);
    const UPDATE_TX =
      'mutation($id: ID!, $input: TransactionInput!) { updateTransaction(id: $id, input: $input) { id } }';
    await Promise.all(
      ids.map((id, i) =>
        i % 4 === 0
          ? client.gql('mutation($id: ID!) { deleteTransaction(id: $id) }', { id })
          : client.gql(UPDATE_TX, {
              id,
              input:
                i % 4 === 1
                  ? {
                      kind: 'EXPENSE',
                      description: 'Now spent',
                      amount: '3',
                      date: '2024-06-01',
                      category: 'Food',
                    }
                  : {
                      kind: 'TRANSFER',
                      description: 'Back',
                      amount: '2',
                      date: '2024-06-02',
                      accountId: createAccount.id,
                      toAccountId: main,
                    },
            }),
      ),
    );
    const stored = await expectInStep(dataSource, userId);
    expect(stored.some((r) => r[3] === 'TRANSFER_IN')).toBe(true);
    expect(stored.some((r) => r[3] === 'EXPENSE')).toBe(true);
  }, 60_000);
});
