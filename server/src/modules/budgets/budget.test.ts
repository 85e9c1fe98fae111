import type { ApiClient, GraphQLResponse } from '../../../test/api-client';
import { addExpense, signUp } from '../../../test/factories';
import { describeEachDatabase } from '../../../test/test-server';

const SET_BUDGET = `mutation($month: Month!, $amount: Decimal!) {
  setMonthlyBudget(month: $month, amount: $amount) { id month amount }
}`;
const BUDGETS = '{ budgets { id month amount } }';
const TARGET_FIELDS = 'id targetMonth targetAmount spent remaining category { id name }';
const SET_TARGET = `mutation($input: BudgetCategoryInput!) {
  setBudgetCategory(input: $input) { ${TARGET_FIELDS} }
}`;
const TARGETS = `query($month: Month) { budgetCategories(month: $month) { ${TARGET_FIELDS} } }`;
const DELETE_TARGET = 'mutation($id: ID!) { deleteBudgetCategory(id: $id) }';

function expectError(result: GraphQLResponse, code: string, field?: string): void {
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors ?? [];
  expect(error.extensions?.code).toBe(code);
  if (field !== undefined) expect(error.extensions?.field).toBe(field);
  expect(result.data ?? null).toBeNull();
}

async function setTarget(
  client: ApiClient,
  input: { category: string; targetAmount: string | number; targetMonth: string },
) {
  return (await client.data(SET_TARGET, { input })).setBudgetCategory;
}

