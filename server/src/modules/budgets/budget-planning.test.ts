import type { ApiClient, GraphQLResponse } from '../../../test/api-client';
import { addExpense, signUp, type TestUser } from '../../../test/factories';
import { personalLedger } from '../../../test/seed';
import { describeEachDatabase } from '../../../test/test-server';
import type { DataSource } from 'typeorm';
import { addMonths, currentMonth } from '../../lib/dates';
import { LedgerMember } from '../ledger-access/ledger-member.entity';
import { Role } from '../ledger-access/ledger.entity';

const SET_BUDGET = `mutation($month: Month!, $amount: Decimal!) {
  setMonthlyBudget(month: $month, amount: $amount) { id }
}`;
const SET_TARGET = `mutation($input: BudgetCategoryInput!) { setBudgetCategory(input: $input) { id } }`;
const COPY = `mutation($from: Month!, $to: Month!, $ledgerId: ID) {
  copyBudget(fromMonth: $from, toMonth: $to, ledgerId: $ledgerId) {
    budget { month amount } budgetCopied targetsCopied
  }
}`;
const MONTH = `query($month: Month!, $ledgerId: ID) {
  budgets(ledgerId: $ledgerId) { month amount }
  budgetCategories(month: $month, ledgerId: $ledgerId) { targetMonth targetAmount category { name } }
}`;
const SET_CARRY_OVER = `mutation($enabled: Boolean!) { setBudgetCarryOver(enabled: $enabled) { carryOver } }`;
const UNBUDGETED = `query($month: Month!) {
  unbudgetedSpending(month: $month) { spent category { name } }
}`;
const LEFT = 'query($month: Month!) { leftToBudget(month: $month) }';
const INCOME = 'mutation($input: IncomeInput!) { addIncome(input: $input) { id } }';

type MonthView = {
  budgets: { month: string; amount: string }[];
  budgetCategories: { targetMonth: string; targetAmount: string; category: { name: string } }[];
};

function expectError(result: GraphQLResponse, code: string, field?: string): void {
  expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
    [code, field],
  ]);
}

async function fill(client: ApiClient, month: string, budget: string | null, targets: string[][]) {
  if (budget !== null) await client.data(SET_BUDGET, { month, amount: budget });
  for (const [category, targetAmount] of targets) {
    await client.data(SET_TARGET, { input: { category, targetAmount, targetMonth: month } });
  }
}

/** The month's budget and targets as [category, amount] pairs, by name. */
async function monthOf(client: ApiClient, month: string, ledgerId?: string) {
  const view = await client.data<MonthView>(MONTH, { month, ledgerId });
  return {
    budget: view.budgets.find((b) => b.month === month)?.amount ?? null,
    targets: view.budgetCategories.map((t) => [t.category.name, t.targetAmount]),
  };
}

/** Shared ledgers have no API yet: the membership is written as the ledger module would. */
async function addViewer(dataSource: DataSource, ledgerId: number, viewer: TestUser) {
  await dataSource
    .getRepository(LedgerMember)
    .insert({ ledgerId, userId: Number(viewer.id), role: Role.VIEWER, createdAt: new Date() });
}

