import type { ApiClient } from './api-client';
import { addExpense, signUp } from './factories';
import { addDays, today } from '../src/lib/dates';
import { seedPortableRecords } from './export-records';

export const HYPERLINK = '=HYPERLINK("http://evil.example","click")';

export async function createAccount(
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
export async function seedRichUser(
  client: ApiClient,
  readReceipts: (receiptIds: string[]) => Promise<void>,
): Promise<string> {
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
  await seedPortableRecords(client, { card, savings, email: user.email }, readReceipts);
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
