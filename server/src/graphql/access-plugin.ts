import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, visit, type DocumentNode } from 'graphql';
import type { Config } from '../config';
import type { RequestContext } from '../context';

const forbidden = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });

function asksForIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Rules that depend on who is calling, checked once the operation is known and before any
 * resolver runs: a READ token cannot run a mutation, and introspection follows
 * GRAPHQL_INTROSPECTION (signed-in callers only, by default in production).
 */
export function accessPlugin(
  introspection: Config['introspection'],
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          const caller = contextValue.caller;
          if (
            operation?.operation === 'mutation' &&
            caller?.kind === 'token' &&
            caller.token.scope === 'READ'
          ) {
            throw forbidden('This API token can only read; writing needs a WRITE token');
          }
          if (introspection !== 'on' && asksForIntrospection(document)) {
            if (introspection === 'off' || !caller) {
              throw forbidden('Introspection is not available to this caller');
            }
          }
        },
      };
    },
  };
}