describeEachDatabase('copying a budget to another month', (server) => {
  let client: ApiClient;
  beforeAll(async () => {
    client = server().client();
    await signUp(client);
    await fill(client, '2024-01', '2000', [
      ['Food', '300'],
      ['Rent', '900.50'],
    ]);
  });

  test('copies the budget and every target in one step', async () => {
    const { copyBudget } = await client.data(COPY, { from: '2024-01', to: '2024-02' });
    expect(copyBudget).toEqual({
      budget: { month: '2024-02', amount: '2000.00' },
      budgetCopied: true,
      targetsCopied: 2,
    });
    expect(await monthOf(client, '2024-02')).toEqual({
      budget: '2000.00',
      targets: [
        ['Food', '300.00'],
        ['Rent', '900.50'],
      ],
    });
  });

  test("keeps the month's own budget and targets, adding only what is missing", async () => {
    await fill(client, '2024-03', '1500', [['Food', '120']]);
    const { copyBudget } = await client.data(COPY, { from: '2024-01', to: '2024-03' });
    expect(copyBudget).toEqual({
      budget: { month: '2024-03', amount: '1500.00' },
      budgetCopied: false,
      targetsCopied: 1,
    });
    expect(await monthOf(client, '2024-03')).toEqual({
      budget: '1500.00',
      targets: [
        ['Food', '120.00'],
        ['Rent', '900.50'],
      ],
    });
  });

  test('nothing to copy is BAD_USER_INPUT and writes nothing', async () => {
    expectError(
      await client.gql(COPY, { from: '2023-11', to: '2024-04' }),
      'BAD_USER_INPUT',
      'fromMonth',
    );
    const again = await client.gql(COPY, { from: '2024-01', to: '2024-02' });
    expectError(again, 'BAD_USER_INPUT', 'toMonth');
    expect(again.errors?.[0].message).toBe(
      'Nothing to copy: 2024-02 already has the budget and targets of 2024-01',
    );
    expectError(
      await client.gql(COPY, { from: '2024-01', to: '2024-01' }),
      'BAD_USER_INPUT',
      'toMonth',
    );
    expect(await monthOf(client, '2024-04')).toEqual({ budget: null, targets: [] });
  });

  test('monthBudgeted says whether a month has a budget or a target', async () => {
    const ask = async (month: string) =>
      (await client.data('query($m: Month!) { monthBudgeted(month: $m) }', { m: month }))
        .monthBudgeted;
    expect([await ask('2024-01'), await ask('2024-02'), await ask('2024-04')]).toEqual([
      true,
      true,
      false,
    ]);
    await fill(client, '2024-04', null, [['Food', '1']]);
    expect(await ask('2024-04')).toBe(true);
  });

  test("a viewer of the ledger is FORBIDDEN to copy, and another user's ledger is NOT_FOUND", async () => {
    const owner = server().client();
    const ownerUser = await signUp(owner);
    await fill(owner, '2024-01', '100', [['Food', '10']]);
    const viewer = server().client();
    const viewerUser = await signUp(viewer);
    const ledgerId = await shareAsViewer(ownerUser, viewerUser);
    expectError(
      await viewer.gql(COPY, { from: '2024-01', to: '2024-02', ledgerId }),
      'FORBIDDEN',
      undefined,
    );
    expectError(
      await client.gql(COPY, { from: '2024-01', to: '2024-02', ledgerId }),
      'NOT_FOUND',
      undefined,
    );
    expect(await monthOf(owner, '2024-02')).toEqual({ budget: null, targets: [] });
  });

  async function shareAsViewer(owner: TestUser, viewer: TestUser): Promise<string> {
    const { ledgerId } = await personalLedger(server().dataSource, Number(owner.id));
    await addViewer(server().dataSource, ledgerId, viewer);
    return String(ledgerId);
  }
});

