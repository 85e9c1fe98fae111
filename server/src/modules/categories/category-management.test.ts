import type { ApiClient, GraphQLResponse } from '../../../test/api-client';
import { addExpense, signUp } from '../../../test/factories';
import { personalLedger } from '../../../test/seed';
import { describeEachDatabase } from '../../../test/test-server';

const LIST = 'query($all: Boolean) { categories(includeHidden: $all) { id name hidden } }';
const CREATE = 'mutation($name: String!) { createCategory(name: $name) { id name } }';
const RENAME =
  'mutation($id: ID!, $name: String!) { renameCategory(id: $id, name: $name) { id name } }';
const MERGE = `mutation($id: ID!, $intoId: ID!, $ledgerId: ID) {
  mergeCategory(id: $id, intoId: $intoId, ledgerId: $ledgerId) { id name hidden }
}`;
const HIDE = `mutation($id: ID!, $hidden: Boolean!) {
  hideCategory(id: $id, hidden: $hidden) { id name hidden }
}`;
const DELETE = 'mutation($id: ID!) { deleteCategory(id: $id) }';
const USAGE = '{ categoryUsage { category { id name hidden } transactionCount lastUsedMonth } }';
const FILTERED = `query($c: String) {
  expenses(filter: { category: $c }) { totalCount nodes { amount category { id name } } }
}`;
const SET_TARGET = `mutation($input: BudgetCategoryInput!) {
  setBudgetCategory(input: $input) { id category { id name } targetAmount }
}`;
const TARGETS = `query($m: Month) {
  budgetCategories(month: $m) { category { name } targetMonth targetAmount spent }
}`;

interface Category {
  id: string;
  name: string;
}

async function create(client: ApiClient, name: string): Promise<Category> {
  return (await client.data<{ createCategory: Category }>(CREATE, { name })).createCategory;
}

async function names(client: ApiClient, all = false): Promise<string[]> {
  const { categories } = await client.data(LIST, { all });
  return categories.map((c: Category) => c.name);
}

/** The category an expense written with this name lands in. */
async function categoryOfName(client: ApiClient, name: string): Promise<Category> {
  return (await addExpense(client, { amount: '1', category: name, date: '2024-03-01' })).category;
}

/** The code and field of a refusal; a refusal never comes with data or a 500. */
function refusal(result: GraphQLResponse): { code?: string; field?: string } {
  expect(result.status).not.toBe(500);
  expect(result.data ?? null).toBeNull();
  expect(result.errors).toHaveLength(1);
  const { code, field } = result.errors?.[0].extensions ?? {};
  return field === undefined ? { code } : { code, field };
}

