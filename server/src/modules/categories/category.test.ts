import type { ApiClient, GraphQLResponse } from '../../../test/api-client';
import { addExpense, signUp } from '../../../test/factories';
import { describeEachDatabase } from '../../../test/test-server';

const DEFAULTS = [
  'Food',
  'Transport',
  'Utilities',
  'Entertainment',
  'Health',
  'KidToys',
  'KidEducation',
  'KidClothing',
  'KidFood',
  'KidHealth',
  'KidTransport',
  'KidUtilities',
  'KidEntertainment',
  'KidOthers',
  'CreditCardBill',
  'Loan',
  'Insurance',
  'Rent',
  'Mortgage',
  'Clothing',
  'Shopping',
  'Others',
];

const LIST = '{ categories { id name } }';
const CREATE = 'mutation($name: String!) { createCategory(name: $name) { id name } }';
const RENAME =
  'mutation($id: ID!, $name: String!) { renameCategory(id: $id, name: $name) { id name } }';
const DELETE = 'mutation($id: ID!) { deleteCategory(id: $id) }';

interface Category {
  id: string;
  name: string;
}

/** "By name": ignoring case. */
const byName = (names: string[]) =>
  [...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));

async function categories(client: ApiClient): Promise<Category[]> {
  return (await client.data<{ categories: Category[] }>(LIST)).categories;
}

async function create(client: ApiClient, name: string): Promise<Category> {
  return (await client.data<{ createCategory: Category }>(CREATE, { name })).createCategory;
}

/** The code and field of a refusal; a refusal never comes with data or a 500. */
function refusal(result: GraphQLResponse): { code?: string; field?: string } {
  expect(result.status).not.toBe(500);
  expect(result.data ?? null).toBeNull();
  expect(result.errors).toHaveLength(1);
  const { code, field } = result.errors?.[0].extensions ?? {};
  return field === undefined ? { code } : { code, field };
}

const bad = (field: string) => ({ code: 'BAD_USER_INPUT', field });