describeEachDatabase('carrying budgets over automatically', (server) => {
  let client: ApiClient;
  let user: TestUser;
  beforeAll(async () => {
    client = server().client();
    user = await signUp(client);
    await fill(client, '2024-05', '800', [
      ['Food', '250'],
      ['Fun', '40'],
    ]);
  });

  test('is off until turned on; the setting is per ledger', async () => {
    expect((await client.data('{ budgetSettings { carryOver } }')).budgetSettings).toEqual({
      carryOver: false,
    });
    expect(await monthOf(client, '2024-06')).toEqual({ budget: null, targets: [] });
    const { setBudgetCarryOver } = await client.data(SET_CARRY_OVER, { enabled: true });
    expect(setBudgetCarryOver).toEqual({ carryOver: true });
    expect((await client.data('{ budgetSettings { carryOver } }')).budgetSettings).toEqual({
      carryOver: true,
    });
    const other = server().client();
    await signUp(other);
    expect((await other.data('{ budgetSettings { carryOver } }')).budgetSettings).toEqual({
      carryOver: false,
    });
  });

  test('an empty month is filled once, even when many requests show it at once', async () => {
    const views = await Promise.all([
      ...Array.from({ length: 6 }, () => client.gql<MonthView>(MONTH, { month: '2024-06' })),
      ...Array.from({ length: 2 }, () =>
        client.gql('query($m: Month) { dashboard(month: $m) { budget } }', { m: '2024-06' }),
      ),
    ]);
    expect(views.map((v) => v.errors ?? [])).toEqual(views.map(() => []));
    for (const view of views.slice(0, 6)) {
      expect((view.data as MonthView).budgetCategories.map((t) => t.category.name)).toEqual([
        'Food',
        'Fun',
      ]);
    }
    expect(
      views.slice(6).map((v) => (v.data as { dashboard: { budget: string } }).dashboard.budget),
    ).toEqual(['800.00', '800.00']);
    const rows: { n: number | string }[] = await server().dataSource.query(
      "SELECT COUNT(*) AS n FROM budget_categories WHERE targetMonth = '2024-06'",
    );
    expect(Number(rows[0].n)).toBe(2);
  });

  test('a month emptied on purpose stays empty', async () => {
    const { budgetCategories } = await client.data(
      'query { budgetCategories(month: "2024-06") { id } }',
    );
    for (const { id } of budgetCategories) {
      await client.data('mutation($id: ID!) { deleteBudgetCategory(id: $id) }', { id });
    }
    await client.data('mutation { deleteMonthlyBudget(month: "2024-06") }');
    expect(await monthOf(client, '2024-06')).toEqual({ budget: null, targets: [] });
  });

  test('the dashboard fills the month it shows', async () => {
    await fill(client, '2024-01', '75.25', [['Pets', '20']]);
    const { dashboard } = await client.data(
      'query { dashboard(month: "2024-02") { budget budgetCategories { category { name } } } }',
    );
    expect(dashboard).toEqual({
      budget: '75.25',
      budgetCategories: [{ category: { name: 'Pets' } }],
    });
  });

  test('a month after the current one is not filled', async () => {
    const now = currentMonth();
    await fill(client, now, '10', []);
    expect(await monthOf(client, addMonths(now, 1))).toEqual({ budget: null, targets: [] });
    expect((await monthOf(client, now)).budget).toBe('10.00');
  });

  test("a viewer's read fills nothing", async () => {
    const viewer = server().client();
    const viewerUser = await signUp(viewer);
    const { ledgerId } = await personalLedger(server().dataSource, Number(user.id));
    await addViewer(server().dataSource, ledgerId, viewerUser);
    await fill(client, '2024-09', '300', []);
    expect(await monthOf(viewer, '2024-10', String(ledgerId))).toEqual({
      budget: null,
      targets: [],
    });
    expect(await monthOf(client, '2024-10')).toEqual({ budget: '300.00', targets: [] });
  });
});

describeEachDatabase('unbudgeted spending and what is left to budget', (server) => {
  let client: ApiClient;
  beforeAll(async () => {
    client = server().client();
    await signUp(client);
    await addExpense(client, { amount: '30.10', category: 'Food', date: '2024-03-02' });
    await addExpense(client, { amount: '12.00', category: 'Books', date: '2024-03-05' });
    await addExpense(client, { amount: '99.99', category: 'Travel', date: '2024-03-09' });
    await addExpense(client, { amount: '0.01', category: 'Books', date: '2024-03-20' });
    await addExpense(client, { amount: '500', category: 'Gifts', date: '2024-04-01' });
    await fill(client, '2024-03', null, [
      ['Food', '200'],
      ['Rent', '900.05'],
    ]);
  });

  test('lists the categories with spending and no target, largest first', async () => {
    const { unbudgetedSpending } = await client.data(UNBUDGETED, { month: '2024-03' });
    expect(unbudgetedSpending).toEqual([
      { category: { name: 'Travel' }, spent: '99.99' },
      { category: { name: 'Books' }, spent: '12.01' },
    ]);
    expect((await client.data(UNBUDGETED, { month: '2024-05' })).unbudgetedSpending).toEqual([]);
  });

  test('is null without income, then income minus the targets', async () => {
    expect((await client.data(LEFT, { month: '2024-03' })).leftToBudget).toBeNull();
    for (const [amount, date] of [
      ['1000.10', '2024-03-01'],
      ['200', '2024-03-31'],
      ['5000', '2024-04-01'],
    ]) {
      await client.data(INCOME, { input: { description: 'Salary', amount, date } });
    }
    expect((await client.data(LEFT, { month: '2024-03' })).leftToBudget).toBe('100.05');
    // Over-budgeted months go negative rather than hiding the gap.
    await fill(client, '2024-03', null, [['Travel', '300.10']]);
    expect((await client.data(LEFT, { month: '2024-03' })).leftToBudget).toBe('-200.05');
    expect((await client.data(LEFT, { month: '2024-04' })).leftToBudget).toBe('5000.00');
  });
});
