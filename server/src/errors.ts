/**
 * Domain errors: what services throw, with the contract's codes. They know nothing of GraphQL
 * or HTTP frameworks; graphql/format-error.ts and the form routes turn them into answers.
 */

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
