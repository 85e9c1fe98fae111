import { rebuildMonthTotals } from '../../src/modules/ledger/month-totals';
import { EXPENSE_COLUMNS, personalLedger } from '../seed';
import { ADD_EXPENSE, addExpense, signUp } from '../factories';
import mysql from 'mysql2/promise';
import { describeEachDatabase, type TestServer } from '../test-server';
import { errorOf } from './helpers';

const bad = (field: string) => ({ code: 'BAD_USER_INPUT', field });

/** A long bulk statement, outside the server's pool and its per-query timeout. */
async function bulk(server: TestServer, sql: string): Promise<void> {
  const db = server.config.db;
  if (db.driver === 'sqlite') {
    await server.dataSource.query(sql);
    return;
  }
  const connection = await mysql.createConnection({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: db.database,
  });
  await connection.query(sql);
  await connection.end();
}

// security.md, amounts and dates (4 to 6) and text (7 to 9).
describeEachDatabase('attack: amounts, dates and text', (server) => {
  const add = (
    client: ReturnType<ReturnType<typeof server>['client']>,
    input: Record<string, unknown>,
  ) =>
    client.gql(ADD_EXPENSE, {
      input: { description: 'x', amount: '1', category: 'Food', date: '2024-01-15', ...input },
    });

  test('4. negative, zero, NaN, Infinity, 1e3, 0x10, 1.234, 10^13: BAD_USER_INPUT naming the field', async () => {
    const client = server().client();
    await signUp(client);
    for (const amount of [
      '-1',
      '0',
      'NaN',
      'Infinity',
      '-Infinity',
      '1e3',
      '0x10',
      '1.234',
      '10000000000000',
      -5,
    ]) {
      expect(errorOf(await add(client, { amount })).extensions).toEqual(bad('amount'));
    }
    for (const [month, amount] of [
      ['2024-01', '-0.01'],
      ['2024-01', 'NaN'],
    ]) {
      const result = await client.gql(
        'mutation($m: Month!, $a: Decimal!) { setMonthlyBudget(month: $m, amount: $a) { id } }',
        { m: month, a: amount },
      );
      expect(errorOf(result).extensions).toEqual(bad('amount'));
    }
    const target = await client.gql(
      'mutation { setBudgetCategory(input: {category: "Food", targetAmount: "0", targetMonth: "2024-01"}) { id } }',
    );
    expect(errorOf(target).extensions).toEqual(bad('targetAmount'));
    // Zero is a valid budget (a month with nothing to spend).
    expect(
      (await client.data('mutation { setMonthlyBudget(month: "2024-01", amount: "0") { amount } }'))
        .setMonthlyBudget.amount,
    ).toBe('0.00');
    // An exponent written into the document is refused as well.
    const literal = await client.gql(
      'mutation { addExpense(input: {description: "x", amount: 1e3, category: "Food", date: "2024-01-15"}) { id } }',
    );
    expect(errorOf(literal).extensions).toEqual(bad('amount'));
    expect((await client.data('{ expenses { totalCount } }')).expenses.totalCount).toBe(0);
  });

  test('5. sums are exact: 0.1 + 0.2 = 0.30, and a million 0.01 rows sum to 10000.00', async () => {
    const client = server().client();
    const user = await signUp(client);
    await addExpense(client, { amount: '0.1', date: '2024-01-10' });
    await addExpense(client, { amount: '0.2', date: '2024-01-11' });
    expect((await client.data('{ dashboard(month: "2024-01") { spent } }')).dashboard.spent).toBe(
      '0.30',
    );

    // A million rows, made by the database itself, then the monthly totals rebuilt.
    const { dataSource } = server();
    const ledger = await personalLedger(dataSource, Number(user.id));
    const category = await dataSource.query(
      `SELECT id FROM categories WHERE ledgerId = ${ledger.ledgerId} AND nameKey = 'food'`,
    );
    const categoryId = Number(category[0].id);
    const now = dataSource.options.type === 'mysql' ? 'NOW()' : "datetime('now')";
    // Ten rows, joined with themselves six times: 10^6 rows on either database.
    const digits = `(${Array.from({ length: 10 }, (_, i) => `SELECT ${i} AS d`).join(' UNION ALL ')})`;
    await bulk(
      server(),
      `INSERT INTO transactions (${EXPENSE_COLUMNS})
       SELECT ${ledger.ledgerId}, 'EXPENSE', '2024-02-15', 'cent', ${ledger.accountId}, '${ledger.currency}',
         1, 1, ${categoryId}, 1, '1', '2024-02-15', 'SAME', ${now}, ${now}
       FROM ${digits} a, ${digits} b, ${digits} c, ${digits} d, ${digits} e, ${digits} f`,
    );
    await rebuildMonthTotals(dataSource.manager, ledger.ledgerId);
    const { dashboard } = await client.data(
      '{ dashboard(month: "2024-02") { spent byCategory { spent } } }',
    );
    expect(dashboard).toEqual({ spent: '10000.00', byCategory: [{ spent: '10000.00' }] });
    await client.data(
      'mutation { setBudgetCategory(input: {category: "food", targetAmount: "10000", targetMonth: "2024-02"}) { id } }',
    );
    const { budgetCategories } = await client.data(
      '{ budgetCategories(month: "2024-02") { spent remaining } }',
    );
    expect(budgetCategories).toEqual([{ spent: '10000.00', remaining: '0.00' }]);
  }, 180_000);

  test('6. 2024-02-30, 2023-02-29, 2024-13-01 and 0000-01-01 are refused; 2024-02-29 is accepted', async () => {
    const client = server().client();
    await signUp(client);
    for (const date of ['2024-02-30', '2023-02-29', '2024-13-01', '0000-01-01']) {
      expect(errorOf(await add(client, { date })).extensions).toEqual(bad('date'));
    }
    expect((await add(client, { date: '2024-02-29' })).data?.addExpense.date).toBe('2024-02-29');
  });

  test('7. emoji, ZWJ sequences, right-to-left marks and combining characters come back byte-identical', async () => {
    const client = server().client();
    await signUp(client);
    for (const text of [
      '🍕 pizza',
      '👩‍👩‍👧‍👦 family',
      '\u200fשלום\u200f',
      'e\u0301te\u0301 cafe\u0301',
      '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
    ]) {
      const { data } = await add(client, { description: text, category: text });
      expect(Buffer.from(data?.addExpense.description)).toEqual(Buffer.from(text));
      expect(Buffer.from(data?.addExpense.category.name)).toEqual(Buffer.from(text));
    }
  });

  test('8. over-long text, NUL and other control characters: BAD_USER_INPUT', async () => {
    const client = server().client();
    await signUp(client);
    const cases: [Record<string, unknown>, string][] = [
      [{ description: 'x'.repeat(201) }, 'description'],
      [{ description: 'a\u0000b' }, 'description'],
      [{ description: 'bell\u0007' }, 'description'],
      [{ category: 'c'.repeat(51) }, 'category'],
      [{ category: 'tab\there' }, 'category'],
    ];
    for (const [input, field] of cases)
      expect(errorOf(await add(client, input)).extensions).toEqual(bad(field));
    const search = await client.gql('{ expenses(filter: {search: "a\\u0000"}) { totalCount } }');
    expect(errorOf(search).extensions).toEqual(bad('search'));
  });

  test('9. SQL in every text field and filter is stored and matched literally', async () => {
    const client = server().client();
    await signUp(client);
    const payloads = [
      "' OR 1=1 --",
      '"; DROP TABLE expenses; --',
      "1' UNION SELECT passwordHash FROM users --",
      '%',
      '_',
    ];
    for (const [i, text] of payloads.entries()) {
      const { data } = await add(client, {
        description: text,
        category: `cat ${text}`,
        date: `2024-03-${10 + i}`,
      });
      expect(data?.addExpense.description).toBe(text);
    }
    for (const text of payloads) {
      const { expenses } = await client.data(
        'query($f: ExpenseFilter) { expenses(filter: $f) { totalCount nodes { description } } }',
        {
          f: { search: text, category: `cat ${text}` },
        },
      );
      expect(expenses).toEqual({ totalCount: 1, nodes: [{ description: text }] });
    }
    expect((await client.data('{ expenses { totalCount } }')).expenses.totalCount).toBe(
      payloads.length,
    );
    const { setBudgetCategory } = await client.data(
      'mutation($c: String!) { setBudgetCategory(input: {category: $c, targetAmount: "5", targetMonth: "2024-03"}) { category { name } } }',
      { c: "cat ' OR 1=1 --" },
    );
    expect(setBudgetCategory.category.name).toBe("cat ' OR 1=1 --");
  });
});
