import type { ApiClient } from '../../../test/api-client';
import { addExpense, signUp } from '../../../test/factories';
import { describeEachDatabase } from '../../../test/test-server';

/**
 * Generated histories where the right answer is known: six months before June 2025 and June
 * itself, in three categories, with a steady income.
 */
const MONTH = '2025-06';
const MONTHS = ['2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05', MONTH];
/** Four grocery runs a month; totals 180, 200, 210, 190, 230, 205 and 200. */
const FOOD = [
  [40, 45, 50, 45],
  [50, 50, 50, 50],
  [55, 50, 55, 50],
  [45, 50, 45, 50],
  [60, 55, 60, 55],
  [50, 55, 50, 50],
  [50, 50, 50, 50],
];

const INSIGHTS = `query($month: Month) { insights(month: $month) {
  id kind title explanation month amount transactions { id description amount } } }`;
const RECOMMENDATIONS = `query($month: Month) { budgetRecommendations(month: $month) {
  id targetMonth targetAmount spent remaining category { name } } }`;
const APPLY = `mutation($month: Month!) { applyBudgetRecommendations(month: $month) {
  targetMonth targetAmount spent category { name } } }`;
const HEALTH = `query($month: Month) { healthScore(month: $month) {
  month score components { name value points maxPoints explanation } } }`;
const INCOME = 'mutation($input: IncomeInput!) { addIncome(input: $input) { id } }';

async function history(
  client: ApiClient,
  options: { income?: string; june?: (client: ApiClient) => Promise<void> } = {},
) {
  for (const [i, month] of MONTHS.entries()) {
    const last = i === MONTHS.length - 1;
    for (const [n, amount] of FOOD[i].entries()) {
      await addExpense(client, {
        description: 'Grocer',
        category: 'Food',
        amount: String(amount),
        date: `${month}-${String(3 + n * 7).padStart(2, '0')}`,
      });
    }
    for (const day of ['05', '12', '19']) {
      await addExpense(client, {
        description: 'Metro',
        category: 'Transport',
        amount: '20',
        date: `${month}-${day}`,
      });
    }
    if (!last || !options.june) {
      await addExpense(client, {
        description: 'Streamflix',
        category: 'Streaming',
        amount: '12.99',
        date: `${month}-08`,
      });
    }
    await client.data(INCOME, {
      input: { description: 'Salary', amount: options.income ?? '3000', date: `${month}-01` },
    });
  }
  await options.june?.(client);
}

