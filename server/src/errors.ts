import {
  GraphQLError,
  Kind,
  parse,
  visit,
  type ASTNode,
  type GraphQLFormattedError,
} from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ScalarTypeError } from './graphql/scalars';

/** The codes of the API contract: every error a client can act on carries one. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'TOO_MANY_REQUESTS'
  | 'DATABASE_UNAVAILABLE'
  /** The same Idempotency-Key is in use by a request still running. */
  | 'CONFLICT';

/** An error a service raises on purpose; its message is safe to show to the caller. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** More for the client to act on, e.g. retryAfterSeconds. */
    readonly details?: Record<string, string | number | boolean>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badInput = (field: string, message: string) =>
  new AppError('BAD_USER_INPUT', message, field);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const unauthenticated = (message = 'You must be logged in') =>
  new AppError('UNAUTHENTICATED', message);

/** HTTP status for plain-HTTP answers (form routes, health) of each code. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TOO_MANY_REQUESTS: 429,
  DATABASE_UNAVAILABLE: 503,
  CONFLICT: 409,
};

// Error codes of mysql2 and Node's sockets that mean "the database is not there right now".
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'POOL_CLOSED',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
  'ER_QUERY_INTERRUPTED',
  'ER_ACCESS_DENIED_ERROR',
  'ER_ACCESS_DENIED_NO_PASSWORD_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
  'HANDSHAKE_SSL_ERROR',
  'HANDSHAKE_NO_SSL_SUPPORT',
  // Ours (db/mysql-driver.ts, db/iam.ts) and mysql2's pool cluster.
  'POOL_ACQUIRE_TIMEOUT',
  'AUTH_TOKEN_UNAVAILABLE',
  'POOL_NONEONLINE',
  'POOL_NOEXIST',
  'SQLITE_BUSY',
  'SQLITE_CANTOPEN',
]);

// mysql2 errors that carry no code: a closed or overloaded pool, a connection already dead.
const CONNECTION_ERROR_MESSAGES = [
  'Pool is closed.',
  'Queue limit reached.',
  "Can't add new command when connection is in closed state",
  "Can't write in closed state",
];

export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) return true;
    const message = (current as { message?: unknown }).message;
    if (typeof message === 'string' && CONNECTION_ERROR_MESSAGES.includes(message)) return true;
    current =
      (current as { driverError?: unknown; cause?: unknown }).driverError ??
      (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Turns whatever a resolver threw into the error a client sees. The one table from codes to
 * GraphQL errors: AppErrors keep their code and field; errors of GraphQL's own validation keep
 * Apollo's code; anything else is logged and answered with a generic message, because Apollo
 * does not hide a stack or SQL text by itself.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: (error: unknown) => void,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) {
    return {
      message: original.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: {
        code: original.code,
        ...(original.field ? { field: original.field } : {}),
        ...original.details,
      },
    };
  }
  if (isDatabaseUnavailable(original)) {
    log(original);
    return {
      message: 'The database cannot be reached right now; try again shortly',
      path: formatted.path,
      extensions: { code: 'DATABASE_UNAVAILABLE' },
    };
  }
  if (
    original instanceof GraphQLError &&
    (WRONG_LITERAL.test(original.message) || original.originalError instanceof ScalarTypeError)
  ) {
    // A literal of the wrong type written into the document (`amount: true`): bad input, like
    // the same value sent as a variable, rather than a malformed document.
    const field =
      fieldAtPosition(original.source?.body, original.positions?.[0]) ??
      fieldFromVariableError(original.message);
    return {
      message: formatted.message,
      locations: formatted.locations,
      extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) },
    };
  }
  const code = formatted.extensions?.code;
  if (
    original instanceof GraphQLError &&
    typeof code === 'string' &&
    code !== 'INTERNAL_SERVER_ERROR'
  ) {
    // Parse, validation and variable errors: the message is GraphQL's own, about the document.
    const field = code === 'BAD_USER_INPUT' ? fieldFromVariableError(formatted.message) : undefined;
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code, ...(field ? { field } : {}) },
    };
  }
  log(original);
  return {
    message: 'Something went wrong on our side; it has been logged',
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** `Variable "$input" got invalid value 1 at "input.amount"; ...` -> "amount". */
function fieldFromVariableError(message: string): string | undefined {
  const at = /at "([^"]+)"/.exec(message);
  if (at)
    return at[1]
      .split('.')
      .pop()
      ?.replace(/\[\d+\]$/, '');
  return /^Variable "\$(\w+)"/.exec(message)?.[1];
}

/** GraphQL's own validation messages for a literal whose value does not fit its type. */
const WRONG_LITERAL = /^(Expected value of type "|(String|Int|Float|Boolean|ID) cannot represent )/;

/** The name of the argument or input field whose value starts at `position` in `document`. */
function fieldAtPosition(
  document: string | undefined,
  position: number | undefined,
): string | undefined {
  if (document === undefined || position === undefined) return undefined;
  let found: string | undefined;
  visit(parse(document, { noLocation: false }), {
    enter(node: ASTNode) {
      if (
        (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) &&
        node.value.loc?.start === position
      ) {
        found = node.name.value;
      }
    },
  });
  return found;
}