describeEachDatabase('monthly budgets', (server) => {
  let client: ApiClient;
  beforeAll(async () => {
    client = server().client();
    await signUp(client);
  });

  test('an amount without decimals comes back with the currency digits', async () => {
    const { setMonthlyBudget } = await client.data(SET_BUDGET, {
      month: '2024-01',
      amount: '5000',
    });
    expect(setMonthlyBudget).toEqual({
      id: expect.any(String),
      month: '2024-01',
      amount: '5000.00',
    });
  });

  test('0 is a budget; a numeric literal is read exactly', async () => {
    const zero = await client.data(SET_BUDGET, { month: '2023-06', amount: '0' });
    expect(zero.setMonthlyBudget.amount).toBe('0.00');
    const literal = await client.data(
      'mutation { setMonthlyBudget(month: "2023-07", amount: 150.5) { amount } }',
    );
    expect(literal.setMonthlyBudget.amount).toBe('150.50');
  });

  test.each([
    ['-1', 'amount'],
    ['-0.01', 'amount'],
    ['1.005', 'amount'],
    ['1e3', 'amount'],
    ['', 'amount'],
    ['abc', 'amount'],
    ['10000000000000', 'amount'],
  ])('amount %j is refused', async (amount, field) => {
    expectError(
      await client.gql(SET_BUDGET, { month: '2024-02', amount }),
      'BAD_USER_INPUT',
      field,
    );
  });

  test.each(['2024-13', '2024-1', '2024-00', '0000-01', '2024-01-01', ''])(
    'month %j is refused',
    async (month) => {
      expectError(await client.gql(SET_BUDGET, { month, amount: '10' }), 'BAD_USER_INPUT', 'month');
    },
  );

  test('a second call for the same month replaces the budget', async () => {
    const first = (await client.data(SET_BUDGET, { month: '2024-05', amount: '100' }))
      .setMonthlyBudget;
    const second = (await client.data(SET_BUDGET, { month: '2024-05', amount: '250.75' }))
      .setMonthlyBudget;
    expect(second).toEqual({ id: first.id, month: '2024-05', amount: '250.75' });
    const { budgets } = await client.data(BUDGETS);
    const may = budgets.filter((b: { month: string }) => b.month === '2024-05');
    expect(may).toEqual([{ id: first.id, month: '2024-05', amount: '250.75' }]);
  });

  test('budgets lists newest month first; deleteMonthlyBudget removes one', async () => {
    const { budgets } = await client.data(BUDGETS);
    expect(budgets.map((b: { month: string; amount: string }) => [b.month, b.amount])).toEqual([
      ['2024-05', '250.75'],
      ['2024-01', '5000.00'],
      ['2023-07', '150.50'],
      ['2023-06', '0.00'],
    ]);
    const deleted = await client.data('mutation { deleteMonthlyBudget(month: "2024-01") }');
    expect(deleted.deleteMonthlyBudget).toBe(true);
    const after = await client.data(BUDGETS);
    expect(after.budgets.map((b: { month: string }) => b.month)).toEqual([
      '2024-05',
      '2023-07',
      '2023-06',
    ]);
    expectError(
      await client.gql('mutation { deleteMonthlyBudget(month: "2024-01") }'),
      'NOT_FOUND',
    );
    expectError(
      await client.gql('mutation { deleteMonthlyBudget(month: "2024-13") }'),
      'BAD_USER_INPUT',
      'month',
    );
  });

  test('budgets are private to their owner', async () => {
    const other = server().client();
    await signUp(other);
    expect((await other.data(BUDGETS)).budgets).toEqual([]);
    expectError(await other.gql('mutation { deleteMonthlyBudget(month: "2024-05") }'), 'NOT_FOUND');
    expect((await client.data(BUDGETS)).budgets).toHaveLength(3);
  });

  test('concurrent calls for one month leave one budget', async () => {
    const amounts = ['1', '2', '3', '4', '5', '6'];
    const results = await Promise.all(
      amounts.map((amount) => client.gql(SET_BUDGET, { month: '2022-02', amount })),
    );
    expect(results.map((r) => r.errors)).toEqual(amounts.map(() => undefined));
    const ids = new Set(results.map((r) => r.data?.setMonthlyBudget.id));
    expect(ids.size).toBe(1);
    const { budgets } = await client.data(BUDGETS);
    const feb = budgets.filter((b: { month: string }) => b.month === '2022-02');
    expect(feb).toHaveLength(1);
    expect(amounts.map((a) => `${a}.00`)).toContain(feb[0].amount);
    await client.data('mutation { deleteMonthlyBudget(month: "2022-02") }');
  });

  test('JPY and BHD budgets use their own digits', async () => {
    const yen = server().client();
    await signUp(yen, { currency: 'JPY' });
    expect(
      (await yen.data(SET_BUDGET, { month: '2024-01', amount: '1500' })).setMonthlyBudget.amount,
    ).toBe('1500');
    expectError(
      await yen.gql(SET_BUDGET, { month: '2024-01', amount: '1.5' }),
      'BAD_USER_INPUT',
      'amount',
    );
    const dinar = server().client();
    await signUp(dinar, { currency: 'BHD' });
    expect(
      (await dinar.data(SET_BUDGET, { month: '2024-01', amount: '1.5' })).setMonthlyBudget.amount,
    ).toBe('1.500');
  });

  test('the original form routes set budgets and targets through the same rules', async () => {
    const form = server().client();
    await signUp(form);
    expect(await form.form('/Setbudget', { amount: '5000', month: '2024-01' })).toEqual({
      status: 302,
      location: '/dashboard',
      flash: { kind: 'success', message: 'Budget set successfully!' },
    });
    const refused = await form.form('/Setbudget', { amount: '-1', month: '2024-01' });
    expect([refused.status, refused.location, refused.flash?.kind]).toEqual([
      302,
      '/dashboard',
      'error',
    ]);
    expect((await form.data(BUDGETS)).budgets).toEqual([
      { id: expect.any(String), month: '2024-01', amount: '5000.00' },
    ]);
    const target = { category: 'food', target_amount: '800', target_date: '2024-01' };
    expect((await form.form('/budget_categories', target)).flash).toEqual({
      kind: 'success',
      message: 'Budget category set successfully!',
    });
    const bad = await form.form('/budget_categories', { ...target, target_amount: '0' });
    expect([bad.location, bad.flash?.kind]).toEqual(['/dashboard', 'error']);
    const targets = (await form.data(TARGETS)).budgetCategories;
    expect(targets).toMatchObject([
      { targetMonth: '2024-01', targetAmount: '800.00', category: { name: 'Food' } },
    ]);
  });

  test('without a session: UNAUTHENTICATED', async () => {
    const anonymous = server().client();
    expectError(await anonymous.gql(BUDGETS), 'UNAUTHENTICATED');
    expectError(
      await anonymous.gql(SET_BUDGET, { month: '2024-01', amount: '1' }),
      'UNAUTHENTICATED',
    );
    expectError(await anonymous.gql(TARGETS), 'UNAUTHENTICATED');
    expectError(
      await anonymous.gql(SET_TARGET, {
        input: { category: 'Food', targetAmount: '1', targetMonth: '2024-01' },
      }),
      'UNAUTHENTICATED',
    );
    expectError(await anonymous.gql(DELETE_TARGET, { id: '1' }), 'UNAUTHENTICATED');
  });
});

