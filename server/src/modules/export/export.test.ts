import { unzipSync } from 'fflate';
import { describeEachDatabase } from '../../../test/test-server';
import type { ApiClient } from '../../../test/api-client';
import { addExpense, signUp } from '../../../test/factories';
import { createToken } from '../../../test/uploads';
import { download, exportJson, normalise, readCsv, restore } from '../../../test/exports';
import { addDays, today } from '../../lib/dates';

const HYPERLINK = '=HYPERLINK("http://evil.example","click")';

async function createAccount(
  client: ApiClient,
  input: { name: string; type: string; currency: string; openingBalance?: string },
): Promise<string> {
  const { createAccount: account } = await client.data<{ createAccount: { id: string } }>(
    'mutation($input: AccountInput!) { createAccount(input: $input) { id } }',
    { input },
  );
  return account.id;
}

/**
 * A user with something of every kind: accounts in two currencies (one archived, one below
 * zero), expenses, income, transfers across currencies, a hidden category and a renamed one,
 * budgets with targets, carry-over on, and exchange rates.
 */
async function seedRichUser(client: ApiClient): Promise<string> {
  const user = await signUp(client, { currency: 'EUR' });
  const card = await createAccount(client, {
    name: 'Travel card',
    type: 'CREDIT_CARD',
    currency: 'USD',
    openingBalance: '-12.50',
  });
  const savings = await createAccount(client, {
    name: 'Savings',
    type: 'SAVINGS',
    currency: 'EUR',
    openingBalance: '1000.00',
  });
  const wallet = await createAccount(client, { name: 'Old wallet', type: 'CASH', currency: 'EUR' });
  for (const [date, rate] of [
    ['2024-01-01', '0.91'],
    ['2024-02-01', '0.9234'],
  ]) {
    await client.data(
      'mutation($input: ExchangeRateInput!) { setExchangeRate(input: $input) { rate } }',
      { input: { from: 'USD', to: 'EUR', date, rate } },
    );
  }
  await addExpense(client, { description: HYPERLINK, amount: '12.50', date: '2024-01-10' });
  await addExpense(client, {
    description: 'Coffee in New York',
    amount: '7.35',
    category: 'Eating out',
    date: '2024-02-03',
  });
  await client.data('mutation($input: ExpenseInput!) { addExpense(input: $input) { id } }', {
    input: {
      description: 'Hotel',
      amount: '240.99',
      category: 'Travel',
      date: '2024-02-04',
      accountId: card,
    },
  });
  await client.data('mutation($input: IncomeInput!) { addIncome(input: $input) { id } }', {
    input: { description: 'Salary', amount: '3200.00', category: 'Salary', date: '2024-01-31' },
  });
  await client.data('mutation($input: IncomeInput!) { addIncome(input: $input) { id } }', {
    input: { description: '+interest', amount: '1.07', date: '2024-02-01', accountId: savings },
  });
  await client.data('mutation($input: TransferInput!) { addTransfer(input: $input) { id } }', {
    input: {
      fromAccountId: savings,
      toAccountId: card,
      amount: '200.00',
      toAmount: '216.40',
      date: '2024-02-05',
      description: 'Pay the card',
    },
  });
  await client.data('mutation($input: TransferInput!) { addTransfer(input: $input) { id } }', {
    input: { fromAccountId: savings, toAccountId: wallet, amount: '50.00', date: '2024-01-15' },
  });
  await addExpense(client, {
    description: 'Bus',
    amount: '2.40',
    category: 'Transport',
    date: '2024-01-16',
    ...({ accountId: wallet } as object),
  } as never);
  await client.data('mutation($id: ID!) { archiveAccount(id: $id) { id } }', { id: wallet });
  const { categories } = await client.data<{ categories: { id: string; name: string }[] }>(
    '{ categories { id name } }',
  );
  const idOf = (name: string) => categories.find((c) => c.name === name)?.id;
  await client.data('mutation($id: ID!) { hideCategory(id: $id, hidden: true) { id } }', {
    id: idOf('KidToys'),
  });
  await client.data('mutation($id: ID!) { renameCategory(id: $id, name: "Groceries") { id } }', {
    id: idOf('Food'),
  });
  await client.data('mutation { setMonthlyBudget(month: "2024-01", amount: "2500.00") { id } }');
  await client.data('mutation { setMonthlyBudget(month: "2024-02", amount: "2600.50") { id } }');
  for (const [category, month, amount] of [
    ['Groceries', '2024-01', '400.00'],
    ['Travel', '2024-02', '500.00'],
  ]) {
    await client.data(
      'mutation($input: BudgetCategoryInput!) { setBudgetCategory(input: $input) { id } }',
      { input: { category, targetMonth: month, targetAmount: amount } },
    );
  }
  await client.data('mutation { setBudgetCarryOver(enabled: true) { carryOver } }');
  await seedLaterFeatures(client, { card, savings });
  return user.id;
}

