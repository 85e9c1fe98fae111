import type { ApiClient } from '../../../test/api-client';
import { signUp } from '../../../test/factories';
import { describeEachDatabase } from '../../../test/test-server';
import { upload } from '../../../test/uploads';

const CREATE = `mutation($input: AccountInput!) { createAccount(input: $input) { id } }`;
const TRADE = `mutation($input: TradeInput!) {
  addTrade(input: $input) { id side date quantity price fees amount security { symbol currency assetClass } }
}`;
const PORTFOLIO = `query($accountId: ID, $from: Date, $to: Date) {
  portfolio(accountId: $accountId, from: $from, to: $to) {
    currency value costBasis unrealizedGain realizedGain dividendIncome
    totalReturn timeWeightedReturn moneyWeightedReturn
    holdings { security { symbol } quantity price costBasis marketValue unrealizedGain realizedGain totalReturn timeWeightedReturn moneyWeightedReturn }
    allocation { kind label value share }
    dividends { month amount }
  }
}`;

async function investmentAccount(client: ApiClient, currency = 'USD', name = 'Broker') {
  const { createAccount } = await client.data(CREATE, {
    input: { name, type: 'INVESTMENT', currency },
  });
  return createAccount.id as string;
}

function trade(accountId: string, fields: Record<string, string>) {
  return { input: { accountId, symbol: 'ACME', side: 'BUY', date: '2024-01-02', ...fields } };
}

function errorOf(result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) {
  expect(result.errors).toHaveLength(1);
  return result.errors?.[0] as { message: string; extensions: Record<string, unknown> };
}

