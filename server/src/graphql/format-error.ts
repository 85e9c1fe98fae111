import {
  GraphQLError,
  Kind,
  parse,
  visit,
  type ASTNode,
  type GraphQLFormattedError,
} from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { AppError, isDatabaseUnavailable } from '../errors';
import { ScalarTypeError } from './scalars';

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
