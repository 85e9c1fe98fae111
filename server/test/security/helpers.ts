import type { ApiClient, GraphQLResponse } from '../api-client';
import { PASSWORD, signUp, type TestUser } from '../factories';
import type { TestServer } from '../test-server';

export const LOGIN = `mutation($u: String!, $p: String!, $otp: String) {
  login(username: $u, password: $p, otp: $otp) { id }
}`;

export function errorOf(result: GraphQLResponse): {
  message: string;
  extensions?: Record<string, unknown>;
} {
  expect(result.errors).toHaveLength(1);
  return result.errors![0] as { message: string; extensions?: Record<string, unknown> };
}

export const codeOf = (result: GraphQLResponse) => errorOf(result).extensions?.code;

/** A client that sends `Authorization: Bearer <token>` and no cookie. */
export function bearer(server: TestServer, token: string) {
  return async (query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { ...((await response.json()) as GraphQLResponse), status: response.status };
  };
}

export async function createToken(
  client: ApiClient,
  scope: 'READ' | 'WRITE',
  expiresAt?: string,
): Promise<{ token: string; id: string }> {
  const { createApiToken } = await client.data(
    `mutation($scope: TokenScope!, $expiresAt: Date) {
      createApiToken(name: "script", scope: $scope, expiresAt: $expiresAt) { token apiToken { id } }
    }`,
    { scope, expiresAt },
  );
  return { token: createApiToken.token, id: createApiToken.apiToken.id };
}

/** A signed-in user with one expense, one budget, one target and a token. */
export async function userWithData(server: TestServer) {
  const client = server.client();
  const user: TestUser = await signUp(client);
  const expense = (
    await client.data(
      `mutation { addExpense(input: {description: "Rent", amount: "1200", category: "Rent", date: "2024-03-01"}) { id category { id } } }`,
    )
  ).addExpense;
  await client.data('mutation { setMonthlyBudget(month: "2024-03", amount: "3000") { id } }');
  const target = (
    await client.data(
      `mutation { setBudgetCategory(input: {category: "Rent", targetAmount: "1300", targetMonth: "2024-03"}) { id } }`,
    )
  ).setBudgetCategory;
  const token = await createToken(client, 'WRITE');
  return { client, user, expense, target, token, password: PASSWORD };
}