describeEachDatabase('investments', (server) => {
  async function newUser() {
    const client = server().client();
    await signUp(client);
    return client;
  }

  test('trades, FIFO cost, realised and unrealised gains, allocation', async () => {
    const client = await newUser();
    const broker = await investmentAccount(client);
    const buy = await client.data(
      TRADE,
      trade(broker, { quantity: '10', price: '100', fees: '5' }),
    );
    expect(buy.addTrade).toMatchObject({
      side: 'BUY',
      quantity: '10',
      price: '100',
      fees: '5.00',
      amount: '1005.00',
      security: { symbol: 'ACME', currency: 'USD', assetClass: 'STOCK' },
    });
    await client.data(
      TRADE,
      trade(broker, { quantity: '0.5', price: '120.125', date: '2024-02-01' }),
    );
    await client.data(
      TRADE,
      trade(broker, { side: 'SELL', quantity: '4', price: '130', fees: '2', date: '2024-03-01' }),
    );
    await client.data(
      TRADE,
      trade(broker, { symbol: 'bond1', quantity: '2', price: '50', date: '2024-03-01' }),
    );
    await client.data(
      `mutation { updateSecurity(symbol: "BOND1", input: { name: "Treasury", assetClass: BOND }) { name assetClass } }`,
    );
    await client.data('mutation { setPrice(symbol: "ACME", date: "2024-03-31", price: "150") }');
    const { portfolio } = await client.data(PORTFOLIO, { accountId: broker, to: '2024-03-31' });
    // ACME: 6.5 left; cost: 6 of the first lot (1005 * 6 / 10 = 603.00) + the 0.5 lot (60.06,
    // 60.0625 half-even) = 663.06; value 6.5 * 150 = 975.00. Sold 4: 520 - 2 - 402 = 116.00.
    expect(portfolio).toMatchObject({
      currency: 'USD',
      value: '1075.00',
      costBasis: '763.06',
      unrealizedGain: '311.94',
      realizedGain: '116.00',
      holdings: [
        {
          security: { symbol: 'ACME' },
          quantity: '6.5',
          price: '150',
          costBasis: '663.06',
          marketValue: '975.00',
          unrealizedGain: '311.94',
          realizedGain: '116.00',
        },
        { security: { symbol: 'BOND1' }, quantity: '2', price: '50', marketValue: '100.00' },
      ],
    });
    expect(portfolio.allocation).toEqual([
      { kind: 'ASSET_CLASS', label: 'STOCK', value: '975.00', share: '0.9070' },
      { kind: 'ASSET_CLASS', label: 'BOND', value: '100.00', share: '0.0930' },
      { kind: 'HOLDING', label: 'ACME', value: '975.00', share: '0.9070' },
      { kind: 'HOLDING', label: 'BOND1', value: '100.00', share: '0.0930' },
      { kind: 'CURRENCY', label: 'USD', value: '1075.00', share: '1.0000' },
    ]);
    const { trades } = await client.data(
      '{ trades(first: 2) { totalCount nodes { date side quantity } pageInfo { hasNextPage } } }',
    );
    expect(trades.totalCount).toBe(4);
    expect(trades.pageInfo.hasNextPage).toBe(true);
    expect(trades.nodes[0]).toMatchObject({ date: '2024-03-01' });
  });

  test('a quantity keeps 8 decimals and a price 10, exactly, through the lots', async () => {
    const client = await newUser();
    const broker = await investmentAccount(client);
    const buy = await client.data(
      TRADE,
      trade(broker, { symbol: 'BTC', quantity: '0.12345678', price: '43210.0000000001' }),
    );
    // 0.12345678 x 43210.0000000001 = 5334.567463... -> 5334.57.
    expect(buy.addTrade).toMatchObject({
      quantity: '0.12345678',
      price: '43210.0000000001',
      amount: '5334.57',
    });
    await client.data(
      TRADE,
      trade(broker, { symbol: 'BTC', side: 'SELL', quantity: '0.00000001', price: '50000' }),
    );
    const { portfolio } = await client.data(PORTFOLIO, { accountId: broker, to: '2024-01-31' });
    // One unit of 1e-8 of the lot goes, with its share of the cost: 5334.57 / 12345678 rounds
    // to 0.00; it sold for 0.0005 -> 0.00.
    expect(portfolio.holdings).toEqual([
      expect.objectContaining({ quantity: '0.12345677', costBasis: '5334.57' }),
    ]);
  });

  test('bad input: clear errors with fields, nothing written', async () => {
    const client = await newUser();
    const broker = await investmentAccount(client);
    await client.data(TRADE, trade(broker, { quantity: '1', price: '10' }));
    const cases: [Record<string, string>, string, string | RegExp][] = [
      [{ side: 'SELL', quantity: '1.00000001', price: '10' }, 'quantity', /more than is held/],
      [{ quantity: '-1', price: '10' }, 'quantity', /negative/],
      [{ quantity: '1', price: '-10' }, 'price', /negative/],
      [{ quantity: '0.123456789', price: '10' }, 'quantity', /8 decimal places/],
      [{ quantity: '1', price: '1', fees: '-1' }, 'fees', /negative/],
      [{ quantity: '1', price: '1', date: '2024-02-30' }, 'date', /calendar day/],
    ];
    for (const [fields, field, message] of cases) {
      const error = errorOf(await client.gql(TRADE, trade(broker, fields)));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(error.message).toMatch(message);
    }
    // A sell before the buy: more than was held then.
    const early = errorOf(
      await client.gql(
        TRADE,
        trade(broker, { side: 'SELL', quantity: '1', price: '9', date: '2024-01-01' }),
      ),
    );
    expect(early.message).toMatch(/more than is held on 2024-01-01/);

    const { accounts } = await client.data('{ accounts { id type } }');
    const checking = accounts.find((a: { type: string }) => a.type === 'CHECKING').id;
    const notInvestment = errorOf(
      await client.gql(TRADE, trade(checking, { quantity: '1', price: '1' })),
    );
    expect(notInvestment.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'accountId' });
    const unknown = errorOf(
      await client.gql(TRADE, trade('999999', { quantity: '1', price: '1' })),
    );
    expect(unknown.extensions).toMatchObject({ code: 'NOT_FOUND' });

    const zero = errorOf(
      await client.gql(
        'mutation { addSplit(symbol: "ACME", date: "2024-02-01", ratio: "0") { id } }',
      ),
    );
    expect(zero.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ratio' });
    const negativePrice = errorOf(
      await client.gql('mutation { setPrice(symbol: "ACME", date: "2024-01-03", price: "-5") }'),
    );
    expect(negativePrice.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'price' });
    // Nothing of the refused writes shows: one buy of 1 at 10, valued at its own price.
    const unchanged = await client.data(PORTFOLIO, { accountId: broker, to: '2024-12-31' });
    expect(unchanged.portfolio.holdings).toEqual([
      expect.objectContaining({ quantity: '1', price: '10', marketValue: '10.00' }),
    ]);
    expect((await client.data('{ prices(symbol: "ACME") { date } }')).prices).toEqual([]);

    // Another user's account is not found, exactly like one that does not exist.
    const other = await newUser();
    const theirs = errorOf(await other.gql(TRADE, trade(broker, { quantity: '1', price: '1' })));
    expect(theirs.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const theirTrades = await other.data('{ trades { totalCount } }');
    expect(theirTrades.trades.totalCount).toBe(0);

    // Deleting the buy would leave a later sell selling more than held: refused, kept.
    await client.data(
      TRADE,
      trade(broker, { side: 'SELL', quantity: '1', price: '11', date: '2024-01-05' }),
    );
    const { trades } = await client.data('{ trades { nodes { id side } } }');
    const buyId = trades.nodes.find((t: { side: string }) => t.side === 'BUY').id;
    const refused = errorOf(await client.gql(`mutation { deleteTrade(id: "${buyId}") }`));
    expect(refused.message).toMatch(/more than is held/);
    expect((await client.data('{ trades { totalCount } }')).trades.totalCount).toBe(2);
  });

  test('splits: "2" and "3:2" multiply the quantity, the cost stays', async () => {
    const client = await newUser();
    const broker = await investmentAccount(client);
    await client.data(TRADE, trade(broker, { quantity: '10', price: '90' }));
    const { addSplit } = await client.data(
      `mutation($a: ID) { addSplit(accountId: $a, symbol: "acme", date: "2024-02-01", ratio: "3:2") { symbol ratio accountId } }`,
      { a: broker },
    );
    expect(addSplit).toEqual({ symbol: 'ACME', ratio: '3:2', accountId: broker });
    await client.data(
      'mutation { addSplit(symbol: "ACME", date: "2024-03-01", ratio: "2") { id } }',
    );
    await client.data('mutation { setPrice(symbol: "ACME", date: "2024-03-01", price: "31") }');
    const { portfolio } = await client.data(PORTFOLIO, { accountId: broker, to: '2024-03-31' });
    expect(portfolio.holdings[0]).toMatchObject({
      quantity: '30',
      costBasis: '900.00',
      marketValue: '930.00',
    });
    // After the split, selling the 30 new shares is allowed; 30.00000001 is not.
    const over = await client.gql(
      TRADE,
      trade(broker, { side: 'SELL', quantity: '30.00000001', price: '31', date: '2024-03-02' }),
    );
    expect(errorOf(over).extensions).toMatchObject({ field: 'quantity' });
  });

  test('value over time: value and cost basis at the end of each day, at most 120 days', async () => {
    const client = await newUser();
    const broker = await investmentAccount(client);
    await client.data(TRADE, trade(broker, { quantity: '10', price: '100', date: '2024-01-01' }));
    await client.data('mutation { setPrice(symbol: "ACME", date: "2024-01-03", price: "120") }');
    await client.data(
      TRADE,
      trade(broker, { side: 'SELL', quantity: '5', price: '130', date: '2024-01-05' }),
    );
    const VALUES = `query($from: Date, $to: Date) {
      portfolioValues(from: $from, to: $to) { date value costBasis } }`;
    const week = await client.data(VALUES, { from: '2024-01-01', to: '2024-01-05' });
    expect(week.portfolioValues).toEqual([
      { date: '2024-01-01', value: '1000.00', costBasis: '1000.00' },
      { date: '2024-01-02', value: '1000.00', costBasis: '1000.00' },
      { date: '2024-01-03', value: '1200.00', costBasis: '1000.00' },
      { date: '2024-01-04', value: '1200.00', costBasis: '1000.00' },
      // Half sold at 130, the day's only price: 5 x 130 held, at half the cost.
      { date: '2024-01-05', value: '650.00', costBasis: '500.00' },
    ]);
    const year = (await client.data(VALUES, { from: '2024-01-01', to: '2024-12-31' }))
      .portfolioValues;
    expect(year).toHaveLength(120);
    expect([year[0].date, year[119].date]).toEqual(['2024-01-01', '2024-12-31']);
    expect(year[119]).toEqual({ date: '2024-12-31', value: '650.00', costBasis: '500.00' });
  });

  test('dividends are INCOME in the ledger and counted by month', async () => {
    const client = await newUser();
    const broker = await investmentAccount(client);
    await client.data(TRADE, trade(broker, { quantity: '10', price: '100' }));
    const { addDividend } = await client.data(
      `mutation($input: DividendInput!) { addDividend(input: $input) { kind amount category { name } account { id } description } }`,
      { input: { accountId: broker, symbol: 'ACME', amount: '12.5', date: '2024-03-15' } },
    );
    expect(addDividend).toEqual({
      kind: 'INCOME',
      amount: '12.50',
      category: { name: 'Dividends' },
      account: { id: broker },
      description: 'Dividend ACME',
    });
    await client.data(`mutation($input: DividendInput!) { addDividend(input: $input) { id } }`, {
      input: { accountId: broker, symbol: 'ACME', amount: '7.50', date: '2024-03-20' },
    });
    await client.data(`mutation($input: DividendInput!) { addDividend(input: $input) { id } }`, {
      input: { accountId: broker, symbol: 'ACME', amount: '10', date: '2024-06-20' },
    });
    const { portfolio } = await client.data(PORTFOLIO, { accountId: broker, to: '2024-06-30' });
    expect(portfolio.dividends).toEqual([
      { month: '2024-03', amount: '20.00' },
      { month: '2024-06', amount: '10.00' },
    ]);
    expect(portfolio.dividendIncome).toBe('30.00');
    const { accounts } = await client.data('{ accounts { id balance } }');
    expect(accounts.find((a: { id: string }) => a.id === broker).balance).toBe('30.00');
  });

  test('returns: total, time-weighted and XIRR against values worked out by hand', async () => {
    const client = await newUser();
    const broker = await investmentAccount(client);
    // One buy, a year, +10 %: every return is 0.1.
    await client.data(TRADE, trade(broker, { quantity: '1', price: '1000', date: '2023-01-01' }));
    await client.data('mutation { setPrice(symbol: "ACME", date: "2024-01-01", price: "1100") }');
    await client.data(
      TRADE,
      trade(broker, { symbol: 'FLAT', quantity: '1', price: '1000', date: '2023-01-01' }),
    );
    const year = await client.data(PORTFOLIO, { accountId: broker, to: '2024-01-01' });
    // Two holdings of 1000: one +10 %, one unchanged: +5 % for the whole, each its own per holding.
    expect(year.portfolio).toMatchObject({
      totalReturn: '0.050000',
      timeWeightedReturn: '0.050000',
      moneyWeightedReturn: '0.050000',
    });
    const returns = (symbol: string) =>
      year.portfolio.holdings.find(
        (h: { security: { symbol: string } }) => h.security.symbol === symbol,
      );
    expect(returns('ACME')).toMatchObject({
      totalReturn: '0.100000',
      timeWeightedReturn: '0.100000',
      moneyWeightedReturn: '0.100000',
    });
    expect(returns('FLAT')).toMatchObject({
      totalReturn: '0.000000',
      timeWeightedReturn: '0.000000',
      moneyWeightedReturn: '0.000000',
    });

    // TWR ignores the size of flows: 1000 -> 1100 (+10 %), buy 10 more at 110, 2200 -> 1980
    // (-10 %): 1.1 x 0.9 - 1 = -0.01. Total return: (1980 - 2100) / 2100 = -0.057143.
    const other = await newUser();
    const account = await investmentAccount(other);
    await other.data(TRADE, trade(account, { quantity: '10', price: '100', date: '2024-01-01' }));
    await other.data(TRADE, trade(account, { quantity: '10', price: '110', date: '2024-02-01' }));
    await other.data('mutation { setPrice(symbol: "ACME", date: "2024-03-01", price: "99") }');
    const { portfolio } = await other.data(PORTFOLIO, { accountId: account, to: '2024-03-01' });
    expect(portfolio.timeWeightedReturn).toBe('-0.010000');
    expect(portfolio.totalReturn).toBe('-0.057143');
    // XIRR of -1000 on day 0, -1100 on day 31, +1980 on day 60 (solved independently by
    // bisection to 1e-12): -0.388954.
    expect(portfolio.moneyWeightedReturn).toBe('-0.388954');
    // A chosen period: the holding starts at its value at the end of 2024-02-01, 20 x 110 =
    // 2200, and ends at 20 x 99 = 1980: -10 % by both simple measures; annualised over the 28
    // days, 0.9^(365/28) - 1 = -0.7467680923...
    const period = await other.data(PORTFOLIO, {
      accountId: account,
      from: '2024-02-02',
      to: '2024-03-01',
    });
    expect(period.portfolio).toMatchObject({
      totalReturn: '-0.100000',
      timeWeightedReturn: '-0.100000',
      moneyWeightedReturn: '-0.746768',
    });
    expect(period.portfolio.holdings).toEqual([
      expect.objectContaining({
        quantity: '20',
        totalReturn: '-0.100000',
        timeWeightedReturn: '-0.100000',
        moneyWeightedReturn: '-0.746768',
      }),
    ]);
  });

  test('prices: CSV import in both formats, history, unknown symbols refused', async () => {
    const client = await newUser();
    const broker = await investmentAccount(client);
    await client.data(TRADE, trade(broker, { quantity: '2', price: '10' }));
    await client.data(TRADE, trade(broker, { symbol: 'VWCE.DE', quantity: '1', price: '100' }));
    const csv =
      'date,symbol,close\n2024-01-03,ACME,11.25\n2024-01-04,acme,12\n2024-01-04,VWCE.DE,101.5\n';
    const file = await upload(client, csv, { name: 'prices.csv', declaredType: 'text/csv' });
    expect(file.status).toBe(201);
    const imported = await client.data('mutation($id: ID!) { importPrices(uploadId: $id) }', {
      id: file.body.id,
    });
    expect(imported.importPrices).toBe(3);
    const semicolon = await upload(client, '2024-01-05;12,5\n2024-01-06;13\n', {
      name: 'acme.csv',
    });
    const second = await client.data(
      'mutation($id: ID!) { importPrices(uploadId: $id, symbol: "ACME") }',
      { id: semicolon.body.id },
    );
    expect(second.importPrices).toBe(2);
    const { prices } = await client.data('{ prices(symbol: "ACME") { date price source } }');
    expect(prices).toEqual([
      { date: '2024-01-03', price: '11.25', source: 'FILE' },
      { date: '2024-01-04', price: '12', source: 'FILE' },
      { date: '2024-01-05', price: '12.5', source: 'FILE' },
      { date: '2024-01-06', price: '13', source: 'FILE' },
    ]);
    // One unknown symbol refuses the whole file: its good row is not stored either.
    const bad = await upload(client, '2024-01-07,ACME,14\n2024-01-05,NOPE,1\n', { name: 'x.csv' });
    const unknown = errorOf(
      await client.gql('mutation($id: ID!) { importPrices(uploadId: $id) }', { id: bad.body.id }),
    );
    expect(unknown.message).toMatch(/Unknown symbols: NOPE/);
    const broken = await upload(client, '2024-13-05,ACME,1\n2024-01-05,ACME,abc\n', {
      name: 'y.csv',
    });
    const lines = errorOf(
      await client.gql('mutation($id: ID!) { importPrices(uploadId: $id) }', {
        id: broken.body.id,
      }),
    );
    expect(lines.message).toMatch(/line 1: .*line 2: /);
    const after = await client.data('{ prices(symbol: "ACME") { date price } }');
    expect(after.prices.map((p: { date: string }) => p.date)).toEqual([
      '2024-01-03',
      '2024-01-04',
      '2024-01-05',
      '2024-01-06',
    ]);
    const offline = errorOf(await client.gql('mutation { refreshPrices }'));
    expect(offline.message).toMatch(/PRICES_URL is not set/);
  });

  test('net worth counts holdings at market value, net of the cash trades took', async () => {
    const client = await newUser();
    const broker = await investmentAccount(client);
    const { accounts } = await client.data('{ accounts { id type } }');
    const main = accounts.find((a: { type: string }) => a.type === 'CHECKING').id;
    const today = new Date().toISOString().slice(0, 10);
    await client.data(`mutation($input: IncomeInput!) { addIncome(input: $input) { id } }`, {
      input: { description: 'Salary', amount: '5000', date: today, accountId: main },
    });
    await client.data(`mutation($input: TransferInput!) { addTransfer(input: $input) { id } }`, {
      input: { fromAccountId: main, toAccountId: broker, amount: '1000', date: today },
    });
    const before = await client.data('{ netWorth(months: 1) { netWorth } }');
    expect(before.netWorth[0].netWorth).toBe('5000.00');
    await client.data(
      TRADE,
      trade(broker, { quantity: '10', price: '99', fees: '10', date: today }),
    );
    // Cash 1000 - 1000 spent + holdings 990: the fees are gone.
    const bought = await client.data('{ netWorth(months: 1) { netWorth } }');
    expect(bought.netWorth[0].netWorth).toBe('4990.00');
    await client.data(`mutation { setPrice(symbol: "ACME", date: "${today}", price: "120") }`);
    const after = await client.data('{ netWorth(months: 1) { netWorth } }');
    expect(after.netWorth[0].netWorth).toBe('5200.00');
    // Each account's value adds up to the net worth: the broker's ledger balance stays the
    // cash moved in; its value is what is left of it plus the holdings at the latest price.
    const valued = await client.data('{ accounts { id balance value } }');
    const byId = (id: string) => valued.accounts.find((a: { id: string }) => a.id === id);
    expect(byId(broker)).toEqual({ id: broker, balance: '1000.00', value: '1200.00' });
    expect(byId(main)).toEqual({ id: main, balance: '4000.00', value: '4000.00' });
  });

  test('two sells of the whole holding sent at once: one is refused, the holding never goes below 0', async () => {
    const client = await newUser();
    const broker = await investmentAccount(client);
    await client.data(TRADE, trade(broker, { quantity: '3', price: '10' }));
    const sell = () =>
      client.gql(
        TRADE,
        trade(broker, { side: 'SELL', quantity: '3', price: '11', date: '2024-01-03' }),
      );
    const answers = await Promise.all([sell(), sell(), sell()]);
    expect(answers.filter((a) => !a.errors).length).toBe(1);
    for (const refused of answers.filter((a) => a.errors)) {
      expect(refused.errors?.[0].message).toMatch(/more than is held/);
    }
    const { portfolio } = await client.data(PORTFOLIO, { accountId: broker, to: '2024-01-31' });
    expect(portfolio.holdings).toEqual([]);
    expect(portfolio.realizedGain).toBe('3.00');
  });

  test('buys of different securities sent at once all land', async () => {
    const client = await newUser();
    const broker = await investmentAccount(client);
    const symbols = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE', 'FFF'];
    await Promise.all(
      symbols.map((symbol) =>
        client.data(TRADE, trade(broker, { symbol, quantity: '1', price: '5' })),
      ),
    );
    const { portfolio } = await client.data(PORTFOLIO, { accountId: broker, to: '2024-01-31' });
    expect(
      portfolio.holdings.map((h: { security: { symbol: string } }) => h.security.symbol).sort(),
    ).toEqual(symbols);
  });

  test('a dividend edited in the ledger counts as edited; deleted there, it leaves the portfolio', async () => {
    const client = await newUser();
    const broker = await investmentAccount(client);
    await client.data(TRADE, trade(broker, { quantity: '1', price: '10' }));
    const { addDividend } = await client.data(
      `mutation($input: DividendInput!) { addDividend(input: $input) { id } }`,
      { input: { accountId: broker, symbol: 'ACME', amount: '1.25', date: '2024-01-20' } },
    );
    // Edited in the ledger: the portfolio counts what the ledger holds.
    await client.data(
      `mutation($id: ID!, $input: TransactionInput!) { updateTransaction(id: $id, input: $input) { id } }`,
      {
        id: addDividend.id,
        input: {
          kind: 'INCOME',
          description: 'Dividend ACME',
          amount: '2.5',
          date: '2024-02-03',
          accountId: broker,
        },
      },
    );
    const edited = await client.data(PORTFOLIO, { accountId: broker, to: '2024-02-29' });
    expect(edited.portfolio.dividends).toEqual([{ month: '2024-02', amount: '2.50' }]);
    await client.data(`mutation { deleteTransaction(id: "${addDividend.id}") }`);
    const { portfolio } = await client.data(PORTFOLIO, { accountId: broker, to: '2024-01-31' });
    expect(portfolio.dividends).toEqual([]);
    expect(portfolio.dividendIncome).toBe('0.00');
  });
});
