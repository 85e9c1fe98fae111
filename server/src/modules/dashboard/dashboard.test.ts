import {
  EXPENSE_COLUMNS,
  EXPENSE_PLACEHOLDERS,
  expenseValues,
  personalLedger,
} from '../../../test/seed';
import type { ApiClient, GraphQLResponse } from '../../../test/api-client';
import { addExpense, signUp } from '../../../test/factories';
import { describeEachDatabase } from '../../../test/test-server';
import { currentMonth } from '../../lib/dates';
import { rebuildMonthTotals } from '../ledger/month-totals';

const DASHBOARD = `query($month: Month, $limit: Int) {
  dashboard(month: $month) {
    month budget spent savings
    months { month budget spent savings }
    byCategory { category { id name } spent }
    budgetCategories { id targetMonth targetAmount spent remaining category { name } }
    recentExpenses(limit: $limit) { id description amount date category { name } }
  }
}`;
const TOTALS = 'query($month: Month) { dashboard(month: $month) { month budget spent savings } }';
const SET_BUDGET = `mutation($month: Month!, $amount: Decimal!) {
  setMonthlyBudget(month: $month, amount: $amount) { id }
}`;
const SET_TARGET = `mutation($input: BudgetCategoryInput!) { setBudgetCategory(input: $input) { id } }`;

function expectError(result: GraphQLResponse, code: string, field?: string): void {
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors ?? [];
  expect(error.extensions?.code).toBe(code);
  if (field !== undefined) expect(error.extensions?.field).toBe(field);
}

async function dashboard(client: ApiClient, month?: string, limit?: number) {
  return (await client.data(DASHBOARD, { month, limit })).dashboard;
}

async function newUser(server: () => { client(): ApiClient }, currency?: string) {
  const client = server().client();
  const user = await signUp(client, currency ? { currency } : {});
  return { client, user };
}

