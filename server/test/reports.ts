import type { ApiClient } from './api-client';
import { signUp } from './factories';

const ACCOUNT = 'mutation($input: AccountInput!) { createAccount(input: $input) { id } }';

/** Spending that spans months, categories, payees and two accounts, in euros. */
export async function seedLedger(client: ApiClient) {
  await signUp(client, { currency: 'EUR' });
  const cash = (
    await client.data(ACCOUNT, { input: { name: 'Cash', type: 'CASH', currency: 'EUR' } })
  ).createAccount.id as string;
  const card = (
    await client.data(ACCOUNT, { input: { name: 'Card', type: 'CREDIT_CARD', currency: 'EUR' } })
  ).createAccount.id as string;
  const add = (amount: string, date: string, category: string, payee: string, accountId: string) =>
    client.data(`mutation($input: ExpenseInput!) { addExpense(input: $input) { id } }`, {
      input: { description: payee, amount, date, category, accountId },
    });
  await add('1200.50', '2025-01-05', 'Rent', 'Landlord', card);
  await add('10.25', '2025-01-07', 'Food', 'Bakery', cash);
  await add('20.10', '2025-02-03', 'Food', '=HYPERLINK("x")', cash);
  await add('5.05', '2025-02-20', 'Food', 'Bakery', card);
  // Outside the period: must not count.
  await add('999', '2025-03-01', 'Food', 'Bakery', cash);
  return { cash, card };
}

export const PERIOD = { from: '2025-01-01', to: '2025-02-28' };

/** GET /api/reports/export with the client's session: the file's bytes. */
export async function downloadReport(
  client: ApiClient,
  format: 'pdf' | 'csv' | 'xlsx',
  params: Record<string, string>,
): Promise<Buffer> {
  const response = await fetch(
    `${client.url}/api/reports/export?${new URLSearchParams({ format, ...params })}`,
    { headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } },
  );
  if (response.status !== 200) {
    throw new Error(`The export answered ${response.status}: ${await response.text()}`);
  }
  return Buffer.from(await response.arrayBuffer());
}