describeEachDatabase('category management', (server) => {
  async function newUser() {
    const client = server().client();
    await signUp(client);
    return client;
  }

  test('merge moves transactions and targets (summed per month), then the category goes', async () => {
    const client = await newUser();
    const snacks = await create(client, 'Snacks');
    for (const [amount, date] of [
      ['2.50', '2024-01-03'],
      ['1.25', '2024-01-20'],
      ['4', '2024-02-11'],
    ]) {
      await addExpense(client, { amount, category: 'Snacks', date });
    }
    const food = (await addExpense(client, { amount: '10', category: 'Food', date: '2024-01-05' }))
      .category;
    for (const [category, targetAmount, targetMonth] of [
      ['Snacks', '50', '2024-01'],
      ['Food', '100.01', '2024-01'],
      ['Snacks', '30', '2024-02'],
    ]) {
      await client.data(SET_TARGET, { input: { category, targetAmount, targetMonth } });
    }

    const { mergeCategory } = await client.data(MERGE, { id: snacks.id, intoId: food.id });
    expect(mergeCategory).toEqual({ ...food, hidden: false });

    expect(await names(client, true)).not.toContain('Snacks');
    const filtered = (await client.data(FILTERED, { c: 'Food' })).expenses;
    expect(filtered.totalCount).toBe(4);
    expect(filtered.nodes.map((n: { amount: string }) => n.amount).sort()).toEqual([
      '1.25',
      '10.00',
      '2.50',
      '4.00',
    ]);
    expect(new Set(filtered.nodes.map((n: { category: Category }) => n.category.id))).toEqual(
      new Set([food.id]),
    );
    const { dashboard } = await client.data(
      '{ dashboard(month: "2024-01") { spent byCategory { category { name } spent } } }',
    );
    expect(dashboard).toEqual({
      spent: '13.75',
      byCategory: [{ category: { name: 'Food' }, spent: '13.75' }],
    });
    expect((await client.data(TARGETS, { m: '2024-01' })).budgetCategories).toEqual([
      {
        category: { name: 'Food' },
        targetMonth: '2024-01',
        targetAmount: '150.01',
        spent: '13.75',
      },
    ]);
    expect((await client.data(TARGETS, { m: '2024-02' })).budgetCategories).toEqual([
      { category: { name: 'Food' }, targetMonth: '2024-02', targetAmount: '30.00', spent: '4.00' },
    ]);
    const usage = (await client.data(USAGE)).categoryUsage;
    expect(usage.find((u: { category: Category }) => u.category.id === food.id)).toEqual({
      category: { ...food, hidden: false },
      transactionCount: 4,
      lastUsedMonth: '2024-02',
    });
    // The merged category is gone: its id is NOT_FOUND everywhere.
    expect(refusal(await client.gql(DELETE, { id: snacks.id }))).toEqual({ code: 'NOT_FOUND' });
    expect(refusal(await client.gql(MERGE, { id: snacks.id, intoId: food.id }))).toEqual({
      code: 'NOT_FOUND',
    });
  });

  test('old names keep working for scripts after a merge: writes, filters and targets', async () => {
    const client = await newUser();
    const snacks = await create(client, 'Snacks');
    const food = (await client.data(LIST)).categories.find((c: Category) => c.name === 'Food');
    await addExpense(client, { amount: '3', category: 'Snacks', date: '2024-01-03' });
    await client.data(MERGE, { id: snacks.id, intoId: food.id });

    expect(await categoryOfName(client, 'snacks')).toEqual({ id: food.id, name: 'Food' });
    expect(await categoryOfName(client, ' SNACKS ')).toEqual({ id: food.id, name: 'Food' });
    const filtered = (await client.data(FILTERED, { c: 'SnAcKs' })).expenses;
    expect(filtered.totalCount).toBe(3);
    const { setBudgetCategory } = await client.data(SET_TARGET, {
      input: { category: 'snacks', targetAmount: '5', targetMonth: '2024-04' },
    });
    expect(setBudgetCategory.category).toEqual({ id: food.id, name: 'Food' });
    // An old name of the merged category (from an earlier rename) follows it too.
    const a = await create(client, 'Alpha');
    await client.data(RENAME, { id: a.id, name: 'Beta' });
    await client.data(MERGE, { id: a.id, intoId: food.id });
    expect(await categoryOfName(client, 'alpha')).toEqual({ id: food.id, name: 'Food' });
    expect(await categoryOfName(client, 'beta')).toEqual({ id: food.id, name: 'Food' });
    expect(await names(client, true)).not.toEqual(expect.arrayContaining(['Alpha']));
  });

  test('old names keep working after a rename; a new category named like one takes it back', async () => {
    const client = await newUser();
    const pets = await create(client, 'Pets');
    await addExpense(client, { amount: '7', category: 'Pets', date: '2024-01-03' });
    await client.data(RENAME, { id: pets.id, name: 'Animals' });
    expect(await categoryOfName(client, 'PETS')).toEqual({ id: pets.id, name: 'Animals' });
    expect((await client.data(FILTERED, { c: 'pets' })).expenses.totalCount).toBe(2);

    const BY_NAME = 'query($n: String!) { categoryByName(name: $n) { id name } }';
    expect((await client.data(BY_NAME, { n: ' pETS ' })).categoryByName).toEqual({
      id: pets.id,
      name: 'Animals',
    });
    expect((await client.data(BY_NAME, { n: 'Never seen' })).categoryByName).toBeNull();
    // A nullable field answers null beside its error.
    const blank = await client.gql(BY_NAME, { n: ' ' });
    expect(blank.data).toEqual({ categoryByName: null });
    expect(blank.errors?.map((e) => e.extensions)).toEqual([
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'name' }),
    ]);

    // A chain of renames: every old name resolves to the category.
    await client.data(RENAME, { id: pets.id, name: 'Creatures' });
    expect(await categoryOfName(client, 'pets')).toEqual({ id: pets.id, name: 'Creatures' });
    expect(await categoryOfName(client, 'animals')).toEqual({ id: pets.id, name: 'Creatures' });
    // Only the case changes: no alias, same category.
    await client.data(RENAME, { id: pets.id, name: 'CREATURES' });

    // A new category under an old name takes the name back from the alias.
    const newPets = await create(client, 'pets');
    expect(newPets.id).not.toBe(pets.id);
    expect(await categoryOfName(client, 'Pets')).toEqual(newPets);
    expect((await client.data(FILTERED, { c: 'pets' })).expenses.totalCount).toBe(1);
    expect(await categoryOfName(client, 'animals')).toEqual({ id: pets.id, name: 'CREATURES' });

    // Renaming back to an old name of its own takes it too, and the name left behind is kept.
    await client.data(RENAME, { id: pets.id, name: 'Animals' });
    expect(await categoryOfName(client, 'creatures')).toEqual({ id: pets.id, name: 'Animals' });
    // An alias is per ledger: another user's "pets" is their own new category.
    const other = await newUser();
    const theirs = await categoryOfName(other, 'animals');
    expect(theirs.id).not.toBe(pets.id);
    expect(theirs.name).toBe('animals');
  });

  test('hidden: left out of pickers, listed on request, still written to by name', async () => {
    const client = await newUser();
    const { categories } = await client.data(LIST);
    const rent = categories.find((c: Category) => c.name === 'Rent');
    expect(rent.hidden).toBe(false);
    expect((await client.data(HIDE, { id: rent.id, hidden: true })).hideCategory).toEqual({
      ...rent,
      hidden: true,
    });
    expect(await names(client)).not.toContain('Rent');
    expect(await names(client)).toHaveLength(21);
    expect((await client.data(LIST, { all: true })).categories).toContainEqual({
      ...rent,
      hidden: true,
    });

    const { addExpense: expense } = await client.data(
      'mutation($i: ExpenseInput!) { addExpense(input: $i) { amount category { id name hidden } } }',
      { i: { description: 'June', amount: '900', category: 'rent', date: '2024-06-01' } },
    );
    expect(expense).toEqual({ amount: '900.00', category: { ...rent, hidden: true } });
    const { expenses } = await client.data(
      '{ expenses(first: 5) { nodes { category { name hidden } } } }',
    );
    expect(expenses.nodes).toEqual([{ category: { name: 'Rent', hidden: true } }]);
    const usage = (await client.data(USAGE)).categoryUsage;
    expect(usage).toHaveLength(22);
    expect(usage.find((u: { category: Category }) => u.category.id === rent.id)).toEqual({
      category: { ...rent, hidden: true },
      transactionCount: 1,
      lastUsedMonth: '2024-06',
    });
    expect(usage.find((u: { category: Category }) => u.category.name === 'Food')).toMatchObject({
      transactionCount: 0,
      lastUsedMonth: null,
    });

    await client.data(HIDE, { id: rent.id, hidden: false });
    expect(await names(client)).toContain('Rent');
  });

  test('refusals: into itself, names, unknown ids, and nothing moves', async () => {
    const client = await newUser();
    const food = await categoryOfName(client, 'Food');
    expect(refusal(await client.gql(MERGE, { id: food.id, intoId: food.id }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'intoId',
    });
    for (const id of ['999999', 'abc', '0', '-1']) {
      expect(refusal(await client.gql(MERGE, { id, intoId: food.id }))).toEqual({
        code: 'NOT_FOUND',
      });
      expect(refusal(await client.gql(MERGE, { id: food.id, intoId: id }))).toEqual({
        code: 'NOT_FOUND',
      });
      expect(refusal(await client.gql(HIDE, { id, hidden: true }))).toEqual({
        code: 'NOT_FOUND',
      });
    }
    const used = refusal(await client.gql(DELETE, { id: food.id }));
    expect(used).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    expect((await client.data(FILTERED, { c: 'Food' })).expenses.totalCount).toBe(1);
  });

  test("another ledger's categories are NOT_FOUND, and its ledger too", async () => {
    const owner = await newUser();
    const mine = await categoryOfName(owner, 'Mine');
    const { me } = await owner.data('{ me { id } }');
    const { ledgerId: ownerLedger } = await personalLedger(server().dataSource, Number(me.id));
    const other = await newUser();
    const theirs = await categoryOfName(other, 'Theirs');
    const attempts = [
      other.gql(MERGE, { id: mine.id, intoId: theirs.id }),
      other.gql(MERGE, { id: theirs.id, intoId: mine.id }),
      other.gql(HIDE, { id: mine.id, hidden: true }),
    ];
    for (const result of await Promise.all(attempts)) {
      expect(refusal(result)).toEqual({ code: 'NOT_FOUND' });
    }
    // A ledger id that is not theirs: the ledger is NOT_FOUND, as a missing one.
    for (const ledgerId of [String(ownerLedger), '999999']) {
      const result = await other.gql(MERGE, { id: mine.id, intoId: mine.id, ledgerId });
      expect(refusal(result)).toEqual({ code: 'NOT_FOUND' });
    }
    expect((await owner.data(FILTERED, { c: 'Mine' })).expenses.totalCount).toBe(1);
    expect((await other.data(FILTERED, { c: 'Theirs' })).expenses.totalCount).toBe(1);
    expect(await names(owner)).toContain('Mine');
  });

  test('without a session the new operations are UNAUTHENTICATED', async () => {
    const anonymous = server().client();
    for (const [query, variables] of [
      [MERGE, { id: '1', intoId: '2' }],
      [HIDE, { id: '1', hidden: true }],
      [USAGE, {}],
    ] as const) {
      expect(refusal(await anonymous.gql(query, variables))).toEqual({ code: 'UNAUTHENTICATED' });
    }
  });
});