describeEachDatabase('categories', (server) => {
  test('a new user has exactly the 22 default categories, ordered by name', async () => {
    const client = server().client();
    await signUp(client);
    const list = await categories(client);
    expect(list.map((c) => c.name)).toEqual(byName(DEFAULTS));
    expect(list.every((c) => /^[1-9]\d*$/.test(c.id))).toBe(true);
    expect(new Set(list.map((c) => c.id)).size).toBe(22);

    const other = server().client();
    await signUp(other);
    const otherList = await categories(other);
    expect(otherList.map((c) => c.name)).toEqual(byName(DEFAULTS));
    const ids = new Set(list.map((c) => c.id));
    expect(otherList.filter((c) => ids.has(c.id))).toEqual([]);
  });

  test('create: trimmed, listed, and unique ignoring case', async () => {
    const client = server().client();
    await signUp(client);
    const pets = await create(client, '  Pets ');
    expect(pets).toEqual({ id: expect.stringMatching(/^[1-9]\d*$/), name: 'Pets' });
    expect((await categories(client)).map((c) => c.name)).toEqual(byName([...DEFAULTS, 'Pets']));
    expect(await categories(client)).toContainEqual(pets);

    for (const name of ['Pets', 'pets', 'PETS', ' pEtS ', 'food', 'FOOD', 'kidtoys']) {
      expect({ name, ...refusal(await client.gql(CREATE, { name })) }).toEqual({
        name,
        ...bad('name'),
      });
    }
    expect(await categories(client)).toHaveLength(23);

    // Another user may have a category of the same name.
    const other = server().client();
    await signUp(other);
    expect((await create(other, 'pets')).name).toBe('pets');
  });

  test('names: blanks, length, control characters are refused', async () => {
    const client = server().client();
    await signUp(client);
    const fifty = 'n'.repeat(50);
    expect((await create(client, fifty)).name).toBe(fifty);
    const emoji = '🐶'.repeat(50);
    expect((await create(client, emoji)).name).toBe(emoji);
    const refused = [
      '',
      '   ',
      '\t',
      'n'.repeat(51),
      '🐶'.repeat(51),
      'a\u0000b',
      'tab\there',
      'new\nline',
      'esc\u001b',
      'c1\u009b',
      '\ud800',
    ];
    const answers = [];
    for (const name of refused)
      answers.push({ name, ...refusal(await client.gql(CREATE, { name })) });
    expect(answers).toEqual(refused.map((name) => ({ name, ...bad('name') })));
    expect(await categories(client)).toHaveLength(24);
  });

  test('names whose lower case is longer than they are: refused, never a 500', async () => {
    const client = server().client();
    await signUp(client);
    // "İ" lower-cases to two code points ("i" and a combining dot): the key outgrows the name.
    const trip = await create(client, 'İstanbul trip');
    expect(trip.name).toBe('İstanbul trip');
    const same = await addExpense(client, {
      amount: '1',
      category: 'i\u0307stanbul TRIP',
      date: '2024-01-01',
    });
    expect(same.category).toEqual(trip);
    const fits = 'İ'.repeat(25);
    expect((await create(client, fits)).name).toBe(fits);
    expect(refusal(await client.gql(CREATE, { name: 'İ'.repeat(26) }))).toEqual(bad('name'));
    expect(refusal(await client.gql(RENAME, { id: trip.id, name: 'İ'.repeat(50) }))).toEqual(
      bad('name'),
    );
    const viaExpense = await client.gql(
      'mutation($input: ExpenseInput!) { addExpense(input: $input) { id } }',
      {
        input: { description: 'x', amount: '1', category: 'İ'.repeat(40), date: '2024-01-01' },
      },
    );
    expect(refusal(viaExpense)).toEqual(bad('category'));
    expect(await categories(client)).toHaveLength(24);
  });

  test('rename keeps the id, shows in expenses, and refuses a taken name', async () => {
    const client = server().client();
    await signUp(client);
    const pets = await create(client, 'Pets');
    const expense = await addExpense(client, { amount: '3', category: 'pets', date: '2024-01-01' });
    expect(expense.category).toEqual(pets);

    const renamed = (await client.data(RENAME, { id: pets.id, name: ' Animals ' })).renameCategory;
    expect(renamed).toEqual({ id: pets.id, name: 'Animals' });
    const read = await client.data(
      'query($id: ID!) { expense(id: $id) { category { id name } } }',
      { id: expense.id },
    );
    expect(read.expense.category).toEqual(renamed);
    expect(
      (await addExpense(client, { amount: '1', category: 'ANIMALS', date: '2024-01-01' })).category,
    ).toEqual(renamed);
    expect((await create(client, 'pets')).name).toBe('pets');

    // The same name in another case is the same category: allowed.
    expect((await client.data(RENAME, { id: pets.id, name: 'ANIMALS' })).renameCategory).toEqual({
      id: pets.id,
      name: 'ANIMALS',
    });
    for (const name of ['Food', 'food', ' FOOD ']) {
      expect(refusal(await client.gql(RENAME, { id: pets.id, name }))).toEqual(bad('name'));
    }
    expect(refusal(await client.gql(RENAME, { id: pets.id, name: '  ' }))).toEqual(bad('name'));
    const list = await categories(client);
    expect(list.filter((c) => c.name === 'Food')).toHaveLength(1);
    expect(list).toContainEqual({ id: pets.id, name: 'ANIMALS' });
  });

  test('delete: an unused category goes, one with expenses stays', async () => {
    const client = server().client();
    await signUp(client);
    const spare = await create(client, 'Spare');
    expect(await client.data(DELETE, { id: spare.id })).toEqual({ deleteCategory: true });
    expect(await categories(client)).not.toContainEqual(spare);
    expect(refusal(await client.gql(DELETE, { id: spare.id }))).toEqual({ code: 'NOT_FOUND' });

    const expense = await addExpense(client, {
      amount: '9.99',
      category: 'Rent',
      date: '2024-01-01',
    });
    const rent = expense.category;
    const refused = refusal(await client.gql(DELETE, { id: rent.id }));
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(await categories(client)).toContainEqual(rent);
    const read = await client.data(
      'query($id: ID!) { expense(id: $id) { amount category { id name } } }',
      { id: expense.id },
    );
    expect(read.expense).toEqual({ amount: '9.99', category: rent });

    await client.data('mutation($id: ID!) { deleteExpense(id: $id) }', { id: expense.id });
    expect(await client.data(DELETE, { id: rent.id })).toEqual({ deleteCategory: true });
    expect((await categories(client)).map((c) => c.name)).toEqual(
      byName(DEFAULTS.filter((n) => n !== 'Rent')),
    );
    // The name is free again, and a new expense creates a new category under it.
    const again = (await addExpense(client, { amount: '1', category: 'rent', date: '2024-01-01' }))
      .category;
    expect(again).toEqual({ id: expect.any(String), name: 'rent' });
    expect(again.id).not.toBe(rent.id);
  });

  test('delete takes the category targets with it', async () => {
    const client = server().client();
    await signUp(client);
    const trips = await create(client, 'Trips');
    const { setBudgetCategory } = await client.data(
      'mutation($input: BudgetCategoryInput!) { setBudgetCategory(input: $input) { id category { id name } targetAmount } }',
      { input: { category: 'trips', targetAmount: '100', targetMonth: '2024-01' } },
    );
    expect(setBudgetCategory).toEqual({
      id: expect.any(String),
      category: trips,
      targetAmount: '100.00',
    });
    expect(await client.data(DELETE, { id: trips.id })).toEqual({ deleteCategory: true });
    const { budgetCategories } = await client.data('{ budgetCategories { id } }');
    expect(budgetCategories).toEqual([]);
  });

  test('markup and SQL in names are stored literally', async () => {
    const client = server().client();
    await signUp(client);
    const names = [
      '<img src=x onerror=alert(1)>',
      "' OR 1=1 --",
      '"; DROP TABLE categories; --',
      '100%_!',
      '👩‍👩‍👧 \u200fשלום',
      'e\u0301',
    ];
    for (const name of names) {
      const created = await create(client, name);
      expect(Buffer.from(created.name)).toEqual(Buffer.from(name));
      expect(await categories(client)).toContainEqual(created);
      const expense = await addExpense(client, { amount: '1', category: name, date: '2024-01-01' });
      expect(expense.category).toEqual(created);
    }
    expect(await categories(client)).toHaveLength(22 + names.length);
    const filtered = await client.data(
      'query($c: String) { expenses(filter: { category: $c }) { totalCount nodes { category { name } } } }',
      { c: '<IMG SRC=X ONERROR=ALERT(1)>' },
    );
    expect(filtered.expenses).toEqual({
      totalCount: 1,
      nodes: [{ category: { name: '<img src=x onerror=alert(1)>' } }],
    });
  });

  test("unknown ids and other users' categories are NOT_FOUND", async () => {
    const owner = server().client();
    await signUp(owner);
    const mine = await create(owner, 'Mine');
    const other = server().client();
    await signUp(other);
    for (const id of ['999999', 'abc', '-1', '0', '', mine.id]) {
      expect(refusal(await other.gql(RENAME, { id, name: 'Stolen' }))).toEqual({
        code: 'NOT_FOUND',
      });
      expect(refusal(await other.gql(DELETE, { id }))).toEqual({ code: 'NOT_FOUND' });
    }
    expect(await categories(owner)).toContainEqual(mine);
    // Naming it in an expense makes the other user a category of their own.
    const theirs = (await addExpense(other, { amount: '1', category: 'mine', date: '2024-01-01' }))
      .category;
    expect(theirs.name).toBe('mine');
    expect(theirs.id).not.toBe(mine.id);
    expect(await categories(owner)).toContainEqual(mine);
  });

  test('without a session every category operation is UNAUTHENTICATED', async () => {
    const owner = server().client();
    await signUp(owner);
    const mine = await create(owner, 'Mine');
    const anonymous = server().client();
    const calls: [string, Record<string, unknown>][] = [
      [LIST, {}],
      [CREATE, { name: 'Sneaky' }],
      [RENAME, { id: mine.id, name: 'Sneaky' }],
      [DELETE, { id: mine.id }],
    ];
    for (const [query, variables] of calls) {
      expect(refusal(await anonymous.gql(query, variables))).toEqual({ code: 'UNAUTHENTICATED' });
    }
    expect(await categories(owner)).toContainEqual(mine);
  });
});