describeEachDatabase('insights, recommendations and the health score', (server) => {
  test('a normal month raises nothing', async () => {
    const client = server().client();
    await signUp(client);
    await history(client);
    expect((await client.data(INSIGHTS, { month: MONTH })).insights).toEqual([]);
  });

  test('a planted anomaly, a category rise and a price rise are found, with their transactions', async () => {
    const client = server().client();
    await signUp(client);
    let planted = '';
    await history(client, {
      june: async (c) => {
        planted = (
          await addExpense(c, {
            description: 'Electronics store',
            category: 'Food',
            amount: '450',
            date: `${MONTH}-20`,
          })
        ).id;
        await addExpense(c, {
          description: 'Streamflix',
          category: 'Streaming',
          amount: '15.99',
          date: `${MONTH}-08`,
        });
      },
    });
    const insights: any[] = (await client.data(INSIGHTS, { month: MONTH })).insights;
    const byKind = new Map(insights.map((i) => [i.kind, i]));
    expect([...byKind.keys()].sort()).toEqual(['CATEGORY_ROSE', 'PRICE_RISE', 'UNUSUAL_EXPENSE']);
    expect(insights).toHaveLength(3);

    const unusual = byKind.get('UNUSUAL_EXPENSE');
    expect(unusual).toMatchObject({ month: MONTH, amount: '450.00' });
    expect(unusual.transactions.map((t: any) => t.id)).toEqual([planted]);
    expect(unusual.explanation).toContain('median of 24 expenses');

    // Food was 650.00 against a 3-month average of 208.33: a rise of 441.67.
    const rose = byKind.get('CATEGORY_ROSE');
    expect(rose).toMatchObject({ title: 'Food rose by $441.67', amount: '441.67' });
    expect(rose.explanation).toContain('$650.00 this month against $205.00 last month');
    expect(rose.explanation).toContain('3-month average of $208.33');
    expect(rose.transactions[0]).toMatchObject({ id: planted, amount: '450.00' });

    const rise = byKind.get('PRICE_RISE');
    expect(rise).toMatchObject({ title: 'Streamflix went up by $3.00', amount: '3.00' });
    expect(rise.transactions.map((t: any) => t.amount)).toEqual([
      '12.99',
      '12.99',
      '12.99',
      '15.99',
    ]);
  });

  test('recommendations are the six months’ medians rounded up, and apply in one step', async () => {
    const client = server().client();
    await signUp(client);
    await history(client);
    const recommended = (await client.data(RECOMMENDATIONS, { month: MONTH }))
      .budgetRecommendations;
    // Food's months 180 190 200 205 210 230: median 202.50, up to 210; 60; 12.99 up to 15.
    expect(
      recommended.map((r: any) => [r.category.name, r.targetAmount, r.spent, r.remaining]),
    ).toEqual([
      ['Food', '210.00', '200.00', '10.00'],
      ['Transport', '60.00', '60.00', '0.00'],
      ['Streaming', '15.00', '12.99', '2.01'],
    ]);
    const applied = (await client.data(APPLY, { month: MONTH })).applyBudgetRecommendations;
    expect(
      applied.map((t: any) => [t.category.name, t.targetAmount, t.targetMonth]).sort(),
    ).toEqual([
      ['Food', '210.00', MONTH],
      ['Streaming', '15.00', MONTH],
      ['Transport', '60.00', MONTH],
    ]);
    const stored = await client.data(
      'query($m: Month) { budgetCategories(month: $m) { targetAmount category { name } } }',
      { m: MONTH },
    );
    expect(stored.budgetCategories).toHaveLength(3);
  });

  test('recommendations are scaled down into a smaller income', async () => {
    const client = server().client();
    await signUp(client);
    await history(client, { income: '200' });
    const recommended = (await client.data(RECOMMENDATIONS, { month: MONTH }))
      .budgetRecommendations;
    // 285.00 asked of 200.00: each scaled by 200/285 and rounded down.
    expect(recommended.map((r: any) => [r.category.name, r.targetAmount])).toEqual([
      ['Food', '140.00'],
      ['Transport', '40.00'],
      ['Streaming', '10.00'],
    ]);
  });

  test('the health score’s components on known numbers', async () => {
    const client = server().client();
    await signUp(client);
    await history(client);
    await client.data(APPLY, { month: MONTH });
    await client.data('mutation($input: DebtInput!) { createDebt(input: $input) { id } }', {
      input: { name: 'Car loan', balance: '9000', annualRate: '0.05', minimumPayment: '600' },
    });
    const health = (await client.data(HEALTH, { month: MONTH })).healthScore;
    expect(health.month).toBe(MONTH);
    expect(health.components.map((c: any) => [c.name, c.value, c.points, c.maxPoints])).toEqual([
      // 3000.00 income, 272.99 spent.
      ['Savings rate', '90.9 %', 25, 25],
      ['Budget adherence', '3 of 3', 20, 20],
      // 21000.00 in, 1925.93 out: 19074.07 against an average month of 278.82.
      ['Emergency fund', '68.4 months', 25, 25],
      // 600.00 of 3000.00: two thirds of the way from 40 % to 10 %.
      ['Debt payments to income', '20.0 %', 10, 15],
      ['Spending volatility', '4.4 %', 15, 15],
    ]);
    expect(health.score).toBe(95);
    expect(health.components[2].explanation).toContain('savings of $19,074.07 cover');

    const history12 = (await client.data('{ healthScoreHistory(months: 3) { month score } }'))
      .healthScoreHistory;
    expect(history12).toHaveLength(3);
  });

  test('refuses a history longer than 24 months', async () => {
    const client = server().client();
    await signUp(client);
    const result = await client.gql('{ healthScoreHistory(months: 25) { month } }');
    expect(result.errors?.[0].extensions?.field).toBe('months');
  });
});
