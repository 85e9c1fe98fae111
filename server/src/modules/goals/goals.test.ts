import type { ApiClient } from '../../../test/api-client';
import { signUp } from '../../../test/factories';
import { describeEachDatabase } from '../../../test/test-server';
import { addMonths, currentMonth, monthRange, today } from '../../lib/dates';
import { createServices } from '../../services';
import { User } from '../users/user.entity';

const GOAL_FIELDS = `id name currency targetAmount savedAmount contributedAmount targetDate projectedDate
  neededPerMonth monthlyPace progressPercent reached
  contributions { id date amount note } accounts { id name type currency value }`;
const CREATE = `mutation($input: GoalInput!) { createGoal(input: $input) { ${GOAL_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: GoalInput!) { updateGoal(id: $id, input: $input) { ${GOAL_FIELDS} } }`;
const DELETE = 'mutation($id: ID!) { deleteGoal(id: $id) }';
const CONTRIBUTE = `mutation($id: ID!, $amount: Decimal!, $date: Date!, $note: String) {
  contributeToGoal(id: $id, amount: $amount, date: $date, note: $note) { ${GOAL_FIELDS} } }`;
const UPDATE_CONTRIBUTION = `mutation($id: ID!, $amount: Decimal!, $date: Date!, $note: String) {
  updateGoalContribution(id: $id, amount: $amount, date: $date, note: $note) { ${GOAL_FIELDS} } }`;
const DELETE_CONTRIBUTION = `mutation($id: ID!) { deleteGoalContribution(id: $id) { ${GOAL_FIELDS} } }`;
const LIST = `{ goals { ${GOAL_FIELDS} } }`;
const NOTIFICATIONS = '{ notifications(first: 50) { nodes { kind title } } }';
const ACCOUNT = `mutation($input: AccountInput!) { createAccount(input: $input) { id } }`;
const RATE = `mutation($input: ExchangeRateInput!) { setExchangeRate(input: $input) { rate } }`;
const INCOME = `mutation($input: IncomeInput!) { addIncome(input: $input) { id } }`;

/** The last day of the month `count` months from now: what the planner's dates look like. */
const endOfMonthIn = (count: number) => monthRange(addMonths(currentMonth(), count)).last;

type Goal = Record<string, any>;