/**
 * The records of the features that came after the export: settings, a category rule, recurring
 * rules (one with a handled date), a dismissed suggestion, goals with contributions and a linked
 * account, and debts (one entered by hand, one following the card).
 */
async function seedLaterFeatures(client: ApiClient, { card, savings }: Record<string, string>) {
  await client.data(
    'mutation($input: UserSettingsInput!) { updateUserSettings(input: $input) { timeZone } }',
    { input: { timeZone: 'Europe/Berlin', remindersEnabled: true, reminderDaysBefore: 5 } },
  );
  await client.data(
    'mutation($input: CategoryRuleInput!) { createCategoryRule(input: $input) { id } }',
    { input: { match: 'uber', category: 'Transport', accountId: card, minAmount: '5.00' } },
  );
  const RULE =
    'mutation($input: RecurringRuleInput!) { createRecurringRule(input: $input) { id } }';
  const { createRecurringRule: gym } = await client.data(RULE, {
    input: {
      name: 'Gym',
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=1',
      startDate: '2024-01-01',
      mode: 'EXPECT',
      kind: 'EXPENSE',
      amount: '29.99',
      category: 'Sport',
      payee: 'Gym Co',
    },
  });
  await client.data(
    'mutation($id: ID!) { skipRecurringOccurrence(ruleId: $id, date: "2024-01-01") { id } }',
    { id: gym.id },
  );
  await client.data(RULE, {
    input: {
      name: 'Save',
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=15',
      startDate: '2099-01-15',
      mode: 'AUTO',
      kind: 'TRANSFER',
      amount: '100.00',
      toAccountId: savings,
    },
  });
  // A weekly series up to this week, found by detection and dismissed.
  for (const week of [3, 2, 1, 0]) {
    await addExpense(client, {
      description: 'Veg box',
      amount: '25.00',
      date: addDays(today(), -7 * week - 1),
    });
  }
  const { detectRecurringSuggestions: found } = await client.data(
    'mutation { detectRecurringSuggestions { id payee } }',
  );
  expect(found).toHaveLength(1);
  await client.data('mutation($id: ID!) { dismissRecurringSuggestion(id: $id) }', {
    id: found[0].id,
  });
  const GOAL = 'mutation($input: GoalInput!) { createGoal(input: $input) { id } }';
  const { createGoal: bike } = await client.data(GOAL, {
    input: {
      name: 'Bike',
      targetAmount: '1500.00',
      targetDate: '2099-06-30',
      accountIds: [savings],
    },
  });
  for (const [amount, date] of [
    ['100.00', '2024-01-20'],
    ['55.55', '2024-02-20'],
  ]) {
    await client.data(
      'mutation($id: ID!, $amount: Decimal!, $date: Date!) { contributeToGoal(id: $id, amount: $amount, date: $date, note: "birthday") { id } }',
      { id: bike.id, amount, date },
    );
  }
  await client.data(GOAL, { input: { name: 'Trip', targetAmount: '3000', currency: 'USD' } });
  await client.data('mutation($input: DebtInput!) { createDebt(input: $input) { id } }', {
    input: { name: 'Car loan', balance: '8000.00', annualRate: '0.049', minimumPayment: '250.00' },
  });
  await client.data(
    'mutation($input: AccountDebtInput!) { createAccountDebt(input: $input) { id } }',
    { input: { accountId: card, annualRate: '0.199', minimumPayment: '25.00' } },
  );
}

const ACCOUNTS = '{ accounts { name type currency openingBalance balance archived } }';

