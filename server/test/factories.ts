import { randomBytes } from 'node:crypto';
import type { ApiClient } from './api-client';

export const PASSWORD = 'correct horse battery';

export interface TestUser {
  id: string;
  username: string;
  email: string;
  currency: string;
}

/** Registers a new user with unique names and signs the client in as them. */
export async function signUp(
  client: ApiClient,
  overrides: { currency?: string } = {},
): Promise<TestUser> {
  const suffix = randomBytes(4).toString('hex');
  const input = {
    firstname: 'Test',
    lastname: `User ${suffix}`,
    email: `user-${suffix}@example.com`,
    username: `user_${suffix}`,
    password: PASSWORD,
    ...overrides,
  };
  const { register } = await client.data<{ register: TestUser }>(
    'mutation($input: RegisterInput!) { register(input: $input) { id username email currency } }',
    { input },
  );
  await client.data(
    'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }',
    {
      u: input.username,
      p: PASSWORD,
    },
  );
  return register;
}

export const ADD_EXPENSE = `mutation($input: ExpenseInput!) {
  addExpense(input: $input) { id description amount date category { id name } }
}`;

export async function addExpense(
  client: ApiClient,
  input: { description?: string; amount: string; category?: string; date: string },
): Promise<{
  id: string;
  description: string;
  amount: string;
  date: string;
  category: { id: string; name: string };
}> {
  const { addExpense: expense } = await client.data(ADD_EXPENSE, {
    input: { description: 'Groceries', category: 'Food', ...input },
  });
  return expense;
}
