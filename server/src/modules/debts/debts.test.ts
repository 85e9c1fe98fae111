import type { ApiClient } from '../../../test/api-client';
import { signUp } from '../../../test/factories';
import { describeEachDatabase } from '../../../test/test-server';
import { addMonths, currentMonth, monthRange, today } from '../../lib/dates';

const DEBT_FIELDS =
  'id name balance annualRate minimumPayment currency accountId accountName monthlyInterest coversInterest';
const CREATE = `mutation($input: DebtInput!) { createDebt(input: $input) { ${DEBT_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: DebtInput!) { updateDebt(id: $id, input: $input) { ${DEBT_FIELDS} } }`;
const CREATE_FROM_ACCOUNT = `mutation($input: AccountDebtInput!) { createAccountDebt(input: $input) { ${DEBT_FIELDS} } }`;
const UPDATE_FROM_ACCOUNT = `mutation($id: ID!, $input: AccountDebtInput!) { updateAccountDebt(id: $id, input: $input) { ${DEBT_FIELDS} } }`;
const DELETE = 'mutation($id: ID!) { deleteDebt(id: $id) }';
const LIST = `{ debts { ${DEBT_FIELDS} } }`;
const PLAN = `query($strategy: PayoffStrategy!, $extra: Decimal!) {
  payoffPlan(strategy: $strategy, extraPerMonth: $extra) {
    strategy currency extraPerMonth monthlyBudget months totalInterest payoffDate paidOff message
    minimumsOnlyMonths minimumsOnlyInterest interestSaved monthsSaved
    debts { debtId name order months payoffDate interest }
    schedule { month interest payment balance balances { debtId balance } }
  } }`;
const ACCOUNT = `mutation($input: AccountInput!) { createAccount(input: $input) { id } }`;
const INCOME = `mutation($input: IncomeInput!) { addIncome(input: $input) { id } }`;
const RATE = `mutation($input: ExchangeRateInput!) { setExchangeRate(input: $input) { rate } }`;

const endOfMonthIn = (count: number) => monthRange(addMonths(currentMonth(), count)).last;

type Row = Record<string, any>;