describeEachDatabase('dashboard', (server) => {
  test('exact decimal sums: 0.1 + 0.2 = 0.30; savings from the budget, else null', async () => {
    const { client } = await newUser(server);
    await addExpense(client, { amount: '0.1', date: '2024-05-10' });
    await addExpense(client, { amount: '0.2', date: '2024-05-11' });
    expect((await client.data(TOTALS, { month: '2024-05' })).dashboard).toEqual({
      month: '2024-05',
      budget: null,
      spent: '0.30',
      savings: null,
    });
    await client.data(SET_BUDGET, { month: '2024-05', amount: '1000' });
    expect((await client.data(TOTALS, { month: '2024-05' })).dashboard).toEqual({
      month: '2024-05',
      budget: '1000.00',
      spent: '0.30',
      savings: '999.70',
    });
    await client.data(SET_BUDGET, { month: '2024-05', amount: '0.2' });
    expect((await client.data(TOTALS, { month: '2024-05' })).dashboard.savings).toBe('-0.10');
  });

  test('an empty month: spent 0.00, nothing listed', async () => {
    const { client } = await newUser(server);
    const d = await dashboard(client, '2024-05');
    expect(d).toMatchObject({ month: '2024-05', budget: null, spent: '0.00', savings: null });
    expect(d.byCategory).toEqual([]);
    expect(d.budgetCategories).toEqual([]);
    expect(d.recentExpenses).toEqual([]);
    expect(d.months).toHaveLength(12);
    expect(d.months.every((m: { spent: string }) => m.spent === '0.00')).toBe(true);
  });

  test('month boundaries: the 31st before and the 1st after are not counted', async () => {
    const { client } = await newUser(server);
    await addExpense(client, { amount: '1000', date: '2024-03-31' });
    await addExpense(client, { amount: '1.11', date: '2024-04-01' });
    await addExpense(client, { amount: '2.22', date: '2024-04-30' });
    await addExpense(client, { amount: '2000', date: '2024-05-01' });
    await client.data(SET_BUDGET, { month: '2024-04', amount: '10' });
    const d = await dashboard(client, '2024-04');
    expect([d.budget, d.spent, d.savings]).toEqual(['10.00', '3.33', '6.67']);
    expect(d.byCategory.map((c: { spent: string }) => c.spent)).toEqual(['3.33']);
    const dec = (await client.data(TOTALS, { month: '2023-12' })).dashboard;
    await addExpense(client, { amount: '5', date: '2023-12-31' });
    await addExpense(client, { amount: '7', date: '2024-01-01' });
    expect(dec.spent).toBe('0.00');
    expect((await client.data(TOTALS, { month: '2023-12' })).dashboard.spent).toBe('5.00');
    expect((await client.data(TOTALS, { month: '2024-01' })).dashboard.spent).toBe('7.00');
  });

  test('months: 12 entries, oldest first, across a year boundary', async () => {
    const { client } = await newUser(server);
    await addExpense(client, { amount: '9.99', date: '2023-03-31' }); // just before the window
    await addExpense(client, { amount: '1.50', date: '2023-04-01' });
    await addExpense(client, { amount: '2.25', date: '2023-12-31' });
    await addExpense(client, { amount: '0.75', date: '2023-12-01' });
    await addExpense(client, { amount: '4', date: '2024-03-31' });
    await addExpense(client, { amount: '8', date: '2024-04-01' }); // just after the window
    await client.data(SET_BUDGET, { month: '2023-04', amount: '1' });
    await client.data(SET_BUDGET, { month: '2024-01', amount: '50' });
    await client.data(SET_BUDGET, { month: '2024-03', amount: '3.5' });
    await client.data(SET_BUDGET, { month: '2023-03', amount: '99' }); // outside the window
    const { months } = await dashboard(client, '2024-03');
    const none = (month: string) => ({ month, budget: null, spent: '0.00', savings: null });
    expect(months).toEqual([
      { month: '2023-04', budget: '1.00', spent: '1.50', savings: '-0.50' },
      none('2023-05'),
      none('2023-06'),
      none('2023-07'),
      none('2023-08'),
      none('2023-09'),
      none('2023-10'),
      none('2023-11'),
      { month: '2023-12', budget: null, spent: '3.00', savings: null },
      { month: '2024-01', budget: '50.00', spent: '0.00', savings: '50.00' },
      none('2024-02'),
      { month: '2024-03', budget: '3.50', spent: '4.00', savings: '-0.50' },
    ]);
    const jan = (await dashboard(client, '2024-01')).months;
    expect(jan.map((m: { month: string }) => m.month)).toEqual([
      '2023-02',
      '2023-03',
      '2023-04',
      '2023-05',
      '2023-06',
      '2023-07',
      '2023-08',
      '2023-09',
      '2023-10',
      '2023-11',
      '2023-12',
      '2024-01',
    ]);
    expect(jan[1]).toEqual({ month: '2023-03', budget: '99.00', spent: '9.99', savings: '89.01' });
  });

  test('byCategory: largest first with exact sums; budgetCategories for that month only', async () => {
    const { client } = await newUser(server);
    await addExpense(client, { amount: '0.10', category: 'Food', date: '2024-06-01' });
    await addExpense(client, { amount: '0.20', category: 'food', date: '2024-06-30' });
    await addExpense(client, { amount: '100', category: 'Rent', date: '2024-06-05' });
    await addExpense(client, { amount: '5.05', category: 'Transport', date: '2024-06-07' });
    await addExpense(client, { amount: '5.05', category: 'Health', date: '2024-06-08' });
    await addExpense(client, { amount: '500', category: 'Food', date: '2024-07-01' });
    await addExpense(client, { amount: '400', category: 'Food', date: '2024-05-31' });
    await client.data(SET_TARGET, {
      input: { category: 'FOOD', targetAmount: '0.25', targetMonth: '2024-06' },
    });
    await client.data(SET_TARGET, {
      input: { category: 'Food', targetAmount: '1000', targetMonth: '2024-07' },
    });
    const d = await dashboard(client, '2024-06');
    expect(
      d.byCategory.map((c: { category: { name: string }; spent: string }) => [
        c.category.name,
        c.spent,
      ]),
    ).toEqual([
      ['Rent', '100.00'],
      ['Health', '5.05'],
      ['Transport', '5.05'],
      ['Food', '0.30'],
    ]);
    expect(d.spent).toBe('110.40');
    expect(d.budgetCategories).toEqual([
      {
        id: expect.any(String),
        targetMonth: '2024-06',
        targetAmount: '0.25',
        spent: '0.30',
        remaining: '-0.05',
        category: { name: 'Food' },
      },
    ]);
    const { categories } = await client.data('{ categories { id name } }');
    const rent = categories.find((c: { name: string }) => c.name === 'Rent');
    expect(d.byCategory[0].category).toEqual(rent);
  });

  test('recentExpenses: newest first, 10 by default, or the limit given', async () => {
    const { client } = await newUser(server);
    const added = [];
    for (let day = 1; day <= 12; day++) {
      const date = `2024-08-${String(day).padStart(2, '0')}`;
      added.push(await addExpense(client, { description: `Day ${day}`, amount: `${day}`, date }));
    }
    const sameDay = await addExpense(client, {
      description: 'Later',
      amount: '0.01',
      date: '2024-08-12',
    });
    const d = await dashboard(client, '2024-08');
    expect(d.recentExpenses).toHaveLength(10);
    expect(d.recentExpenses.map((e: { description: string }) => e.description)).toEqual([
      'Later',
      'Day 12',
      'Day 11',
      'Day 10',
      'Day 9',
      'Day 8',
      'Day 7',
      'Day 6',
      'Day 5',
      'Day 4',
    ]);
    expect(d.recentExpenses[0]).toEqual({ ...sameDay, category: { name: 'Food' } });
    expect(d.recentExpenses[1].amount).toBe('12.00');
    const three = await dashboard(client, '2024-08', 3);
    expect(three.recentExpenses.map((e: { id: string }) => e.id)).toEqual([
      sameDay.id,
      added[11].id,
      added[10].id,
    ]);
    expect(d.spent).toBe('78.01');
    expectError(
      await client.gql(DASHBOARD, { month: '2024-08', limit: 0 }),
      'BAD_USER_INPUT',
      'limit',
    );
  });

  test("recentExpenses follows the chosen month: a past month lists that month's expenses", async () => {
    const { client } = await newUser(server);
    const now = new Date();
    const thisMonth = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    await addExpense(client, { description: 'Back then', amount: '3', date: '2024-02-10' });
    await addExpense(client, { description: 'Today', amount: '4', date: `${thisMonth}-01` });
    const recent = async (month: string) =>
      (
        await client.data(
          `{ dashboard(month: "${month}") { recentExpenses { description date } } }`,
        )
      ).dashboard.recentExpenses;
    expect(await recent('2024-02')).toEqual([{ description: 'Back then', date: '2024-02-10' }]);
    expect(await recent(thisMonth)).toEqual([{ description: 'Today', date: `${thisMonth}-01` }]);
    expect(await recent('2024-03')).toEqual([]);
  });

  test('without a month: the current UTC month', async () => {
    const { client } = await newUser(server);
    const month = currentMonth();
    await addExpense(client, { amount: '12.34', date: `${month}-01` });
    await client.data(SET_BUDGET, { month, amount: '20' });
    const d = (await client.data('{ dashboard { month budget spent savings months { month } } }'))
      .dashboard;
    expect(d).toMatchObject({ month, budget: '20.00', spent: '12.34', savings: '7.66' });
    expect(d.months[11].month).toBe(month);
  });

  test('the first and the last months a Date can name', async () => {
    const { client } = await newUser(server);
    await addExpense(client, { amount: '1', category: 'Food', date: '1000-01-01' });
    await addExpense(client, { amount: '2', category: 'Food', date: '9999-12-01' });
    await addExpense(client, { amount: '3', category: 'Rent', date: '9999-12-31' });
    await client.data(SET_TARGET, {
      input: { category: 'Rent', targetAmount: '5', targetMonth: '9999-12' },
    });
    const first = await dashboard(client, '1000-01');
    expect([first.spent, first.months[0].month, first.months[11].spent]).toEqual([
      '1.00',
      '0999-02',
      '1.00',
    ]);
    const last = await dashboard(client, '9999-12');
    expect(last.spent).toBe('5.00');
    expect(last.byCategory.map((c: { spent: string }) => c.spent)).toEqual(['3.00', '2.00']);
    expect(last.months[11]).toEqual({
      month: '9999-12',
      budget: null,
      spent: '5.00',
      savings: null,
    });
    expect(last.budgetCategories[0]).toMatchObject({ spent: '3.00', remaining: '2.00' });
  });

  test.each(['2024-13', '2024-1', '2024-00', '0000-01', 'May'])(
    'dashboard(month: %j) is refused',
    async (month) => {
      const { client } = await newUser(server);
      expectError(await client.gql(TOTALS, { month }), 'BAD_USER_INPUT', 'month');
    },
  );

  test('a JPY user sums without decimals, a BHD user with 3', async () => {
    const yen = (await newUser(server, 'JPY')).client;
    await addExpense(yen, { amount: '1000', date: '2024-02-01' });
    await addExpense(yen, { amount: '500', date: '2024-02-29' });
    await yen.data(SET_BUDGET, { month: '2024-02', amount: '2000' });
    const y = await dashboard(yen, '2024-02');
    expect([y.budget, y.spent, y.savings]).toEqual(['2000', '1500', '500']);
    expect(y.byCategory[0].spent).toBe('1500');
    expect(y.months[11]).toEqual({
      month: '2024-02',
      budget: '2000',
      spent: '1500',
      savings: '500',
    });
    expect(y.recentExpenses.map((e: { amount: string }) => e.amount)).toEqual(['500', '1000']);

    const dinar = (await newUser(server, 'BHD')).client;
    await addExpense(dinar, { amount: '0.001', date: '2024-02-01' });
    await addExpense(dinar, { amount: '1.5', date: '2024-02-02' });
    await dinar.data(SET_BUDGET, { month: '2024-02', amount: '2' });
    const b = await dashboard(dinar, '2024-02');
    expect([b.budget, b.spent, b.savings]).toEqual(['2.000', '1.501', '0.499']);
    expect(b.months[11].spent).toBe('1.501');
  });

  test("another user's expenses and budgets never show", async () => {
    const { client } = await newUser(server);
    const other = (await newUser(server)).client;
    await addExpense(other, { amount: '1.23', date: '2024-09-09' });
    await other.data(SET_BUDGET, { month: '2024-09', amount: '5' });
    await addExpense(client, { amount: '2', date: '2024-09-10' });
    const d = await dashboard(client, '2024-09');
    expect([d.budget, d.spent, d.savings]).toEqual([null, '2.00', null]);
    expect(d.recentExpenses).toHaveLength(1);
    expect(d.months[11]).toEqual({ month: '2024-09', budget: null, spent: '2.00', savings: null });
  });

  test('500 expenses of 0.01 added through the API sum to exactly 5.00', async () => {
    const { client } = await newUser(server);
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          addExpense(client, {
            amount: '0.01',
            category: i % 2 ? 'Food' : 'Rent',
            date: `2024-10-${String((i % 28) + 1).padStart(2, '0')}`,
          }),
        ),
      );
    }
    const d = await dashboard(client, '2024-10');
    expect(d.spent).toBe('5.00');
    expect(d.byCategory.map((c: { spent: string }) => c.spent)).toEqual(['2.50', '2.50']);
    expect(d.months[11].spent).toBe('5.00');
  }, 120_000);

  test('100000 rows of 1 minor unit sum to exactly 1000.00', async () => {
    const { client, user } = await newUser(server);
    await addExpense(client, { amount: '0.01', category: 'Food', date: '2024-11-30' });
    const { categories } = await client.data('{ categories { id name } }');
    const food = Number(categories.find((c: { name: string }) => c.name === 'Food').id);
    // Plain multi-row INSERTs through the Expense entity's table: TypeORM's query builder
    // takes far longer to build 100000 rows than either database takes to store them.
    const { dataSource } = server();
    const ledger = await personalLedger(dataSource, Number(user.id));
    const sql = (count: number) =>
      `INSERT INTO transactions (${EXPENSE_COLUMNS}) VALUES ` +
      Array.from({ length: count }, () => EXPENSE_PLACEHOLDERS).join(', ');
    const total = 99_999;
    const chunk = 1_000;
    for (let start = 0; start < total; start += chunk) {
      const count = Math.min(chunk, total - start);
      const values = Array.from({ length: count }, (_, i) =>
        expenseValues(
          ledger,
          `Bulk ${start + i}`,
          1,
          food,
          `2024-11-${String(((start + i) % 30) + 1).padStart(2, '0')}`,
          '2024-12-01 00:00:00',
        ),
      ).flat();
      await dataSource.query(sql(count), values);
      // better-sqlite3 is synchronous: let the HTTP server's timers and sockets run between
      // chunks, so that idle keep-alive connections close cleanly instead of mid-request.
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Written around the ledger's write path, so its month totals are rebuilt from the rows.
    await rebuildMonthTotals(dataSource.manager, ledger.ledgerId);
    await client.data(SET_BUDGET, { month: '2024-11', amount: '1000.01' });
    await client.data(SET_TARGET, {
      input: { category: 'food', targetAmount: '999.99', targetMonth: '2024-11' },
    });
    const d = await dashboard(client, '2024-11');
    expect([d.budget, d.spent, d.savings]).toEqual(['1000.01', '1000.00', '0.01']);
    expect(d.byCategory).toEqual([
      { category: { id: String(food), name: 'Food' }, spent: '1000.00' },
    ]);
    expect(d.months[11]).toEqual({
      month: '2024-11',
      budget: '1000.01',
      spent: '1000.00',
      savings: '0.01',
    });
    expect(d.budgetCategories[0]).toMatchObject({ spent: '1000.00', remaining: '-0.01' });
    expect(d.recentExpenses).toHaveLength(10);
  }, 120_000);

  test('without a session: UNAUTHENTICATED', async () => {
    const anonymous = server().client();
    expectError(await anonymous.gql(TOTALS, { month: '2024-01' }), 'UNAUTHENTICATED');
    expectError(await anonymous.gql('{ dashboard { month } }'), 'UNAUTHENTICATED');
  });
});
