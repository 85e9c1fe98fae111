import { DashboardDocument, LoginDocument, MeDocument } from '../graphql/graphql';
import { createApolloClient } from './apollo';

function answering(body: unknown, status = 200): typeof fetch {
  return jest.fn(async () => ({
    ok: status < 400,
    status,
    headers: new Headers({ 'content-type': 'application/json' }),
    text: async () => JSON.stringify(body),
  })) as unknown as typeof fetch;
}

const unauthenticated = {
  data: null,
  errors: [{ message: 'Please log in', extensions: { code: 'UNAUTHENTICATED' } }],
};

function setUp(fetch: typeof globalThis.fetch) {
  const events = {
    onUnauthenticated: jest.fn(),
    onConnectionLost: jest.fn(),
    onConnectionOk: jest.fn(),
  };
  return { events, client: createApolloClient(events, { uri: 'http://test/graphql', fetch }) };
}

test('an expired session on any query sends the user to log in', async () => {
  const { events, client } = setUp(answering(unauthenticated));
  await expect(
    client.query({ query: DashboardDocument, variables: { month: '2024-03' } }),
  ).rejects.toThrow('Please log in');
  expect(events.onUnauthenticated).toHaveBeenCalledTimes(1);
  expect(events.onConnectionLost).not.toHaveBeenCalled();
});

test('a wrong password at login is the form’s business, not an expired session', async () => {
  const { events, client } = setUp(answering(unauthenticated));
  await expect(
    client.mutate({ mutation: LoginDocument, variables: { username: 'a', password: 'b' } }),
  ).rejects.toThrow();
  expect(events.onUnauthenticated).not.toHaveBeenCalled();
});

test('a dropped connection is reported, and the next answer clears it', async () => {
  const failing = jest.fn(async () => {
    throw new TypeError('Failed to fetch');
  }) as unknown as typeof fetch;
  const { events, client } = setUp(failing);
  await expect(
    client.query({ query: DashboardDocument, variables: { month: '2024-03' } }),
  ).rejects.toThrow();
  expect(events.onConnectionLost).toHaveBeenCalledTimes(1);

  const ok = setUp(
    answering({
      data: {
        dashboard: {
          __typename: 'Dashboard',
          month: '2024-03',
          budget: null,
          spent: '0.00',
          savings: null,
          months: [],
          byCategory: [],
          budgetCategories: [],
          recentExpenses: [],
        },
      },
    }),
  );
  await ok.client.query({ query: DashboardDocument, variables: { month: '2024-03' } });
  expect(ok.events.onConnectionOk).toHaveBeenCalled();
  expect(ok.events.onConnectionLost).not.toHaveBeenCalled();
});

test('the ledger switcher’s choice goes out as X-Ledger-Id; none goes out without one', async () => {
  const fetch = answering({ data: { me: null } });
  let chosen: string | null = '42';
  const events = {
    onUnauthenticated: jest.fn(),
    onConnectionLost: jest.fn(),
    onConnectionOk: jest.fn(),
  };
  const client = createApolloClient(events, {
    uri: 'http://test/graphql',
    fetch,
    ledgerId: () => chosen,
  });
  await client.query({ query: MeDocument, fetchPolicy: 'network-only' });
  chosen = null;
  await client.query({ query: MeDocument, fetchPolicy: 'network-only' });
  const headers = (fetch as jest.Mock).mock.calls.map(
    ([, init]) => (init as { headers: Record<string, string> }).headers,
  );
  expect(headers[0]['x-ledger-id']).toBe('42');
  expect(headers[1]).not.toHaveProperty('x-ledger-id');
});

test('a chosen ledger answering "Ledger not found" is reported as lost', async () => {
  const lostAnswer = {
    data: null,
    errors: [{ message: 'Ledger not found', extensions: { code: 'NOT_FOUND' } }],
  };
  const events = {
    onUnauthenticated: jest.fn(),
    onConnectionLost: jest.fn(),
    onConnectionOk: jest.fn(),
    onLedgerLost: jest.fn(),
  };
  const client = createApolloClient(events, {
    uri: 'http://test/graphql',
    fetch: answering(lostAnswer),
    ledgerId: () => '7',
  });
  await expect(client.query({ query: MeDocument })).rejects.toThrow('Ledger not found');
  expect(events.onLedgerLost).toHaveBeenCalledTimes(1);
  expect(events.onUnauthenticated).not.toHaveBeenCalled();
});