describeEachDatabase('debts and the payoff planner', (server) => {
  const createDebt = async (client: ApiClient, input: Record<string, unknown>) =>
    (await client.data(CREATE, { input })).createDebt as Row;
  const plan = async (client: ApiClient, strategy: string, extra: string) =>
    (await client.data(PLAN, { strategy, extra })).payoffPlan as Row;
  const refusal = async (client: ApiClient, query: string, variables: Record<string, unknown>) => {
    const result = await client.gql(query, variables);
    expect(result.errors).toHaveLength(1);
    return [result.errors?.[0].extensions?.code, result.errors?.[0].extensions?.field];
  };

  test('debts entered by hand are created, listed, edited and deleted', async () => {
    const client = server().client();
    await signUp(client);
    const card = await createDebt(client, {
      name: 'Visa',
      balance: '1200',
      annualRate: '0.1990',
      minimumPayment: '35',
    });
    // 1200.00 * 0.199 / 12 = 19.90.
    expect(card).toMatchObject({
      name: 'Visa',
      balance: '1200.00',
      annualRate: '0.199',
      minimumPayment: '35.00',
      currency: 'USD',
      accountId: null,
      monthlyInterest: '19.90',
      coversInterest: true,
    });
    const edited = (
      await client.data(UPDATE, {
        id: card.id,
        input: { name: 'Visa card', balance: '1000', annualRate: '0.24', minimumPayment: '20' },
      })
    ).updateDebt;
    // 20.00 of interest a month against a 20.00 minimum: it never shrinks.
    expect(edited).toMatchObject({ monthlyInterest: '20.00', coversInterest: false });
    expect((await client.data(LIST)).debts).toEqual([edited]);
    expect(await client.data(DELETE, { id: card.id })).toEqual({ deleteDebt: true });
    expect((await client.data(LIST)).debts).toEqual([]);
  });

  test("a loan or card account's debt follows the account's balance", async () => {
    const client = server().client();
    await signUp(client);
    const loan = (
      await client.data(ACCOUNT, {
        input: { name: 'Car loan', type: 'LOAN', currency: 'USD', openingBalance: '-5000' },
      })
    ).createAccount.id;
    const checking = (
      await client.data(ACCOUNT, { input: { name: 'Checking', type: 'CHECKING', currency: 'USD' } })
    ).createAccount.id;
    const terms = { annualRate: '0.06', minimumPayment: '150' };
    expect(
      await refusal(client, CREATE_FROM_ACCOUNT, { input: { ...terms, accountId: checking } }),
    ).toEqual(['BAD_USER_INPUT', 'accountId']);
    const debt = (await client.data(CREATE_FROM_ACCOUNT, { input: { ...terms, accountId: loan } }))
      .createAccountDebt;
    expect(debt).toMatchObject({
      name: 'Car loan',
      balance: '5000.00',
      accountId: loan,
      accountName: 'Car loan',
      monthlyInterest: '25.00',
    });
    expect(
      await refusal(client, CREATE_FROM_ACCOUNT, { input: { ...terms, accountId: loan } }),
    ).toEqual(['BAD_USER_INPUT', 'accountId']);
    // A payment into the loan account lowers what is owed.
    await client.data(INCOME, {
      input: { description: 'Payment', amount: '1000', date: today(), accountId: loan },
    });
    expect((await client.data(LIST)).debts[0].balance).toBe('4000.00');
    const renamed = (
      await client.data(UPDATE_FROM_ACCOUNT, {
        id: debt.id,
        input: { ...terms, accountId: loan, name: 'Car', minimumPayment: '200' },
      })
    ).updateAccountDebt;
    expect(renamed).toMatchObject({ name: 'Car', minimumPayment: '200.00', balance: '4000.00' });
    expect(
      await refusal(client, UPDATE, {
        id: debt.id,
        input: { name: 'x', balance: '1', annualRate: '0', minimumPayment: '1' },
      }),
    ).toEqual(['BAD_USER_INPUT', 'id']);
    // A credit card follows its account the same way; one in credit owes nothing.
    const card = (
      await client.data(ACCOUNT, {
        input: { name: 'Visa', type: 'CREDIT_CARD', currency: 'USD', openingBalance: '-300' },
      })
    ).createAccount.id;
    const cardDebt = (
      await client.data(CREATE_FROM_ACCOUNT, {
        input: { accountId: card, annualRate: '0.2', minimumPayment: '25' },
      })
    ).createAccountDebt;
    expect(cardDebt).toMatchObject({ name: 'Visa', balance: '300.00', monthlyInterest: '5.00' });
    await client.data(INCOME, {
      input: { description: 'Refund', amount: '350', date: today(), accountId: card },
    });
    expect((await client.data(LIST)).debts.map((d: Row) => [d.name, d.balance])).toEqual([
      ['Car', '4000.00'],
      ['Visa', '0.00'],
    ]);
  });

  test('snowball and avalanche plans, against minimums only', async () => {
    const client = server().client();
    await signUp(client);
    // The pair worked by hand in payoff.test.ts.
    const a = await createDebt(client, {
      name: 'A',
      balance: '500',
      annualRate: '0',
      minimumPayment: '50',
    });
    const b = await createDebt(client, {
      name: 'B',
      balance: '1000',
      annualRate: '0.12',
      minimumPayment: '100',
    });
    const snowball = await plan(client, 'SNOWBALL', '100');
    expect(snowball).toMatchObject({
      strategy: 'SNOWBALL',
      currency: 'USD',
      extraPerMonth: '100.00',
      monthlyBudget: '250.00',
      months: 7,
      totalInterest: '43.24',
      payoffDate: endOfMonthIn(7),
      paidOff: true,
      message: null,
      minimumsOnlyMonths: 11,
      monthsSaved: 4,
    });
    expect(snowball.debts).toEqual([
      {
        debtId: a.id,
        name: 'A',
        order: 1,
        months: 4,
        payoffDate: endOfMonthIn(4),
        interest: '0.00',
      },
      {
        debtId: b.id,
        name: 'B',
        order: 2,
        months: 7,
        payoffDate: endOfMonthIn(7),
        interest: '43.24',
      },
    ]);
    expect(snowball.schedule).toHaveLength(7);
    expect(snowball.schedule[0]).toEqual({
      month: addMonths(currentMonth(), 1),
      interest: '10.00',
      payment: '250.00',
      balance: '1260.00',
      balances: [
        { debtId: a.id, balance: '350.00' },
        { debtId: b.id, balance: '910.00' },
      ],
    });
    const avalanche = await plan(client, 'AVALANCHE', '100');
    expect(avalanche).toMatchObject({ months: 7, totalInterest: '31.12', monthsSaved: 4 });
    expect(avalanche.debts.map((d: Row) => [d.name, d.order, d.months])).toEqual([
      ['A', 2, 7],
      ['B', 1, 6],
    ]);
    // The same baseline for both (58.98 in 11 months, worked in payoff.test.ts); what each
    // saves is the baseline less its own interest: 58.98 - 43.24 and 58.98 - 31.12.
    for (const strategy of [snowball, avalanche]) {
      expect(strategy).toMatchObject({ minimumsOnlyMonths: 11, minimumsOnlyInterest: '58.98' });
    }
    expect(snowball.interestSaved).toBe('15.74');
    expect(avalanche.interestSaved).toBe('27.86');
  });

  test('a debt whose payments never outrun its interest is answered, not looped on', async () => {
    const client = server().client();
    await signUp(client);
    const card = await createDebt(client, {
      name: 'Store card',
      balance: '1000',
      annualRate: '0.24',
      minimumPayment: '20',
    });
    const started = Date.now();
    const never = await plan(client, 'AVALANCHE', '0');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(never).toMatchObject({
      paidOff: false,
      months: 1200,
      minimumsOnlyMonths: null,
      minimumsOnlyInterest: null,
      interestSaved: null,
      monthsSaved: null,
    });
    expect(never.message).toContain('Never paid off at this payment');
    expect(never.message).toContain('Store card');
    expect(never.debts).toEqual([
      expect.objectContaining({ debtId: card.id, months: null, payoffDate: null }),
    ]);
    // 10.00 more a month pays it: 1000.00 at 2 % a month with 30.00 is the annuity
    // n = -ln(1 - 0.02 * 1000 / 30) / ln(1.02) = 55.5 -> 56 months.
    const paid = await plan(client, 'AVALANCHE', '10');
    expect(paid).toMatchObject({
      paidOff: true,
      months: 56,
      totalInterest: '664.43',
      payoffDate: endOfMonthIn(56),
      message: null,
      interestSaved: null,
    });
  });

  test('bad input is refused naming its field, and nothing is written', async () => {
    const client = server().client();
    await signUp(client);
    const valid = { name: 'Loan', balance: '1000', annualRate: '0.05', minimumPayment: '50' };
    for (const [input, field] of [
      [{ ...valid, balance: '-1' }, 'balance'],
      [{ ...valid, balance: '0' }, 'balance'],
      [{ ...valid, annualRate: '1.5' }, 'annualRate'],
      [{ ...valid, annualRate: '-0.1' }, 'annualRate'],
      [{ ...valid, annualRate: '0.1234567' }, 'annualRate'],
      [{ ...valid, annualRate: '5%' }, 'annualRate'],
      [{ ...valid, minimumPayment: '0' }, 'minimumPayment'],
      [{ ...valid, minimumPayment: '-5' }, 'minimumPayment'],
      [{ ...valid, name: '' }, 'name'],
    ] as const) {
      expect(await refusal(client, CREATE, { input })).toEqual(['BAD_USER_INPUT', field]);
    }
    expect((await client.data(LIST)).debts).toEqual([]);
    await createDebt(client, valid);
    expect(await refusal(client, PLAN, { strategy: 'SNOWBALL', extra: '-1' })).toEqual([
      'BAD_USER_INPUT',
      'extraPerMonth',
    ]);
    // A debt in another currency needs a rate to join the plan in the caller's currency.
    await createDebt(client, { ...valid, name: 'Euro loan', currency: 'EUR' });
    expect(await refusal(client, PLAN, { strategy: 'SNOWBALL', extra: '0' })).toEqual([
      'BAD_USER_INPUT',
      'currency',
    ]);
    await client.data(RATE, { input: { from: 'EUR', to: 'USD', rate: '2', date: today() } });
    const converted = await plan(client, 'SNOWBALL', '0');
    expect(converted.monthlyBudget).toBe('150.00');
    expect(converted.schedule[0].balances[1]).toMatchObject({ balance: expect.any(String) });
    // Someone else's debt is not found.
    const other = server().client();
    await signUp(other);
    const [first] = (await client.data(LIST)).debts;
    expect(await refusal(other, DELETE, { id: first.id })).toEqual(['NOT_FOUND', undefined]);
    expect((await client.data(LIST)).debts).toHaveLength(2);
  });
});
