import { CombinedGraphQLErrors } from '@apollo/client/errors';

/** A sentence the user can act on, for any error an operation can end with. */
export function errorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    switch (first?.extensions?.code) {
      case 'DATABASE_UNAVAILABLE':
        return 'The server cannot reach its database right now. Try again in a moment.';
      case 'TOO_MANY_REQUESTS':
      case 'BAD_USER_INPUT':
      case 'UNAUTHENTICATED':
      case 'FORBIDDEN':
      case 'NOT_FOUND':
        return first.message;
      default:
        return first?.message ?? 'Something went wrong. Try again.';
    }
  }
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TypeError' || name === 'ServerError' || name === 'ServerParseError') {
    return 'Cannot reach the server. Check your connection and try again.';
  }
  return 'Something went wrong. Try again.';
}

/**
 * BAD_USER_INPUT errors name the input field (`extensions.field`, e.g. "amount" or
 * "input.amount"); the form shows each message beside its field.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const found: Record<string, string> = {};
  if (!CombinedGraphQLErrors.is(error)) return found;
  for (const e of error.errors) {
    const field = e.extensions?.field;
    if (e.extensions?.code === 'BAD_USER_INPUT' && typeof field === 'string') {
      const name = field.split('.').pop() as string;
      found[name] ??= e.message;
    }
  }
  return found;
}

/** The wait a TOO_MANY_REQUESTS answer asks for, in seconds; null for any other error. */
export function retryAfterSeconds(error: unknown): number | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const limited = error.errors.find((e) => e.extensions?.code === 'TOO_MANY_REQUESTS');
  if (!limited) return null;
  const seconds = Number(limited.extensions?.retryAfterSeconds);
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 60;
}
