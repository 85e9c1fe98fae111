import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { tap } from 'rxjs';

export interface ApolloEvents {
  /** The session ended (expired, or logged out elsewhere) while the user was working. */
  onUnauthenticated(): void;
  /** The server could not be reached, or answered with something that is not GraphQL. */
  onConnectionLost(): void;
  /** A request went through: the connection is fine. */
  onConnectionOk(): void;
}

/**
 * Operations whose UNAUTHENTICATED answer is the expected outcome of what the user typed (a wrong
 * password), not an expired session.
 */
const CREDENTIAL_CHECKS = new Set(['Login', 'ChangePassword', 'Register', 'ResetPassword']);

export function isConnectionError(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) return false;
  const name = (error as { name?: string } | null)?.name;
  return name === 'TypeError' || name === 'ServerError' || name === 'ServerParseError';
}

export function createApolloClient(
  events: ApolloEvents,
  { uri = '/graphql', fetch }: { uri?: string; fetch?: typeof globalThis.fetch } = {},
): ApolloClient {
  const errors = new ErrorLink(({ error, operation }) => {
    if (CombinedGraphQLErrors.is(error)) {
      events.onConnectionOk();
      const expired = error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
      if (expired && !CREDENTIAL_CHECKS.has(operation.operationName ?? '')) {
        events.onUnauthenticated();
      }
    } else if (isConnectionError(error)) {
      events.onConnectionLost();
    }
  });
  // Any answer at all proves the server is reachable again.
  const reachable = new ApolloLink((operation, forward) =>
    forward(operation).pipe(tap({ next: () => events.onConnectionOk() })),
  );
  return new ApolloClient({
    link: ApolloLink.from([
      errors,
      reachable,
      new HttpLink({ uri, credentials: 'same-origin', fetch }),
    ]),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            // Each filter (and page size) is its own list; "Load more" appends the next page to it.
            expenses: {
              keyArgs: ['filter', 'first'],
              merge(existing, incoming, { args }) {
                if (!args?.after || !existing) return incoming;
                return { ...incoming, nodes: [...existing.nodes, ...incoming.nodes] };
              },
            },
            transactions: {
              keyArgs: ['filter', 'first'],
              merge(existing, incoming, { args }) {
                if (!args?.after || !existing) return incoming;
                return { ...incoming, nodes: [...existing.nodes, ...incoming.nodes] };
              },
            },
            trades: {
              keyArgs: ['accountId', 'symbol', 'first'],
              merge(existing, incoming, { args }) {
                if (!args?.after || !existing) return incoming;
                return { ...incoming, nodes: [...existing.nodes, ...incoming.nodes] };
              },
            },
          },
        },
        Dashboard: { keyFields: ['month'] },
      },
    }),
  });
}
