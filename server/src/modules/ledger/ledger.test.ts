import type { ApiClient } from '../../../test/api-client';
import { addExpense, signUp } from '../../../test/factories';
import { describeEachDatabase } from '../../../test/test-server';

const CREATE = `mutation($input: AccountInput!) {
  createAccount(input: $input) { id name type currency openingBalance balance archived }
}`;
const INCOME = `mutation($input: IncomeInput!) {
  addIncome(input: $input) { id kind amount currency reportingAmount rate account { name } category { name } }
}`;
const TRANSFER = `mutation($input: TransferInput!) {
  addTransfer(input: $input) { id kind amount toAmount account { name } toAccount { name } category { name } }
}`;
const BALANCES = '{ accounts { name balance archived } }';
const LIST = `query($filter: TransactionFilter) {
  transactions(filter: $filter) { totalCount nodes { kind description amount account { name } toAccount { name } } }
}`;

async function account(
  client: ApiClient,
  name: string,
  extra: Partial<{ type: string; currency: string; openingBalance: string }> = {},
): Promise<string> {
  const { createAccount } = await client.data(CREATE, {
    input: { name, type: 'CHECKING', currency: 'USD', ...extra },
  });
  return createAccount.id;
}

function errorOf(result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) {
  expect(result.errors).toHaveLength(1);
  return result.errors?.[0] as { message: string; extensions: Record<string, unknown> };
}

