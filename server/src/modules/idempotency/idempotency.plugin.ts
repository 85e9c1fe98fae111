import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { RequestContext } from '../../context';
import { AppError, HTTP_STATUS, isDatabaseUnavailable } from '../../errors';
import { log } from '../../log';
import { IDEMPOTENCY_HEADER } from './idempotency.service';

/**
 * Mutations whose answer carries a secret we otherwise keep only hashed (an API token, a TOTP
 * secret, recovery codes): storing the answer for a replay would keep the secret in clear.
 */
const SECRET_ANSWERS = new Set(['createApiToken', 'beginTwoFactorSetup', 'confirmTwoFactorSetup']);

function rootFields(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.flatMap((s) =>
    s.kind === Kind.FIELD ? [s.name.value] : [],
  );
}

function errorResponse(code: string, message: string, field?: string): GraphQLResponse {
  return {
    http: {
      status: HTTP_STATUS[code as keyof typeof HTTP_STATUS] ?? 500,
      headers: new HeaderMap(),
    },
    body: {
      kind: 'single',
      singleResult: { errors: [{ message, extensions: { code, ...(field ? { field } : {}) } }] },
    },
  };
}

/**
 * `Idempotency-Key` on mutations: the first request with a key runs and its successful answer is
 * kept for 24 hours; a repeat of the same request with the same key gets that answer (marked
 * `Idempotent-Replayed: true`) and writes nothing. Runs after the access checks
 * (didResolveOperation), so a refused request never takes a key. Queries ignore the header.
 */
export function idempotencyPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let claimed: number | undefined;
      return {
        async responseForOperation({ operation, request, contextValue }) {
          const key = request.http?.headers.get(IDEMPOTENCY_HEADER.toLowerCase());
          if (operation.operation !== 'mutation' || key === undefined) return null;
          const { caller, services } = contextValue;
          const secret = rootFields(operation).find((name) => SECRET_ANSWERS.has(name));
          try {
            services.idempotency.assertValidKey(key);
            if (!caller) {
              return errorResponse(
                'BAD_USER_INPUT',
                'Idempotency-Key is kept per user: sign in or send an API token with it',
                IDEMPOTENCY_HEADER,
              );
            }
            if (secret) {
              return errorResponse(
                'BAD_USER_INPUT',
                `Idempotency-Key cannot be used with ${secret}: its answer holds a secret that is not kept`,
                IDEMPOTENCY_HEADER,
              );
            }
            const outcome = await services.idempotency.claim(caller.user.id, key, request);
            if (outcome.kind === 'claimed') {
              claimed = outcome.id;
              return null;
            }
            return {
              http: { status: 200, headers: new HeaderMap([['idempotent-replayed', 'true']]) },
              body: { kind: 'single', singleResult: JSON.parse(outcome.response) },
            };
          } catch (error) {
            if (error instanceof AppError)
              return errorResponse(error.code, error.message, error.field);
            if (isDatabaseUnavailable(error)) {
              log('error', 'Idempotency-Key could not be checked', { error });
              return errorResponse(
                'DATABASE_UNAVAILABLE',
                'The database cannot be reached right now; try again shortly',
              );
            }
            log('error', 'Idempotency-Key could not be checked', { error });
            return errorResponse(
              'INTERNAL_SERVER_ERROR',
              'Something went wrong on our side; it has been logged',
            );
          }
        },

        async willSendResponse({ response, contextValue }) {
          if (claimed === undefined) return;
          const id = claimed;
          claimed = undefined;
          const { body } = response;
          const succeeded = body.kind === 'single' && !body.singleResult.errors?.length;
          try {
            if (succeeded) {
              await contextValue.services.idempotency.complete(
                id,
                JSON.stringify({ data: body.singleResult.data }),
              );
            } else {
              await contextValue.services.idempotency.release(id);
            }
          } catch (error) {
            // The key stays taken without an answer: retries get CONFLICT until it counts as
            // abandoned (ABANDONED_AFTER_MS), then run again.
            log('error', 'Idempotency-Key answer could not be kept', { error });
          }
        },
      };
    },
  };
}
