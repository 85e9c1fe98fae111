import type { ApiClient, GraphQLResponse } from '../../../test/api-client';
import { ADD_EXPENSE, addExpense, signUp } from '../../../test/factories';
import { describeEachDatabase } from '../../../test/test-server';

const FIELDS = 'id description amount date category { id name }';
const EXPENSE = `query($id: ID!) { expense(id: $id) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: ExpenseInput!) { updateExpense(id: $id, input: $input) { ${FIELDS} } }`;
const DELETE = 'mutation($id: ID!) { deleteExpense(id: $id) }';
const LIST = `query($filter: ExpenseFilter, $first: Int, $after: String) {
  expenses(filter: $filter, first: $first, after: $after) {
    nodes { ${FIELDS} } totalCount pageInfo { hasNextPage endCursor }
  }
}`;
const CATEGORIES = '{ categories { id name } }';

interface Expense {
  id: string;
  description: string;
  amount: string;
  date: string;
  category: { id: string; name: string };
}
interface Page {
  nodes: Expense[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const input = (overrides: Record<string, unknown> = {}) => ({
  description: 'Groceries',
  amount: '10',
  category: 'Food',
  date: '2024-03-15',
  ...overrides,
});

/** The code and field of a refusal; a refusal never comes with data or a 500. */
function refusal(result: GraphQLResponse): { code?: string; field?: string } {
  expect(result.status).not.toBe(500);
  expect(result.data ?? null).toBeNull();
  expect(result.errors).toHaveLength(1);
  const { code, field } = result.errors?.[0].extensions ?? {};
  return field === undefined ? { code } : { code, field };
}

const bad = (field: string) => ({ code: 'BAD_USER_INPUT', field });
const NOT_FOUND = { code: 'NOT_FOUND' };
const empty = (totalCount = 0) => ({
  nodes: [],
  totalCount,
  pageInfo: { hasNextPage: false, endCursor: null },
});

/** addExpense with its input written into the document: the values are GraphQL literals. */
function literalAdd(client: ApiClient, literals: Record<string, string>) {
  const fields = { description: '"x"', amount: '"1"', category: '"Food"', date: '"2024-01-01"' };
  const text = Object.entries({ ...fields, ...literals }).map(([k, v]) => `${k}: ${v}`);
  return client.gql(`mutation { addExpense(input: { ${text.join(', ')} }) { amount } }`);
}

async function refusalOfAdd(client: ApiClient, overrides: Record<string, unknown>) {
  return refusal(await client.gql(ADD_EXPENSE, { input: input(overrides) }));
}

/** Adds an expense of 1 on 2024-01-01 unless told otherwise. */
type Fields = { description?: string; amount?: string; category?: string; date?: string };
const add = (client: ApiClient, fields: Fields = {}) =>
  addExpense(client, { amount: '1', date: '2024-01-01', ...fields });

async function amountOf(client: ApiClient, amount: unknown): Promise<string> {
  return (await client.data(ADD_EXPENSE, { input: input({ amount }) })).addExpense.amount;
}

/** Every value of `field` is refused with BAD_USER_INPUT naming the field. */
async function expectRefused(client: ApiClient, field: string, values: unknown[]) {
  const answers = [];
  for (const value of values) {
    answers.push({ value, ...(await refusalOfAdd(client, { [field]: value })) });
  }
  expect(answers).toEqual(values.map((value) => ({ value, ...bad(field) })));
}

async function list(client: ApiClient, variables: Record<string, unknown> = {}): Promise<Page> {
  return (await client.data<{ expenses: Page }>(LIST, variables)).expenses;
}

async function categoryId(client: ApiClient, name: string): Promise<string | undefined> {
  const { categories } = await client.data<{ categories: Expense['category'][] }>(CATEGORIES);
  return categories.find((c) => c.name === name)?.id;
}

describeEachDatabase('expenses', (server) => {
  test('add, read, update and delete with exact fields', async () => {
    const client = server().client();
    await signUp(client);
    const food = await categoryId(client, 'Food');
    const transport = await categoryId(client, 'Transport');
    const added = await add(client, { description: 'Weekly', amount: '150.5', date: '2024-03-15' });
    expect(added).toEqual({
      id: expect.stringMatching(/^[1-9]\d*$/),
      description: 'Weekly',
      amount: '150.50',
      date: '2024-03-15',
      category: { id: food, name: 'Food' },
    });
    expect((await client.data(EXPENSE, { id: added.id })).expense).toEqual(added);

    const changes = {
      description: 'Train',
      amount: '0.3',
      category: 'transport',
      date: '2024-04-01',
    };
    const category = { id: transport, name: 'Transport' };
    const updated = { ...changes, id: added.id, amount: '0.30', category };
    const { updateExpense } = await client.data(UPDATE, { id: added.id, input: changes });
    expect(updateExpense).toEqual(updated);
    expect((await client.data(EXPENSE, { id: added.id })).expense).toEqual(updated);
    expect(await list(client)).toEqual({
      nodes: [updated],
      totalCount: 1,
      pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
    });

    expect(await client.data(DELETE, { id: added.id })).toEqual({ deleteExpense: true });
    expect(refusal(await client.gql(EXPENSE, { id: added.id }))).toEqual(NOT_FOUND);
    expect(refusal(await client.gql(DELETE, { id: added.id }))).toEqual(NOT_FOUND);
    expect(await list(client)).toEqual(empty());
  });

  test('numeric literals in the query text and JSON numbers are taken as written', async () => {
    const client = server().client();
    await signUp(client);
    const literal = (amount: string) => literalAdd(client, { amount });
    expect((await literal('150.5')).data).toEqual({ addExpense: { amount: '150.50' } });
    expect((await literal('42')).data).toEqual({ addExpense: { amount: '42.00' } });
    expect(refusal(await literal('1e3'))).toEqual(bad('amount'));
    expect(refusal(await literal('1.234'))).toEqual(bad('amount'));
    expect(await amountOf(client, 150.5)).toBe('150.50');
    expect(await amountOf(client, 7)).toBe('7.00');
    expect(await amountOf(client, 9999999999999.99)).toBe('9999999999999.99');
  });

  test('categories by name ignoring case; an unknown name creates one', async () => {
    const client = server().client();
    await signUp(client);
    const food = await categoryId(client, 'Food');
    for (const category of ['food', 'FOOD', '  fOoD ']) {
      expect((await add(client, { category })).category).toEqual({ id: food, name: 'Food' });
    }
    const created = (await add(client, { category: 'Travel Fund' })).category;
    expect(created).toEqual({ id: expect.stringMatching(/^\d+$/), name: 'Travel Fund' });
    expect(created.id).not.toBe(food);
    expect((await client.data(CATEGORIES)).categories).toContainEqual(created);
    expect((await add(client, { category: 'TRAVEL fund' })).category).toEqual(created);
    const { categories } = await client.data<{ categories: { name: string }[] }>(CATEGORIES);
    expect(categories.filter((c) => c.name.toLowerCase() === 'travel fund')).toHaveLength(1);
    expect(categories).toHaveLength(23);
  });

  test('concurrent expenses naming the same new category share it', async () => {
    const client = server().client();
    await signUp(client);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client.gql(ADD_EXPENSE, { input: input({ category: i % 2 ? 'Holiday' : 'HOLIDAY' }) }),
      ),
    );
    expect(results.map((r) => r.errors ?? null)).toEqual(Array(20).fill(null));
    const ids = new Set(results.map((r) => r.data?.addExpense.category.id));
    expect(ids.size).toBe(1);
    expect((await client.data(CATEGORIES)).categories).toContainEqual({
      id: [...ids][0],
      name: expect.stringMatching(/^holiday$/i),
    });
  });

  test('every Decimal refusal names the amount field', async () => {
    const client = server().client();
    await signUp(client);
    // Separated by "|": the values themselves hold spaces.
    const refused =
      '-1|-0.01|0|0.00|-0|NaN|Infinity|-Infinity|1e3|0x10|1.234||   |abc|1,000|+5|.5|5.';
    const tooLarge = ['10000000000000', '10000000000000.00', '99999999999999'];
    await expectRefused(client, 'amount', [...refused.split('|'), ...tooLarge, ' 1 2']);
    expect(await list(client)).toMatchObject({ totalCount: 0 });
    expect(await amountOf(client, '9999999999999.99')).toBe('9999999999999.99');
    expect(await amountOf(client, '0.01')).toBe('0.01');
    expect(await amountOf(client, ' 150.5 ')).toBe('150.50');
  });

  test('amounts follow the currency: JPY has no decimals, BHD three', async () => {
    const yen = server().client();
    await signUp(yen, { currency: 'JPY' });
    expect(await refusalOfAdd(yen, { amount: '1.5' })).toEqual(bad('amount'));
    expect(await amountOf(yen, '1500')).toBe('1500');
    expect(await amountOf(yen, 1500)).toBe('1500');
    const dinar = server().client();
    await signUp(dinar, { currency: 'BHD' });
    expect(await amountOf(dinar, '1.234')).toBe('1.234');
    expect(await amountOf(dinar, '2.5')).toBe('2.500');
    expect(await refusalOfAdd(dinar, { amount: '1.2345' })).toEqual(bad('amount'));
  });

  test('dates must be real calendar days', async () => {
    const client = server().client();
    await signUp(client);
    const refused = '2024-02-30 2023-02-29 2024-13-01 2024-00-10 2024-04-31 0000-01-01 2024-1-5';
    const malformed = ['2024/01/05', '', '2024-01-05T00:00:00Z', '20240105', ' 2024-01-05'];
    await expectRefused(client, 'date', [...refused.split(' '), ...malformed]);
    const leap = await add(client, { date: '2024-02-29' });
    expect(leap.date).toBe('2024-02-29');
    expect((await client.data(EXPENSE, { id: leap.id })).expense.date).toBe('2024-02-29');
  });

  test('descriptions: length, blanks and control characters', async () => {
    const client = server().client();
    await signUp(client);
    for (const description of ['a'.repeat(200), '😀'.repeat(200)]) {
      const added = await add(client, { description });
      expect((await client.data(EXPENSE, { id: added.id })).expense.description).toBe(description);
    }
    const blank = ['', '   ', '\t\n', '\u00a0'];
    const control = ['a\u0000b', 'bell\u0007', 'esc\u001b[31m', 'del\u007f', 'c1\u0085', 'a\nb'];
    const surrogates = ['\ud83d alone', 'x\udc00'];
    const long = ['a'.repeat(201), '😀'.repeat(201)];
    await expectRefused(client, 'description', [...blank, ...control, ...surrogates, ...long]);
    expect(await list(client)).toMatchObject({ totalCount: 2 });
  });

  test('unicode is stored and returned byte for byte', async () => {
    const client = server().client();
    await signUp(client);
    const texts = ['Café 🍕🎉', '👩‍👩‍👧 family', '\u200fשלום\u200f', 'e\u0301n\u0303a\u030a'];
    texts.push('𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '中文 العربية', 'ﷺ \u2067x\u2069', 'CAFÉ ÄPFEL');
    for (const description of texts) {
      const added = await add(client, { description, category: description });
      expect(added.description).toBe(description);
      const stored = (await client.data(EXPENSE, { id: added.id })).expense;
      expect(Buffer.from(stored.description)).toEqual(Buffer.from(description));
      expect(Buffer.from(stored.category.name)).toEqual(Buffer.from(description));
      const found = await list(client, { filter: { search: description } });
      expect(found.nodes.map((e) => e.description)).toEqual([description]);
    }
  });

  test('SQL and LIKE metacharacters are stored and matched literally', async () => {
    const client = server().client();
    await signUp(client);
    const texts = ["' OR 1=1 --", '100% natural', 'snake_case', 'wow!', 'back\\slash'];
    texts.push('"; DROP TABLE x; --', 'plain');
    for (const [i, description] of texts.entries()) {
      await add(client, { description, date: `2024-01-${String(i + 10)}` });
    }
    const search = async (text: string) =>
      (await list(client, { filter: { search: text } })).nodes.map((e) => e.description);
    expect(await search('%')).toEqual(['100% natural']);
    expect(await search('_')).toEqual(['snake_case']);
    expect(await search('!')).toEqual(['wow!']);
    expect(await search('\\')).toEqual(['back\\slash']);
    expect(await search("' OR 1=1 --")).toEqual(["' OR 1=1 --"]);
    expect(await search("' or 1=1 --")).toEqual(["' OR 1=1 --"]);
    expect(await search('%_!')).toEqual([]);
    expect(await search("x' OR '1'='1")).toEqual([]);
    const injected = await add(client, { category: "' OR 1=1 --", date: '2024-02-01' });
    expect(injected.category.name).toBe("' OR 1=1 --");
    const byCategory = await list(client, { filter: { category: "' or 1=1 --" } });
    expect(byCategory.nodes.map((e) => e.id)).toEqual([injected.id]);
    expect(await list(client)).toMatchObject({ totalCount: texts.length + 1 });
  });

  test('wrong GraphQL types are BAD_USER_INPUT, never a 500', async () => {
    const client = server().client();
    await signUp(client);
    const wrong = {
      amount: [true, {}, [1]],
      description: [5],
      date: [20240315],
      category: [false],
    };
    for (const [field, values] of Object.entries(wrong)) await expectRefused(client, field, values);
    expect(refusal(await client.gql(LIST, { first: 'ten' }))).toEqual(bad('first'));
    expect(refusal(await client.gql(LIST, { filter: { month: 202401 } }))).toEqual(bad('month'));
    // Wrong literals in the document itself: GraphQL's validation refuses them (400), and the
    // answer is the same BAD_USER_INPUT, naming the field, as for a variable.
    const literals: [Promise<GraphQLResponse>, string][] = [
      [literalAdd(client, { amount: 'true' }), 'amount'],
      [literalAdd(client, { description: '5' }), 'description'],
      [literalAdd(client, { date: '20240101' }), 'date'],
      [client.gql('{ expenses(first: "ten") { totalCount } }'), 'first'],
      [client.gql('{ expenses(first: 9999999999) { totalCount } }'), 'first'],
    ];
    for (const [pending, field] of literals) {
      const result = await pending;
      expect(result.status).toBe(400);
      expect(refusal(result)).toEqual(bad(field));
    }
    expect(await list(client)).toMatchObject({ totalCount: 0 });
  });

  test('pages through every expense newest first, without gaps or repeats', async () => {
    const client = server().client();
    await signUp(client);
    const dates = ['2024-05-02', '2024-05-01', '2024-05-03', '2024-05-01', '2024-04-30'];
    const all: Expense[] = [];
    for (let i = 0; i < 25; i++) {
      all.push(await add(client, { description: `E${i}`, date: dates[i % dates.length] }));
    }
    const newestFirst = [...all].sort(
      (a, b) => b.date.localeCompare(a.date) || Number(b.id) - Number(a.id),
    );
    for (const first of [7, 5, 25, 200]) {
      const pages = Math.ceil(25 / first);
      const seen: Expense[] = [];
      let after: string | null = null;
      for (let page = 1; page <= pages; page++) {
        const result = await list(client, { first, after });
        expect(result.totalCount).toBe(25);
        expect(result.nodes).toHaveLength(Math.min(first, 25 - seen.length));
        expect(result.pageInfo.hasNextPage).toBe(page < pages);
        seen.push(...result.nodes);
        after = result.pageInfo.endCursor;
        expect(after).toEqual(expect.any(String));
      }
      expect(seen).toEqual(newestFirst);
      expect(await list(client, { first, after })).toEqual(empty(25));
    }
    expect((await list(client)).nodes).toEqual(newestFirst);
    for (const first of [0, -1, 201, 99999999]) {
      expect(refusal(await client.gql(LIST, { first }))).toEqual(bad('first'));
    }
    const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const forged = [['2024-02-30', 1], ['2024-01-01', 1.5], ['2024-01-01', '1'], { a: 1 }, null];
    for (const after of ['garbage', '', '!!!', ...forged.map(cursorOf)]) {
      expect(refusal(await client.gql(LIST, { first: 7, after }))).toEqual(bad('after'));
    }
  });

  test('search ignores case beyond ASCII, and the last month a Date can name is listed', async () => {
    const client = server().client();
    await signUp(client);
    await add(client, { description: 'CAFÉ ÄPFEL', date: '9999-12-31' });
    await add(client, { description: 'Straße', date: '9999-12-01' });
    const search = async (filter: Record<string, unknown>) =>
      (await list(client, { filter })).nodes.map((e) => e.description);
    expect(await search({ search: 'café' })).toEqual(['CAFÉ ÄPFEL']);
    expect(await search({ search: 'äpfel' })).toEqual(['CAFÉ ÄPFEL']);
    expect(await search({ search: 'STRASSE' })).toEqual([]);
    expect(await search({ search: 'STRAßE' })).toEqual(['Straße']);
    expect(await search({ month: '9999-12' })).toEqual(['CAFÉ ÄPFEL', 'Straße']);
  });

  test('filters: month, from/to, category, search, combined', async () => {
    const client = server().client();
    await signUp(client);
    // Descriptions name their day; the month's boundary days are on either side of February.
    const rows = [
      ['Jan31 coffee', 'Food', '2024-01-31'],
      ['Feb01 coffee', 'Food', '2024-02-01'],
      ['Feb15 bus', 'Transport', '2024-02-15'],
      ['Feb29 COFFEE', 'Food', '2024-02-29'],
      ['Mar01 coffee', 'Transport', '2024-03-01'],
    ];
    for (const [description, category, date] of rows)
      await add(client, { description, category, date });
    const find = async (filter: Record<string, unknown>) => {
      const page = await list(client, { filter });
      expect(page.totalCount).toBe(page.nodes.length);
      return page.nodes.map((e) => e.description).join(', ');
    };
    expect(await find({ month: '2024-02' })).toBe('Feb29 COFFEE, Feb15 bus, Feb01 coffee');
    expect(await find({ month: '2024-01' })).toBe('Jan31 coffee');
    expect(await find({ month: '2023-12' })).toBe('');
    expect(await find({ from: '2024-02-15', to: '2024-03-01' })).toBe(
      'Mar01 coffee, Feb29 COFFEE, Feb15 bus',
    );
    expect(await find({ from: '2024-02-29' })).toBe('Mar01 coffee, Feb29 COFFEE');
    expect(await find({ to: '2024-02-01' })).toBe('Feb01 coffee, Jan31 coffee');
    expect(await find({ from: '2024-02-02', to: '2024-02-01' })).toBe('');
    expect(await find({ category: 'food' })).toBe('Feb29 COFFEE, Feb01 coffee, Jan31 coffee');
    expect(await find({ category: 'TRANSPORT' })).toBe('Mar01 coffee, Feb15 bus');
    expect(await find({ category: 'Rent' })).toBe('');
    expect(await list(client, { filter: { category: 'No such category' } })).toEqual(empty());
    const coffee = 'Mar01 coffee, Feb29 COFFEE, Feb01 coffee, Jan31 coffee';
    expect(await find({ search: 'coffee' })).toBe(coffee);
    expect(await find({ search: 'COFFEE' })).toBe(coffee);
    expect(await find({ search: 'cOfFeE', category: '' })).toBe(coffee);
    expect(await find({ search: '01' })).toBe('Mar01 coffee, Feb01 coffee');
    expect(await find({ month: '2024-02', category: 'Food', search: 'coffee' })).toBe(
      'Feb29 COFFEE, Feb01 coffee',
    );
    const combined = { from: '2024-02-01', to: '2024-03-31', category: 'transport', search: 'COF' };
    expect(await find(combined)).toBe('Mar01 coffee');
    expect(await find({ month: '2024-02', from: '2024-02-10' })).toBe('Feb29 COFFEE, Feb15 bus');
    expect(await find({ month: '2024-02', to: '2024-02-10' })).toBe('Feb01 coffee');
    const refused = { month: ['2024-13', '2024-1'], from: ['2024-02-30'], to: ['2023-02-29'] };
    for (const [field, values] of Object.entries({ ...refused, search: ['a\u0000'] })) {
      for (const value of values) {
        expect(refusal(await client.gql(LIST, { filter: { [field]: value } }))).toEqual(bad(field));
      }
    }
  });

  test("unknown ids and other users' expenses are NOT_FOUND", async () => {
    const owner = server().client();
    await signUp(owner);
    const mine = await add(owner, { amount: '5' });
    const other = server().client();
    await signUp(other);
    for (const id of ['999999', 'abc', '-1', '0', '1.5', '', mine.id]) {
      expect(refusal(await other.gql(EXPENSE, { id }))).toEqual(NOT_FOUND);
      expect(refusal(await other.gql(UPDATE, { id, input: input() }))).toEqual(NOT_FOUND);
      expect(refusal(await other.gql(DELETE, { id }))).toEqual(NOT_FOUND);
    }
    expect((await owner.data(EXPENSE, { id: mine.id })).expense).toEqual(mine);
    expect((await list(other)).totalCount).toBe(0);
  });

  test('without a session every expense operation is UNAUTHENTICATED', async () => {
    const owner = server().client();
    await signUp(owner);
    const mine = await add(owner, { amount: '5' });
    const anonymous = server().client();
    const calls: [string, Record<string, unknown>][] = [
      [LIST, {}],
      [EXPENSE, { id: mine.id }],
      [ADD_EXPENSE, { input: input() }],
      [UPDATE, { id: mine.id, input: input() }],
      [DELETE, { id: mine.id }],
    ];
    for (const [query, variables] of calls) {
      expect(refusal(await anonymous.gql(query, variables))).toEqual({ code: 'UNAUTHENTICATED' });
    }
    expect((await owner.data(EXPENSE, { id: mine.id })).expense).toEqual(mine);
  });
});