describeEachDatabase('savings goals', (server) => {
  const createGoal = async (client: ApiClient, input: Record<string, unknown>) =>
    (await client.data(CREATE, { input })).createGoal as Goal;
  const contribute = async (client: ApiClient, id: string, amount: string, date = today()) =>
    (await client.data(CONTRIBUTE, { id, amount, date })).contributeToGoal as Goal;
  const account = async (client: ApiClient, input: Record<string, unknown>) =>
    (await client.data(ACCOUNT, { input: { type: 'SAVINGS', currency: 'USD', ...input } }))
      .createAccount.id as string;
  const refusal = async (client: ApiClient, query: string, variables: Record<string, unknown>) => {
    const result = await client.gql(query, variables);
    expect(result.errors).toHaveLength(1);
    return [result.errors?.[0].extensions?.code, result.errors?.[0].extensions?.field];
  };

  test('a goal tracks contributions, the amount needed per month and the projected date', async () => {
    const client = server().client();
    await signUp(client);
    // Four months to go, this one counted: 1000.00 / 4.
    const goal = await createGoal(client, {
      name: 'Holiday',
      targetAmount: '1000',
      targetDate: endOfMonthIn(3),
    });
    expect(goal).toMatchObject({
      name: 'Holiday',
      currency: 'USD',
      targetAmount: '1000.00',
      savedAmount: '0.00',
      neededPerMonth: '250.00',
      projectedDate: null,
      monthlyPace: '0.00',
      progressPercent: 0,
      reached: false,
    });
    const first = await client.data(CONTRIBUTE, {
      id: goal.id,
      amount: '100.01',
      date: today(),
      note: 'First pay day',
    });
    // 899.99 over 4 months is 224.9975: rounded up to 225.00. The pace is 100.01 over three
    // months, so the rest takes 899.99 * 3 / 100.01 = 26.997 -> 27 months.
    expect(first.contributeToGoal).toMatchObject({
      savedAmount: '100.01',
      contributedAmount: '100.01',
      neededPerMonth: '225.00',
      monthlyPace: '33.33',
      projectedDate: endOfMonthIn(27),
      progressPercent: 10,
      contributions: [{ date: today(), amount: '100.01', note: 'First pay day' }],
    });
    // Older than this month and the two before: counts towards the total, not the pace.
    const older = `${addMonths(currentMonth(), -3)}-15`;
    const withOld = await contribute(client, goal.id, '50', older);
    // 849.99 * 3 / 100.01 = 25.497 -> 26 months.
    expect(withOld).toMatchObject({ savedAmount: '150.01', projectedDate: endOfMonthIn(26) });
    expect(withOld.contributions.map((c: Goal) => c.date)).toEqual([today(), older]);
    const oldId = withOld.contributions[1].id;
    const edited = (
      await client.data(UPDATE_CONTRIBUTION, { id: oldId, amount: '40', date: older })
    ).updateGoalContribution;
    expect(edited).toMatchObject({ savedAmount: '140.01', contributedAmount: '140.01' });
    const removed = (await client.data(DELETE_CONTRIBUTION, { id: oldId })).deleteGoalContribution;
    expect(removed.savedAmount).toBe('100.01');
    const renamed = (
      await client.data(UPDATE, {
        id: goal.id,
        input: { name: 'Summer holiday', targetAmount: '2000', targetDate: null },
      })
    ).updateGoal;
    expect(renamed).toMatchObject({
      name: 'Summer holiday',
      targetAmount: '2000.00',
      targetDate: null,
      neededPerMonth: null,
      progressPercent: 5,
    });
    expect((await client.data(LIST)).goals).toEqual([renamed]);
    expect(await client.data(DELETE, { id: goal.id })).toEqual({ deleteGoal: true });
    expect((await client.data(LIST)).goals).toEqual([]);
  });

  test('each milestone is announced once, even when progress falls back and climbs again', async () => {
    const client = server().client();
    await signUp(client);
    const goal = await createGoal(client, { name: 'Bike', targetAmount: '100' });
    await contribute(client, goal.id, '30');
    const second = await contribute(client, goal.id, '30');
    expect(second.progressPercent).toBe(60);
    const titles = async () =>
      (await client.data(NOTIFICATIONS)).notifications.nodes
        .filter((n: Goal) => n.kind === 'GOAL')
        .map((n: Goal) => n.title);
    expect(await titles()).toEqual(['Bike: 50 % saved', 'Bike: 25 % saved']);
    // Back to 30 %, then up to 60 % again: nothing new.
    await client.data(DELETE_CONTRIBUTION, { id: second.contributions[0].id });
    await contribute(client, goal.id, '30');
    await client.data(LIST);
    expect(await titles()).toHaveLength(2);
    // Past 75 % and 100 % in one step: the highest is announced.
    const done = await contribute(client, goal.id, '50');
    expect(done).toMatchObject({ progressPercent: 110, reached: true, neededPerMonth: null });
    expect(await titles()).toEqual(['Goal reached: Bike', 'Bike: 50 % saved', 'Bike: 25 % saved']);
  });

  test('linked accounts count their balance in the goal currency, and their flows set the pace', async () => {
    const client = server().client();
    const user = await signUp(client);
    const usd = await account(client, { name: 'Savings', openingBalance: '500' });
    const eur = await account(client, {
      name: 'Euro savings',
      currency: 'EUR',
      openingBalance: '100',
    });
    const gbp = await account(client, { name: 'Pounds', currency: 'GBP', openingBalance: '10' });
    await client.data(RATE, { input: { from: 'EUR', to: 'USD', rate: '1.1', date: today() } });
    await client.data(INCOME, {
      input: { description: 'Pay', amount: '90', date: today(), accountId: usd },
    });
    const goal = await createGoal(client, {
      name: 'House',
      targetAmount: '1000',
      accountIds: [usd, eur, gbp],
    });
    // 590.00 + 100 EUR at 1.1; GBP has no rate and counts for nothing. The pace is the 90.00
    // that came in: 300.00 * 3 / 90.00 = 10 months.
    expect(goal).toMatchObject({
      savedAmount: '700.00',
      contributedAmount: '0.00',
      monthlyPace: '30.00',
      projectedDate: endOfMonthIn(10),
      progressPercent: 70,
    });
    expect(goal.accounts).toEqual(
      expect.arrayContaining([
        { id: usd, name: 'Savings', type: 'SAVINGS', currency: 'USD', value: '590.00' },
        { id: eur, name: 'Euro savings', type: 'SAVINGS', currency: 'EUR', value: '110.00' },
        { id: gbp, name: 'Pounds', type: 'SAVINGS', currency: 'GBP', value: null },
      ]),
    );
    // An INVESTMENT account counts at the market value the investments module gives.
    const broker = await account(client, {
      name: 'Broker',
      type: 'INVESTMENT',
      openingBalance: '50',
    });
    await client.data(UPDATE, {
      id: goal.id,
      input: { name: 'House', targetAmount: '1000', accountIds: [usd, broker] },
    });
    expect((await client.data(LIST)).goals[0].savedAmount).toBe('640.00');
    const services = createServices(server().dataSource, server().config);
    const owner = await server()
      .dataSource.getRepository(User)
      .findOneByOrFail({ id: Number(user.id) });
    const scope = await services.ledgers.scope(owner, null, 'read');
    const asked: number[][] = [];
    services.goals.setMarketValueSource({
      async marketValue(_ledgerId, accountIds) {
        asked.push(accountIds);
        return new Map([[Number(broker), 25_000n]]);
      },
    });
    const [valued] = await services.goals.list(scope);
    expect(asked).toEqual([[Number(broker)]]);
    // The broker counts its balance (50) and what it holds beyond it at market (250).
    expect(valued.savedAmount.toString()).toBe('890.00');
    // Deleting an account (it has no transactions) unlinks it.
    await client.data('mutation($id: ID!) { deleteAccount(id: $id) }', { id: broker });
    expect((await client.data(LIST)).goals[0].accounts.map((a: Goal) => a.id)).toEqual([usd]);
  });

  test('an investment milestone is a goal on an INVESTMENT account, counted at market value', async () => {
    const client = server().client();
    await signUp(client);
    const broker = await account(client, {
      name: 'Broker',
      type: 'INVESTMENT',
      openingBalance: '1000',
    });
    await client.data(`mutation($input: TradeInput!) { addTrade(input: $input) { id } }`, {
      input: {
        accountId: broker,
        symbol: 'ACME',
        side: 'BUY',
        quantity: '10',
        price: '90',
        date: today(),
      },
    });
    const goal = await createGoal(client, {
      name: 'Portfolio 2k',
      targetAmount: '2000',
      accountIds: [broker],
    });
    // 100.00 of cash left and 10 ACME at the trade's 90: 1000.00, half the target.
    expect(goal).toMatchObject({ savedAmount: '1000.00', progressPercent: 50, reached: false });
    expect(goal.accounts).toEqual([
      { id: broker, name: 'Broker', type: 'INVESTMENT', currency: 'USD', value: '1000.00' },
    ]);
    const setPrice = (price: string) =>
      client.data(
        'mutation($p: Decimal!, $d: Date!) { setPrice(symbol: "ACME", date: $d, price: $p) }',
        {
          p: price,
          d: today(),
        },
      );
    // The market moves the goal: 100 + 10 x 150 = 1600.00, then 100 + 10 x 200 = 2100.00.
    await setPrice('150');
    expect((await client.data(LIST)).goals[0]).toMatchObject({
      savedAmount: '1600.00',
      progressPercent: 80,
    });
    await setPrice('200');
    expect((await client.data(LIST)).goals[0]).toMatchObject({
      savedAmount: '2100.00',
      progressPercent: 105,
      reached: true,
    });
    const titles = (await client.data(NOTIFICATIONS)).notifications.nodes
      .filter((n: Goal) => n.kind === 'GOAL')
      .map((n: Goal) => n.title);
    expect(titles).toEqual([
      'Goal reached: Portfolio 2k',
      'Portfolio 2k: 75 % saved',
      'Portfolio 2k: 50 % saved',
    ]);
  });

  test('bad input is refused naming its field, and nothing is written', async () => {
    const client = server().client();
    await signUp(client);
    const valid = { name: 'Car', targetAmount: '5000' };
    for (const [input, field] of [
      [{ ...valid, targetAmount: '-5' }, 'targetAmount'],
      [{ ...valid, targetAmount: '0' }, 'targetAmount'],
      [{ ...valid, targetAmount: '1.234' }, 'targetAmount'],
      [{ ...valid, targetDate: '2020-01-01' }, 'targetDate'],
      [{ ...valid, targetDate: '2024-02-30' }, 'targetDate'],
      [{ ...valid, name: '  ' }, 'name'],
      [{ ...valid, currency: 'XYZ' }, 'currency'],
    ] as const) {
      expect(await refusal(client, CREATE, { input })).toEqual(['BAD_USER_INPUT', field]);
    }
    expect((await client.data(LIST)).goals).toEqual([]);
    const goal = await createGoal(client, valid);
    for (const [amount, date, field] of [
      ['-1', today(), 'amount'],
      ['0', today(), 'amount'],
      ['1.001', today(), 'amount'],
      ['10', '2023-02-29', 'date'],
    ]) {
      expect(await refusal(client, CONTRIBUTE, { id: goal.id, amount, date })).toEqual([
        'BAD_USER_INPUT',
        field,
      ]);
    }
    expect((await client.data(LIST)).goals[0].contributions).toEqual([]);
    // Someone else's goal and account are not found, exactly like missing ones.
    const other = server().client();
    await signUp(other);
    const theirs = await account(other, { name: 'Theirs' });
    expect(await refusal(client, CREATE, { input: { ...valid, accountIds: [theirs] } })).toEqual([
      'NOT_FOUND',
      'accountIds',
    ]);
    expect(await refusal(other, CONTRIBUTE, { id: goal.id, amount: '1', date: today() })).toEqual([
      'NOT_FOUND',
      undefined,
    ]);
    expect(await refusal(other, DELETE, { id: goal.id })).toEqual(['NOT_FOUND', undefined]);
    expect(await refusal(other, UPDATE, { id: goal.id, input: valid })).toEqual([
      'NOT_FOUND',
      undefined,
    ]);
    expect((await client.data(LIST)).goals).toHaveLength(1);
  });
});