describeEachDatabase('export and restore', (server) => {
  let source: ApiClient;
  let sourceUserId: string;
  let document: Record<string, any>;

  beforeAll(async () => {
    source = server().client();
    sourceUserId = await seedRichUser(source);
    document = await exportJson(source);
  });

  it('exports every kind of record as a versioned document, money as decimal strings', () => {
    expect(document.format).toBe('finance-export');
    expect(document.version).toBe(1);
    expect(document.user.currency).toBe('EUR');
    expect(document.accounts.map((a: { name: string }) => a.name)).toEqual([
      'Main account',
      'Travel card',
      'Savings',
      'Old wallet',
    ]);
    expect(document.accounts[1]).toMatchObject({ currency: 'USD', openingBalance: '-12.50' });
    expect(document.accounts[3].archived).toBe(true);
    expect(document.transactions).toHaveLength(12);
    const hotel = document.transactions.find(
      (t: { description: string }) => t.description === 'Hotel',
    );
    // 240.99 USD at 0.9234 = 222.530166 EUR, booked as 222.53.
    expect(hotel).toMatchObject({
      kind: 'EXPENSE',
      amount: '240.99',
      currency: 'USD',
      accountAmount: '240.99',
      reportingAmount: '222.53',
      rate: '0.9234',
      rateDate: '2024-02-01',
      category: 'Travel',
    });
    const transfer = document.transactions.find(
      (t: { description: string }) => t.description === 'Pay the card',
    );
    expect(transfer).toMatchObject({ kind: 'TRANSFER', amount: '200.00', toAmount: '216.40' });
    expect(transfer.toAccount).toBe(document.accounts[1].id);
    expect(document.categories).toContainEqual({ name: 'KidToys', hidden: true });
    expect(document.categories).toContainEqual({ name: 'Groceries', hidden: false });
    expect(document.categoryAliases).toEqual([{ name: 'food', category: 'Groceries' }]);
    expect(document.budgets).toEqual([
      { month: '2024-01', amount: '2500.00' },
      { month: '2024-02', amount: '2600.50' },
    ]);
    expect(document.budgetTargets).toEqual([
      { category: 'Groceries', month: '2024-01', amount: '400.00' },
      { category: 'Travel', month: '2024-02', amount: '500.00' },
    ]);
    expect(document.budgetSettings).toEqual({ carryOver: true });
    expect(document.settings).toEqual({
      timeZone: 'Europe/Berlin',
      remindersEnabled: true,
      reminderDaysBefore: 5,
    });
    expect(document.categoryRules).toEqual([
      {
        match: 'uber',
        category: 'Transport',
        account: document.accounts[1].id,
        currency: 'USD',
        minAmount: '5.00',
        maxAmount: null,
      },
    ]);
    const [gym, save] = document.recurringRules;
    expect(gym).toMatchObject({ name: 'Gym', amount: '29.99', currency: 'EUR', mode: 'EXPECT' });
    expect(gym.handled).toEqual([{ date: '2024-01-01', status: 'SKIPPED', transaction: null }]);
    expect(gym.nextDate).toBe('2024-02-01');
    expect(save).toMatchObject({
      kind: 'TRANSFER',
      toAccount: document.accounts[2].id,
      nextDate: '2099-01-15',
    });
    expect(document.dismissedRecurringSuggestions).toEqual([
      expect.objectContaining({ cadence: 'WEEKLY', amount: '25.00', currency: 'EUR' }),
    ]);
    expect(document.goals).toEqual([
      {
        name: 'Bike',
        currency: 'EUR',
        targetAmount: '1500.00',
        targetDate: '2099-06-30',
        milestoneReached: 50,
        accounts: [document.accounts[2].id],
        contributions: [
          { date: '2024-01-20', amount: '100.00', note: 'birthday' },
          { date: '2024-02-20', amount: '55.55', note: 'birthday' },
        ],
      },
      expect.objectContaining({ name: 'Trip', currency: 'USD', targetAmount: '3000.00' }),
    ]);
    expect(document.debts).toEqual([
      {
        name: 'Car loan',
        account: null,
        currency: 'EUR',
        balance: '8000.00',
        annualRate: '0.049',
        minimumPayment: '250.00',
      },
      {
        name: 'Travel card',
        account: document.accounts[1].id,
        currency: 'USD',
        balance: null,
        annualRate: '0.199',
        minimumPayment: '25.00',
      },
    ]);
    expect(document.exchangeRates).toEqual([
      { from: 'USD', to: 'EUR', date: '2024-01-01', rate: '0.91', source: 'MANUAL' },
      { from: 'USD', to: 'EUR', date: '2024-02-01', rate: '0.9234', source: 'MANUAL' },
    ]);
  });

  it('restores into a new user: exporting again gives the same document apart from ids and timestamps', async () => {
    const target = server().client();
    await signUp(target, { currency: 'USD' });
    const answer = await restore(target, document);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.importLedger).toMatchObject({
      status: 'DONE',
      failed: 0,
      skippedDuplicates: 0,
      progress: 1,
    });
    const again = await exportJson(target);
    expect(again.user.currency).toBe('EUR');
    expect(normalise(again)).toEqual(normalise(document));
    // The month totals were written with the rows: the balances agree.
    expect((await target.data(ACCOUNTS)).accounts).toEqual((await source.data(ACCOUNTS)).accounts);
    const { me } = await target.data('{ me { currency } }');
    expect(me.currency).toBe('EUR');
    // The old name of a renamed category still resolves after the restore.
    const written = await addExpense(target, {
      amount: '1.00',
      category: 'food',
      date: '2024-03-01',
    });
    expect(written.category.name).toBe('Groceries');
    // The dismissed series stays dismissed; the handled date of the rule stays handled.
    const { detectRecurringSuggestions: suggested } = await target.data(
      'mutation { detectRecurringSuggestions { id } }',
    );
    expect(suggested).toEqual([]);
    const { recurringRules } = await target.data('{ recurringRules { name nextDate } }');
    expect(recurringRules).toContainEqual({ name: 'Gym', nextDate: '2024-02-01' });
    const { userSettings } = await target.data('{ userSettings { timeZone calendarFeedActive } }');
    expect(userSettings).toEqual({ timeZone: 'Europe/Berlin', calendarFeedActive: false });
  });

  it('refuses a ledger that is not empty, and writes nothing', async () => {
    const target = server().client();
    await signUp(target, { currency: 'EUR' });
    await addExpense(target, { description: 'Mine', amount: '3.00', date: '2024-05-01' });
    const before = await exportJson(target);
    const answer = await restore(target, document);
    expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0].message).toMatch(/not empty: it already holds accounts/);
    expect(normalise(await exportJson(target))).toEqual(normalise(before));
  });

  describe('a corrupted document is refused, naming what is wrong, and nothing is written', () => {
    let target: ApiClient;
    let pristine: Record<string, any>;

    beforeAll(async () => {
      target = server().client();
      await signUp(target, { currency: 'USD' });
      pristine = normalise(await exportJson(target));
    });

    afterEach(async () => {
      expect(normalise(await exportJson(target))).toEqual(pristine);
      expect((await target.data('{ me { currency } }')).me.currency).toBe('USD');
    });

    const broken = (change: (copy: Record<string, any>) => void) => {
      const copy = structuredClone(document);
      change(copy);
      return copy;
    };

    it('a version this server does not read', async () => {
      const answer = await restore(
        target,
        broken((d) => (d.version = 2)),
      );
      expect(answer.errors?.[0].message).toMatch(/version: 2 is not a version this server reads/);
    });

    it('a transaction pointing to a missing account', async () => {
      const answer = await restore(
        target,
        broken((d) => (d.transactions[5].account = '999999')),
      );
      const id = document.transactions[5].id;
      expect(answer.errors?.[0].message).toContain(
        `transactions[5] (id ${id}).account: names the account "999999"`,
      );
    });

    it('a bad amount, late in the document (after the currency and accounts were written)', async () => {
      const answer = await restore(
        target,
        broken((d) => (d.budgetTargets[1].amount = '12.505')),
      );
      expect(answer.errors?.[0].message).toBe(
        'The export cannot be restored: budgetTargets[1].amount: Target amount must have at most 2 decimal places',
      );
    });

    it('a transaction amount the write path refuses', async () => {
      const answer = await restore(
        target,
        broken((d) => (d.transactions[2].amount = 'ten')),
      );
      expect(answer.errors?.[0].message).toMatch(
        /transactions\[2\] \(id \d+\)\.amount: Amount must be a decimal/,
      );
    });

    it('a booked conversion that contradicts its currencies', async () => {
      const index = document.transactions.findIndex(
        (t: { description: string }) => t.description === 'Coffee in New York',
      );
      const answer = await restore(
        target,
        broken((d) => (d.transactions[index].reportingAmount = '7.36')),
      );
      expect(answer.errors?.[0].message).toContain(
        `transactions[${index}] (id ${document.transactions[index].id}).reportingAmount: In the reporting currency`,
      );
    });

    it('a section this server does not know', async () => {
      const answer = await restore(
        target,
        broken((d) => (d.investments = [])),
      );
      expect(answer.errors?.[0].message).toMatch(/investments: is not a section this server knows/);
    });
  });

  it('writes a zip of one CSV per kind, neutralising formulas in text cells only', async () => {
    const answer = await download(source, 'csv');
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('application/zip');
    expect(answer.disposition).toMatch(
      /^attachment; filename="finance-export-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    const files = unzipSync(new Uint8Array(answer.body));
    expect(Object.keys(files).sort()).toEqual(
      [
        'accounts.csv',
        'budgetCarryOvers.csv',
        'budgetSettings.csv',
        'budgetTargets.csv',
        'budgets.csv',
        'categories.csv',
        'categoryAliases.csv',
        'categoryRules.csv',
        'debts.csv',
        'dismissedRecurringSuggestions.csv',
        'goals.csv',
        'recurringRules.csv',
        'settings.csv',
        'exchangeRates.csv',
        'ledger.csv',
        'transactions.csv',
        'user.csv',
      ].sort(),
    );
    const csv = (name: string) =>
      readCsv(
        Buffer.from(files[name])
          .toString('utf8')
          .replace(/^\uFEFF/, ''),
      );
    const transactions = csv('transactions.csv');
    expect(transactions[0]).toEqual([
      'id',
      'date',
      'kind',
      'description',
      'payee',
      'category',
      'account',
      'amount',
      'currency',
      'accountAmount',
      'toAccount',
      'toAmount',
      'reportingAmount',
      'rate',
      'rateDate',
      'rateSource',
    ]);
    const row = transactions.find((r) => r[3].includes('HYPERLINK')) as string[];
    expect(row[3]).toBe(`'${HYPERLINK}`);
    expect(row[7]).toBe('-12.50');
    const raw = Buffer.from(files['transactions.csv']).toString('utf8');
    // The amount is written bare, so that a spreadsheet reads a number.
    expect(raw).toMatch(/,-12\.50,EUR,12\.50,/);
    const interest = transactions.find((r) => r[3].includes('interest')) as string[];
    expect(interest[3]).toBe("'+interest");
    expect(interest[7]).toBe('1.07');
    const accounts = csv('accounts.csv');
    expect(accounts[0]).toEqual(['id', 'name', 'type', 'currency', 'openingBalance', 'archived']);
    expect(accounts[2]).toEqual([
      document.accounts[1].id,
      'Travel card',
      'CREDIT_CARD',
      'USD',
      '-12.50',
      'false',
    ]);
    expect(csv('budgetTargets.csv')).toEqual([
      ['category', 'month', 'amount'],
      ['Groceries', '2024-01', '400.00'],
      ['Travel', '2024-02', '500.00'],
    ]);
    expect(csv('categories.csv')).toContainEqual(['KidToys', 'true']);
  });

  it('answers 401 without a session or token, and a READ token may export', async () => {
    for (const format of ['json', 'csv'] as const) {
      const answer = await download(source, format, { anonymous: true });
      expect(answer.status).toBe(401);
    }
    const token = await createToken(source, 'READ');
    const answer = await download(source, 'json', { bearer: token });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString('utf8')).transactions).toHaveLength(12);
  });

  it("never shows another user's data", async () => {
    const other = server().client();
    await signUp(other);
    const own = await exportJson(other);
    expect(JSON.stringify(own)).not.toContain('Travel card');
    expect(own.transactions).toEqual([]);
    const [ledger] = (await server().dataSource.query(
      'SELECT id FROM ledgers WHERE personalUserId = ?',
      [Number(sourceUserId)],
    )) as { id: number }[];
    const foreign = await download(other, 'json', { query: `&ledgerId=${ledger.id}` });
    expect(foreign.status).toBe(404);
    // An upload of another user cannot be restored either.
    const answer = await restore(other, document);
    expect(answer.errors).toBeUndefined();
    const stolen = await other.gql(
      'mutation($id: ID!) { importLedger(uploadId: $id) { imported } }',
      { id: answer.data?.importLedger.importId },
    );
    const third = server().client();
    await signUp(third);
    const refused = await third.gql(
      'mutation($id: ID!) { importLedger(uploadId: $id) { imported } }',
      { id: answer.data?.importLedger.importId },
    );
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(stolen.errors?.[0].message).toMatch(/not empty/);
  });
});
