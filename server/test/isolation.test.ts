import type { ApiClient } from './api-client';
import { ADD_EXPENSE, addExpense, signUp, type TestUser } from './factories';
import { describeEachDatabase } from './test-server';

/**
 * Security checklist items 1 and 2: one user can neither see nor touch another's records. A
 * foreign id answers exactly like an id that does not exist, and the owner always comes from
 * the session.
 */
const MADE_UP_ID = '987654321';

const EXPENSE = 'id description amount date category { id name }';
const TARGET = 'id category { id name } targetMonth targetAmount spent remaining';

/** Everything a user can read, in one answer: compared before and after the other's attempts. */
const EVERYTHING = `{
  me { id username }
  expenses(first: 200) { totalCount nodes { ${EXPENSE} } }
  categories { id name }
  budgets { id month amount }
  budgetCategories { ${TARGET} }
  dashboard(month: "2024-01") {
    month budget spent savings
    months { month budget spent savings }
    byCategory { category { id name } spent }
    budgetCategories { ${TARGET} }
    recentExpenses(limit: 100) { ${EXPENSE} }
  }
}`;

describeEachDatabase('isolation between users', (server) => {
  let a: ApiClient;
  let b: ApiClient;
  let userA: TestUser;
  let userB: TestUser;
  let aExpense: Awaited<ReturnType<typeof addExpense>>;
  let aFoodExpense: Awaited<ReturnType<typeof addExpense>>;
  let bExpense: Awaited<ReturnType<typeof addExpense>>;
  let aTargetId: string;
  let aCategories: Record<string, string>;
  let aBefore: Record<string, any>;

  beforeAll(async () => {
    a = server().client();
    b = server().client();
    userA = await signUp(a);
    userB = await signUp(b);
    aExpense = await addExpense(a, {
      description: 'A secret dinner',
      amount: '42.5',
      category: 'AOnlyCategory',
      date: '2024-01-10',
    });
    aFoodExpense = await addExpense(a, {
      description: 'A groceries',
      amount: '100.01',
      category: 'Food',
      date: '2024-01-11',
    });
    bExpense = await addExpense(b, {
      description: 'B lunch',
      amount: '7.25',
      category: 'Food',
      date: '2024-01-12',
    });
    await a.data('mutation { setMonthlyBudget(month: "2024-01", amount: "1000") { id } }');
    await b.data('mutation { setMonthlyBudget(month: "2024-02", amount: "50") { id } }');
    const { setBudgetCategory } = await a.data(
      'mutation { setBudgetCategory(input: {category: "Food", targetAmount: "300", targetMonth: "2024-01"}) { id } }',
    );
    aTargetId = setBudgetCategory.id;
    const { categories } = await a.data<{ categories: { id: string; name: string }[] }>(
      '{ categories { id name } }',
    );
    aCategories = Object.fromEntries(categories.map((c) => [c.name, c.id]));
    aBefore = await a.data(EVERYTHING);
  });

  /** A's every record, read back exactly as it was before B's attempts. */
  async function expectAUnchanged(): Promise<void> {
    expect(await a.data(EVERYTHING)).toEqual(aBefore);
  }

  /**
   * B's operation on A's id answers NOT_FOUND with `message`, exactly as the same operation on an
   * id that does not exist.
   */
  async function expectNotFoundLikeMadeUp(
    query: string,
    variables: (id: string) => Record<string, unknown>,
    aId: string,
    message: string,
  ): Promise<void> {
    const foreign = await b.gql(query, variables(aId));
    const madeUp = await b.gql(query, variables(MADE_UP_ID));
    expect(foreign.errors).toEqual([
      expect.objectContaining({ message, extensions: { code: 'NOT_FOUND' } }),
    ]);
    expect(foreign).toEqual(madeUp);
  }

  test('the setup gave A what the other tests rely on', () => {
    expect(aBefore.expenses.totalCount).toBe(2);
    expect(aBefore.budgets).toEqual([
      { id: expect.any(String), month: '2024-01', amount: '1000.00' },
    ]);
    expect(aBefore.dashboard).toMatchObject({
      budget: '1000.00',
      spent: '142.51',
      savings: '857.49',
    });
    expect(aBefore.budgetCategories).toEqual([
      expect.objectContaining({ id: aTargetId, targetAmount: '300.00', spent: '100.01' }),
    ]);
    expect(aCategories.AOnlyCategory).toBe(aExpense.category.id);
  });

  test("expense(id): NOT_FOUND for A's expense, as for a made-up id", async () => {
    const query = `query($id: ID!) { expense(id: $id) { ${EXPENSE} } }`;
    for (const id of [aExpense.id, aFoodExpense.id]) {
      await expectNotFoundLikeMadeUp(query, (x) => ({ id: x }), id, 'Expense not found');
    }
    expect((await b.gql(query, { id: 'not-a-number' })).errors?.[0]).toMatchObject({
      message: 'Expense not found',
      extensions: { code: 'NOT_FOUND' },
    });
    // A still reads it.
    expect((await a.data(query, { id: aExpense.id })).expense).toEqual(aExpense);
  });

  test("updateExpense and deleteExpense: NOT_FOUND; A's expense unchanged; nothing created", async () => {
    const update = `mutation($id: ID!, $input: ExpenseInput!) { updateExpense(id: $id, input: $input) { id } }`;
    const input = {
      description: 'Hijacked',
      amount: '0.01',
      category: 'Brand new category',
      date: '2024-01-01',
    };
    await expectNotFoundLikeMadeUp(
      update,
      (id) => ({ id, input }),
      aExpense.id,
      'Expense not found',
    );
    const remove = 'mutation($id: ID!) { deleteExpense(id: $id) }';
    await expectNotFoundLikeMadeUp(remove, (id) => ({ id }), aExpense.id, 'Expense not found');
    await expectNotFoundLikeMadeUp(remove, (id) => ({ id }), aFoodExpense.id, 'Expense not found');
    const { categories } = await b.data('{ categories { name } }');
    expect(categories.map((c: { name: string }) => c.name)).not.toContain('Brand new category');
    await expectAUnchanged();
  });

  test("expenses list and every filter show B only B's expenses", async () => {
    const query = `query($filter: ExpenseFilter) {
      expenses(filter: $filter) { totalCount nodes { ${EXPENSE} } }
    }`;
    const onlyB = { expenses: { totalCount: 1, nodes: [bExpense] } };
    const none = { expenses: { totalCount: 0, nodes: [] } };
    const filters: [Record<string, string> | undefined, object][] = [
      [undefined, onlyB],
      [{ month: '2024-01' }, onlyB],
      [{ from: '2024-01-01', to: '2024-01-31' }, onlyB],
      [{ from: '2024-01-10', to: '2024-01-11' }, none],
      [{ category: 'Food' }, onlyB],
      [{ category: 'food' }, onlyB],
      [{ category: 'AOnlyCategory' }, none],
      [{ search: 'secret' }, none],
      [{ search: 'A ' }, none],
      [{ search: 'lunch' }, onlyB],
    ];
    for (const [filter, expected] of filters) {
      expect(await b.data(query, { filter })).toEqual(expected);
    }
    // A's own cursor position in B's hands still pages through B's rows only.
    const { expenses } = await a.data('{ expenses(first: 1) { pageInfo { endCursor } } }');
    const after = await b.data(
      `query($after: String) { expenses(after: $after) { nodes { id } } }`,
      {
        after: expenses.pageInfo.endCursor,
      },
    );
    expect(after.expenses.nodes.every((n: { id: string }) => n.id === bExpense.id)).toBe(true);
    await expectAUnchanged();
  });

  test("categories, renameCategory, deleteCategory: B never sees or touches A's", async () => {
    const { categories } = await b.data<{ categories: { id: string; name: string }[] }>(
      '{ categories { id name } }',
    );
    expect(categories.map((c) => c.name)).not.toContain('AOnlyCategory');
    const aIds = new Set(Object.values(aCategories));
    expect(categories.filter((c) => aIds.has(c.id))).toEqual([]);

    const rename = `mutation($id: ID!) { renameCategory(id: $id, name: "Pwned") { id name } }`;
    const remove = 'mutation($id: ID!) { deleteCategory(id: $id) }';
    // A category with expenses, one with a target, and an unused default one.
    for (const name of ['AOnlyCategory', 'Food', 'Loan']) {
      await expectNotFoundLikeMadeUp(
        rename,
        (id) => ({ id }),
        aCategories[name],
        'Category not found',
      );
      await expectNotFoundLikeMadeUp(
        remove,
        (id) => ({ id }),
        aCategories[name],
        'Category not found',
      );
    }
    await expectAUnchanged();
  });

  test("budgets and deleteMonthlyBudget: B sees only B's; A's month answers NOT_FOUND", async () => {
    expect(await b.data('{ budgets { month amount } }')).toEqual({
      budgets: [{ month: '2024-02', amount: '50.00' }],
    });
    const remove = 'mutation($month: Month!) { deleteMonthlyBudget(month: $month) }';
    const foreign = await b.gql(remove, { month: '2024-01' });
    const madeUp = await b.gql(remove, { month: '1999-01' });
    expect(foreign.errors).toEqual([
      expect.objectContaining({ message: 'Budget not found', extensions: { code: 'NOT_FOUND' } }),
    ]);
    expect(foreign).toEqual(madeUp);
    await expectAUnchanged();
  });

  test("budgetCategories and deleteBudgetCategory: B sees none of A's targets", async () => {
    expect(await b.data(`{ budgetCategories { id } }`)).toEqual({ budgetCategories: [] });
    expect(await b.data(`{ budgetCategories(month: "2024-01") { id } }`)).toEqual({
      budgetCategories: [],
    });
    const remove = 'mutation($id: ID!) { deleteBudgetCategory(id: $id) }';
    await expectNotFoundLikeMadeUp(
      remove,
      (id) => ({ id }),
      aTargetId,
      'Budget category not found',
    );
    await expectAUnchanged();
  });

  test("setBudgetCategory on a category name A also has makes B's own target, counting B's spending", async () => {
    const { setBudgetCategory } = await b.data(
      `mutation { setBudgetCategory(input: {category: "Food", targetAmount: "20", targetMonth: "2024-01"}) { ${TARGET} } }`,
    );
    expect(setBudgetCategory).toEqual({
      id: expect.any(String),
      category: { id: bExpense.category.id, name: 'Food' },
      targetMonth: '2024-01',
      targetAmount: '20.00',
      spent: '7.25',
      remaining: '12.75',
    });
    expect(setBudgetCategory.id).not.toBe(aTargetId);
    expect(bExpense.category.id).not.toBe(aCategories.Food);
    expect(await b.data(`{ budgetCategories(month: "2024-01") { ${TARGET} } }`)).toEqual({
      budgetCategories: [setBudgetCategory],
    });
    await expectAUnchanged();
  });

  test("dashboard figures of B count B's data only", async () => {
    const { dashboard } = await b.data(EVERYTHING);
    expect(dashboard.month).toBe('2024-01');
    expect(dashboard.budget).toBeNull();
    expect(dashboard.spent).toBe('7.25');
    expect(dashboard.savings).toBeNull();
    expect(dashboard.byCategory).toEqual([
      { category: { id: bExpense.category.id, name: 'Food' }, spent: '7.25' },
    ]);
    expect(dashboard.recentExpenses).toEqual([bExpense]);
    expect(dashboard.months).toHaveLength(12);
    expect(dashboard.months[11]).toEqual({
      month: '2024-01',
      budget: null,
      spent: '7.25',
      savings: null,
    });
    expect(dashboard.months.slice(0, 11).every((m: { spent: string }) => m.spent === '0.00')).toBe(
      true,
    );
    for (const target of dashboard.budgetCategories) {
      expect(target.id).not.toBe(aTargetId);
    }
    const february = await b.data('{ dashboard(month: "2024-02") { budget spent savings } }');
    expect(february).toEqual({ dashboard: { budget: '50.00', spent: '0.00', savings: '50.00' } });
    await expectAUnchanged();
  });

  test('an owner id smuggled into an input is a GraphQL validation error and writes nothing', async () => {
    const bBefore = await b.data(EVERYTHING);
    const input = {
      description: 'Smuggled',
      amount: '1',
      category: 'Food',
      date: '2024-01-15',
      userId: userA.id,
    };
    const viaVariables = await b.gql(ADD_EXPENSE, { input });
    expect(viaVariables.status).toBe(400);
    expect(viaVariables.data).toBeUndefined();
    expect(viaVariables.errors).toHaveLength(1);
    expect(viaVariables.errors?.[0].message).toContain(
      'Field "userId" is not defined by type "ExpenseInput".',
    );
    expect(viaVariables.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const literals = [
      `mutation { addExpense(input: {description: "x", amount: "1", category: "Food", date: "2024-01-15", userId: "${userA.id}"}) { id } }`,
      `mutation { updateExpense(id: "${aExpense.id}", input: {description: "x", amount: "1", category: "Food", date: "2024-01-15", userId: "${userA.id}"}) { id } }`,
      `mutation { setBudgetCategory(input: {category: "Food", targetAmount: "1", targetMonth: "2024-01", userId: "${userA.id}"}) { id } }`,
      `mutation { setMonthlyBudget(month: "2024-01", amount: "1", userId: "${userA.id}") { id } }`,
      `{ expenses(filter: {userId: "${userA.id}"}) { totalCount } }`,
    ];
    for (const query of literals) {
      const result = await b.gql(query);
      expect(result.status).toBe(400);
      expect(result.data).toBeUndefined();
      expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(result.errors?.[0].message).toMatch(/"userId"/);
    }
    expect(await b.data(EVERYTHING)).toEqual(bBefore);
    expect((await b.data('{ me { id } }')).me.id).toBe(userB.id);
    await expectAUnchanged();
  });
  test("A's ledger named by B, as argument or as the X-Ledger-Id header: NOT_FOUND, nothing written", async () => {
    const { ledgers } = await a.data<{ ledgers: { id: string }[] }>('{ ledgers { id } }');
    const aLedger = ledgers[0].id;
    const write = `mutation { addExpense(input: {description: "Planted", amount: "1", category: "Food",
      date: "2024-01-15"}) { id } }`;
    const viaArgument = await b.gql('query($l: ID) { expenses(ledgerId: $l) { totalCount } }', {
      l: aLedger,
    });
    b.headers['x-ledger-id'] = aLedger;
    try {
      for (const answer of [viaArgument, await b.gql(EVERYTHING), await b.gql(write)]) {
        expect(answer.errors?.[0]).toMatchObject({
          message: 'Ledger not found',
          extensions: { code: 'NOT_FOUND' },
        });
      }
    } finally {
      delete b.headers['x-ledger-id'];
    }
    await expectAUnchanged();
  });
});