describeEachDatabase('ledger', (server) => {
  async function newUser() {
    const client = server().client();
    await signUp(client);
    return client;
  }

  test('a new user has one main account in their currency', async () => {
    const client = await newUser();
    expect(await client.data(BALANCES)).toEqual({
      accounts: [{ name: 'Main account', balance: '0.00', archived: false }],
    });
  });

  test('accounts: create, update, archive, delete, with clear refusals', async () => {
    const client = await newUser();
    const { createAccount } = await client.data(CREATE, {
      input: { name: 'Visa', type: 'CREDIT_CARD', currency: 'eur', openingBalance: '-120.5' },
    });
    expect(createAccount).toMatchObject({
      name: 'Visa',
      type: 'CREDIT_CARD',
      currency: 'EUR',
      openingBalance: '-120.50',
      balance: '-120.50',
      archived: false,
    });
    const bad = [
      [{ name: 'X', type: 'CHECKING', currency: 'EURO' }, 'currency'],
      [{ name: 'visa', type: 'CHECKING', currency: 'USD' }, 'name'],
      [{ name: 'Y', type: 'CHECKING', currency: 'JPY', openingBalance: '1.5' }, 'openingBalance'],
    ] as const;
    for (const [input, field] of bad) {
      expect(errorOf(await client.gql(CREATE, { input })).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    const UPDATE =
      'mutation($id: ID!, $input: AccountInput!) { updateAccount(id: $id, input: $input) { name currency } }';
    expect(
      (
        await client.data(UPDATE, {
          id: createAccount.id,
          input: { name: 'Visa Gold', type: 'CREDIT_CARD', currency: 'GBP' },
        })
      ).updateAccount,
    ).toEqual({ name: 'Visa Gold', currency: 'GBP' });
    const archived = await client.data(
      'mutation($id: ID!) { archiveAccount(id: $id) { archived } }',
      {
        id: createAccount.id,
      },
    );
    expect(archived.archiveAccount.archived).toBe(true);
    // An archived account takes no transactions.
    const refused = errorOf(
      await client.gql(INCOME, {
        input: { description: 'Pay', amount: '1', date: '2024-05-01', accountId: createAccount.id },
      }),
    );
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'accountId' });
    // Another user's account is NOT_FOUND, like a missing one.
    const stranger = await newUser();
    for (const id of [createAccount.id, '999999']) {
      expect(
        errorOf(await stranger.gql('mutation($id: ID!) { deleteAccount(id: $id) }', { id }))
          .extensions.code,
      ).toBe('NOT_FOUND');
    }
    expect(
      await client.data('mutation($id: ID!) { deleteAccount(id: $id) }', { id: createAccount.id }),
    ).toEqual({
      deleteAccount: true,
    });
  });

  test('income and transfers move balances; a transfer is neither spending nor income', async () => {
    const client = await newUser();
    const savings = await account(client, 'Savings', { type: 'SAVINGS' });
    const { addIncome } = await client.data(INCOME, {
      input: { description: 'Salary', amount: '3000', date: '2024-05-01', category: 'Salary' },
    });
    expect(addIncome).toMatchObject({
      kind: 'INCOME',
      amount: '3000.00',
      currency: 'USD',
      reportingAmount: '3000.00',
      rate: '1',
      account: { name: 'Main account' },
      category: { name: 'Salary' },
    });
    await addExpense(client, { amount: '45.50', category: 'Food', date: '2024-05-02' });
    const { addTransfer } = await client.data(TRANSFER, {
      input: {
        fromAccountId: await mainId(client),
        toAccountId: savings,
        amount: '500',
        date: '2024-05-03',
      },
    });
    expect(addTransfer).toMatchObject({
      kind: 'TRANSFER',
      amount: '500.00',
      toAmount: '500.00',
      account: { name: 'Main account' },
      toAccount: { name: 'Savings' },
      category: null,
    });
    expect((await client.data(BALANCES)).accounts).toEqual([
      { name: 'Main account', balance: '2454.50', archived: false },
      { name: 'Savings', balance: '500.00', archived: false },
    ]);
    const { dashboard } = await client.data(
      '{ dashboard(month: "2024-05") { spent income net dailySpending { date spent } accounts { name balance } } }',
    );
    expect(dashboard).toEqual({
      spent: '45.50',
      income: '3000.00',
      net: '2954.50',
      dailySpending: [{ date: '2024-05-02', spent: '45.50' }],
      accounts: [
        { name: 'Main account', balance: '2454.50' },
        { name: 'Savings', balance: '500.00' },
      ],
    });
    // The list across accounts, by kind and by account (a transfer shows on both of its accounts).
    expect(
      (await client.data(LIST, { filter: { kind: 'TRANSFER' } })).transactions.totalCount,
    ).toBe(1);
    const ofSavings = (await client.data(LIST, { filter: { accountId: savings } })).transactions;
    expect(ofSavings).toEqual({
      totalCount: 1,
      nodes: [
        {
          kind: 'TRANSFER',
          description: 'Transfer',
          amount: '500.00',
          account: { name: 'Main account' },
          toAccount: { name: 'Savings' },
        },
      ],
    });
    expect(
      (await client.data(LIST, { filter: { month: '2024-05' } })).transactions.totalCount,
    ).toBe(3);
  });

  test('transfers: same account, missing arriving amount, a category: refused, nothing written', async () => {
    const client = await newUser();
    const main = await mainId(client);
    const euro = await account(client, 'Euro cash', { type: 'CASH', currency: 'EUR' });
    const cases = [
      [{ fromAccountId: main, toAccountId: main, amount: '1', date: '2024-05-01' }, 'toAccountId'],
      [{ fromAccountId: main, toAccountId: euro, amount: '100', date: '2024-05-01' }, 'toAmount'],
      [
        { fromAccountId: main, toAccountId: '424242', amount: '1', date: '2024-05-01' },
        'toAccountId',
      ],
    ] as const;
    for (const [input, field] of cases) {
      const error = errorOf(await client.gql(TRANSFER, { input }));
      expect(error.extensions.field).toBe(field);
    }
    // Between currencies, both amounts given: the balances move by what left and what arrived.
    const { addTransfer } = await client.data(TRANSFER, {
      input: {
        fromAccountId: main,
        toAccountId: euro,
        amount: '110',
        toAmount: '100',
        date: '2024-05-01',
      },
    });
    expect([addTransfer.amount, addTransfer.toAmount]).toEqual(['110.00', '100.00']);
    expect(
      (await client.data(BALANCES)).accounts.map((a: { balance: string }) => a.balance),
    ).toEqual(['-110.00', '100.00']);
    // Neither spending nor income.
    const { dashboard } = await client.data('{ dashboard(month: "2024-05") { spent income } }');
    expect(dashboard).toEqual({ spent: '0.00', income: '0.00' });
    // An account with transactions cannot be deleted.
    expect(
      errorOf(await client.gql('mutation($id: ID!) { deleteAccount(id: $id) }', { id: euro }))
        .extensions,
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  test('a write in a currency without a rate names the pair and the date', async () => {
    const client = await newUser();
    const error = errorOf(
      await client.gql(INCOME, {
        input: { description: 'Refund', amount: '10', currency: 'CHF', date: '2024-05-01' },
      }),
    );
    expect(error.message).toContain('CHF->USD');
    expect(error.message).toContain('2024-05-01');
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      from: 'CHF',
      to: 'USD',
      date: '2024-05-01',
    });
    expect((await client.data(LIST)).transactions.totalCount).toBe(0);
  });

  test('with a rate: amounts in other currencies are fixed at booking; history re-expressed', async () => {
    const client = await newUser();
    const RATE = 'mutation($input: ExchangeRateInput!) { setExchangeRate(input: $input) { rate } }';
    await client.data(RATE, {
      input: { from: 'EUR', to: 'USD', date: '2024-05-01', rate: '1.0825' },
    });
    const { addExpense } = await client.data(
      `mutation { addExpense(input: { description: "Museum", amount: "10.00", currency: "EUR",
        category: "Fun", date: "2024-05-03" }) { amount currency reportingAmount account { currency } } }`,
    );
    // 10.00 EUR x 1.0825 = 10.825 USD: half-even to 10.82, in the account and in reports.
    expect(addExpense).toEqual({
      amount: '10.00',
      currency: 'EUR',
      reportingAmount: '10.82',
      account: { currency: 'USD' },
    });
    expect((await client.data(BALANCES)).accounts[0].balance).toBe('-10.82');
    const { transactions } = await client.data(
      '{ transactions { nodes { rate rateDate rateSource reportingAmount } } }',
    );
    expect(transactions.nodes).toEqual([
      { rate: '1.0825', rateDate: '2024-05-01', rateSource: 'MANUAL', reportingAmount: '10.82' },
    ]);
    // A later rate does not move history.
    await client.data(RATE, { input: { from: 'EUR', to: 'USD', date: '2024-05-02', rate: '2' } });
    const again = await client.data('{ dashboard(month: "2024-05") { spent } }');
    expect(again.dashboard.spent).toBe('10.82');
    // A cross-currency transfer with both amounts.
    const euro = await account(client, 'Euro', { currency: 'EUR' });
    const main = await mainId(client);
    const { addTransfer } = await client.data(TRANSFER, {
      input: {
        fromAccountId: main,
        toAccountId: euro,
        amount: '108.25',
        toAmount: '100',
        date: '2024-05-04',
      },
    });
    expect([addTransfer.amount, addTransfer.toAmount]).toEqual(['108.25', '100.00']);
    // Changing the reporting currency to EUR re-expresses the USD rows at their day's rate.
    const { updateProfile } = await client.data(
      'mutation { updateProfile(input: { currency: "EUR" }) { currency } }',
    );
    expect(updateProfile.currency).toBe('EUR');
    const { dashboard } = await client.data('{ dashboard(month: "2024-05") { spent } }');
    // The expense was 10.00 EUR: its EUR value is exact again.
    expect(dashboard.spent).toBe('10.00');
  });

  test('updateTransaction changes kind and accounts; deleteTransaction removes it', async () => {
    const client = await newUser();
    const savings = await account(client, 'Savings', { type: 'SAVINGS' });
    const { addIncome } = await client.data(INCOME, {
      input: { description: 'Gift', amount: '50', date: '2024-06-01' },
    });
    const UPDATE = `mutation($id: ID!, $input: TransactionInput!) {
      updateTransaction(id: $id, input: $input) { kind amount account { name } toAccount { name } }
    }`;
    const { updateTransaction } = await client.data(UPDATE, {
      id: addIncome.id,
      input: {
        kind: 'TRANSFER',
        description: 'Moved',
        amount: '20',
        date: '2024-06-02',
        toAccountId: savings,
      },
    });
    expect(updateTransaction).toEqual({
      kind: 'TRANSFER',
      amount: '20.00',
      account: { name: 'Main account' },
      toAccount: { name: 'Savings' },
    });
    expect(
      (await client.data(BALANCES)).accounts.map((a: { balance: string }) => a.balance),
    ).toEqual(['-20.00', '20.00']);
    expect(
      await client.data('mutation($id: ID!) { deleteTransaction(id: $id) }', { id: addIncome.id }),
    ).toEqual({
      deleteTransaction: true,
    });
    expect(
      (await client.data(BALANCES)).accounts.map((a: { balance: string }) => a.balance),
    ).toEqual(['0.00', '0.00']);
  });

  test('netWorth: 12 month ends, assets and liabilities from balances', async () => {
    const client = await newUser();
    await account(client, 'Card', { type: 'CREDIT_CARD', openingBalance: '-300' });
    const now = new Date();
    const thisMonth = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    await client.data(INCOME, {
      input: { description: 'Pay', amount: '1000', date: `${thisMonth}-01` },
    });
    const { netWorth } = await client.data(
      '{ netWorth(months: 12) { month assets liabilities netWorth } }',
    );
    expect(netWorth).toHaveLength(12);
    expect(netWorth[11]).toEqual({
      month: thisMonth,
      assets: '1000.00',
      liabilities: '300.00',
      netWorth: '700.00',
    });
    expect(netWorth[10]).toMatchObject({
      assets: '0.00',
      liabilities: '300.00',
      netWorth: '-300.00',
    });
  });
});

async function mainId(client: ApiClient): Promise<string> {
  const { accounts } = await client.data('{ accounts { id name } }');
  return accounts.find((a: { name: string }) => a.name === 'Main account').id;
}
