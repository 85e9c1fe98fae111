import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { tap } from 'rxjs';
import { chosenLedgerId } from '../features/households/ledger-choice';

export interface ApolloEvents {
  /** The session ended (expired, or logged out elsewhere) while the user was working. */
  onUnauthenticated(): void;
  /** The server could not be reached, or answered with something that is not GraphQL. */
  onConnectionLost(): void;
  /** A request went through: the connection is fine. */
  onConnectionOk(): void;
  /** The chosen ledger answered NOT_FOUND: the user left it or was removed. */
  onLedgerLost?(): void;
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
  {
    uri = '/graphql',
    fetch,
    ledgerId = chosenLedgerId,
  }: { uri?: string; fetch?: typeof globalThis.fetch; ledgerId?: () => string | null } = {},
): ApolloClient {
  const errors = new ErrorLink(({ error, operation }) => {
    if (CombinedGraphQLErrors.is(error)) {
      events.onConnectionOk();
      const expired = error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
      if (expired && !CREDENTIAL_CHECKS.has(operation.operationName ?? '')) {
        events.onUnauthenticated();
      }
      const lost = error.errors.some(
        (e) => e.extensions?.code === 'NOT_FOUND' && e.message === 'Ledger not found',
      );
      if (lost && ledgerId()) events.onLedgerLost?.();
    } else if (isConnectionError(error)) {
      events.onConnectionLost();
    }
  });
  // Any answer at all proves the server is reachable again.
  const reachable = new ApolloLink((operation, forward) =>
    forward(operation).pipe(tap({ next: () => events.onConnectionOk() })),
  );
  // The ledger switcher's choice goes with every operation; an operation's own ledgerId wins.
  const ledger = new ApolloLink((operation, forward) => {
    const id = ledgerId();
    if (id) {
      operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
        headers: { ...headers, 'X-Ledger-Id': id },
      }));
    }
    return forward(operation);
  });
  return new ApolloClient({
    link: ApolloLink.from([
      errors,
      reachable,
      ledger,
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