describeEachDatabase('budget categories', (server) => {
  let client: ApiClient;
  beforeAll(async () => {
    client = server().client();
    await signUp(client);
    // Food in March 2024: the first and last day count, the days around the month do not.
    await addExpense(client, { amount: '99.99', category: 'Food', date: '2024-02-29' });
    await addExpense(client, { amount: '10.10', category: 'Food', date: '2024-03-01' });
    await addExpense(client, { amount: '20.20', category: 'food', date: '2024-03-15' });
    await addExpense(client, { amount: '30.30', category: 'FOOD', date: '2024-03-31' });
    await addExpense(client, { amount: '77.77', category: 'Food', date: '2024-04-01' });
    await addExpense(client, { amount: '55.55', category: 'Rent', date: '2024-03-10' });
  });

  test('spent counts only that category in that month; remaining = target - spent', async () => {
    const target = await setTarget(client, {
      category: 'Food',
      targetAmount: '100',
      targetMonth: '2024-03',
    });
    expect(target).toEqual({
      id: expect.any(String),
      targetMonth: '2024-03',
      targetAmount: '100.00',
      spent: '60.60',
      remaining: '39.40',
      category: { id: expect.any(String), name: 'Food' },
    });
  });

  test('a second call for the same category and month replaces it, ignoring case', async () => {
    const [before] = (await client.data(TARGETS, { month: '2024-03' })).budgetCategories;
    const replaced = await setTarget(client, {
      category: 'fOOd',
      targetAmount: '50.5',
      targetMonth: '2024-03',
    });
    expect(replaced).toEqual({
      ...before,
      targetAmount: '50.50',
      spent: '60.60',
      remaining: '-10.10',
    });
    const { budgetCategories } = await client.data(TARGETS, { month: '2024-03' });
    expect(budgetCategories).toEqual([replaced]);
    const { categories } = await client.data('{ categories { name } }');
    expect(categories.filter((c: { name: string }) => c.name.toLowerCase() === 'food')).toEqual([
      { name: 'Food' },
    ]);
  });

  test('targets of other months count their own month only', async () => {
    const feb = await setTarget(client, {
      category: 'Food',
      targetAmount: 100,
      targetMonth: '2024-02',
    });
    expect([feb.spent, feb.remaining]).toEqual(['99.99', '0.01']);
    const apr = await setTarget(client, {
      category: 'Food',
      targetAmount: '70',
      targetMonth: '2024-04',
    });
    expect([apr.spent, apr.remaining]).toEqual(['77.77', '-7.77']);
    const rent = await setTarget(client, {
      category: 'rent',
      targetAmount: '1000',
      targetMonth: '2024-03',
    });
    expect(rent.category.name).toBe('Rent');
    expect([rent.spent, rent.remaining]).toEqual(['55.55', '944.45']);
    const empty = await setTarget(client, {
      category: 'Food',
      targetAmount: '10',
      targetMonth: '2024-05',
    });
    expect([empty.spent, empty.remaining]).toEqual(['0.00', '10.00']);
    const created = await setTarget(client, {
      category: 'Holidays',
      targetAmount: '300',
      targetMonth: '2024-03',
    });
    expect(created).toMatchObject({ category: { name: 'Holidays' }, spent: '0.00' });
  });

  test('concurrent calls for one new category and month leave one target', async () => {
    const amounts = ['1', '2', '3', '4', '5', '6'];
    const input = (targetAmount: string) => ({
      input: { category: 'Garden', targetAmount, targetMonth: '2022-02' },
    });
    const results = await Promise.all(amounts.map((a) => client.gql(SET_TARGET, input(a))));
    expect(results.map((r) => r.errors)).toEqual(amounts.map(() => undefined));
    expect(new Set(results.map((r) => r.data?.setBudgetCategory.id)).size).toBe(1);
    const targets = (await client.data(TARGETS, { month: '2022-02' })).budgetCategories;
    expect(targets).toHaveLength(1);
    expect(targets[0].category.name).toBe('Garden');
    expect((await client.data(DELETE_TARGET, { id: targets[0].id })).deleteBudgetCategory).toBe(
      true,
    );
  });

  test('budgetCategories(month) filters; without a month it lists every target', async () => {
    const march = (await client.data(TARGETS, { month: '2024-03' })).budgetCategories;
    expect(
      march.map((t: { category: { name: string }; spent: string }) => [t.category.name, t.spent]),
    ).toEqual([
      ['Food', '60.60'],
      ['Holidays', '0.00'],
      ['Rent', '55.55'],
    ]);
    const all = (await client.data(TARGETS)).budgetCategories;
    expect(
      all.map((t: { targetMonth: string; category: { name: string }; spent: string }) => [
        t.targetMonth,
        t.category.name,
        t.spent,
      ]),
    ).toEqual([
      ['2024-05', 'Food', '0.00'],
      ['2024-04', 'Food', '77.77'],
      ['2024-03', 'Food', '60.60'],
      ['2024-03', 'Holidays', '0.00'],
      ['2024-03', 'Rent', '55.55'],
      ['2024-02', 'Food', '99.99'],
    ]);
    expect((await client.data(TARGETS, { month: '2023-03' })).budgetCategories).toEqual([]);
    expectError(await client.gql(TARGETS, { month: '2024-13' }), 'BAD_USER_INPUT', 'month');
  });

  test.each(['0', '0.00', '-5', '-0.01'])('targetAmount %j is refused', async (targetAmount) => {
    expectError(
      await client.gql(SET_TARGET, {
        input: { category: 'Food', targetAmount, targetMonth: '2024-03' },
      }),
      'BAD_USER_INPUT',
      'targetAmount',
    );
  });

  test('bad months, categories and amounts name their field', async () => {
    const input = { category: 'Food', targetAmount: '1', targetMonth: '2024-03' };
    for (const [patch, field] of [
      [{ targetMonth: '2024-13' }, 'targetMonth'],
      [{ targetMonth: '2024-3' }, 'targetMonth'],
      [{ targetAmount: '1.001' }, 'targetAmount'],
      [{ targetAmount: 'NaN' }, 'targetAmount'],
      [{ category: '   ' }, 'category'],
    ] as const) {
      expectError(
        await client.gql(SET_TARGET, { input: { ...input, ...patch } }),
        'BAD_USER_INPUT',
        field,
      );
    }
    // Nothing was changed by the refused calls.
    const [food] = (await client.data(TARGETS, { month: '2024-03' })).budgetCategories;
    expect(food.targetAmount).toBe('50.50');
  });

  test('deleteBudgetCategory: NOT_FOUND for unknown ids and for other users', async () => {
    const other = server().client();
    await signUp(other);
    const [food] = (await client.data(TARGETS, { month: '2024-02' })).budgetCategories;
    expectError(await other.gql(DELETE_TARGET, { id: food.id }), 'NOT_FOUND');
    expect((await other.data(TARGETS)).budgetCategories).toEqual([]);
    expectError(await client.gql(DELETE_TARGET, { id: '999999999' }), 'NOT_FOUND');
    expectError(await client.gql(DELETE_TARGET, { id: 'abc' }), 'NOT_FOUND');

    expect((await client.data(DELETE_TARGET, { id: food.id })).deleteBudgetCategory).toBe(true);
    expect((await client.data(TARGETS, { month: '2024-02' })).budgetCategories).toEqual([]);
    expectError(await client.gql(DELETE_TARGET, { id: food.id }), 'NOT_FOUND');
    expect((await client.data(TARGETS)).budgetCategories).toHaveLength(5);
  });

  test("another user's same-named category and expenses do not count", async () => {
    const other = server().client();
    await signUp(other);
    await addExpense(other, { amount: '1.25', category: 'Food', date: '2024-03-02' });
    const target = await setTarget(other, {
      category: 'food',
      targetAmount: '2',
      targetMonth: '2024-03',
    });
    expect([target.spent, target.remaining]).toEqual(['1.25', '0.75']);
    const [mine] = (await client.data(TARGETS, { month: '2024-03' })).budgetCategories;
    expect(mine.spent).toBe('60.60');
  });
});
