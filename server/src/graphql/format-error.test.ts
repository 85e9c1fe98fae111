import { GraphQLError } from 'graphql';
import { AppError } from '../errors';
import { formatGraphQLError } from './format-error';

const formatted = { message: 'original', path: ['addExpense'] };

function resolverError(original: Error): GraphQLError {
  return new GraphQLError(original.message, { path: ['addExpense'], originalError: original });
}

describe('formatGraphQLError', () => {
  test('an AppError keeps its code, field and message', () => {
    const log = jest.fn();
    const error = resolverError(
      new AppError('BAD_USER_INPUT', 'Amount must be greater than 0', 'amount'),
    );
    expect(formatGraphQLError(formatted, error, log)).toEqual({
      message: 'Amount must be greater than 0',
      path: ['addExpense'],
      locations: undefined,
      extensions: { code: 'BAD_USER_INPUT', field: 'amount' },
    });
    expect(log).not.toHaveBeenCalled();
  });

  test('a lost database connection is DATABASE_UNAVAILABLE, with no driver detail', () => {
    const log = jest.fn();
    const cause = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:3306'), {
      code: 'ECONNREFUSED',
    });
    const driverError = Object.assign(new Error('Query failed'), { driverError: cause });
    const result = formatGraphQLError(formatted, resolverError(driverError), log);
    expect(result.extensions).toEqual({ code: 'DATABASE_UNAVAILABLE' });
    expect(result.message).toBe('The database cannot be reached right now; try again shortly');
    expect(JSON.stringify(result)).not.toContain('10.0.0.5');
    expect(log).toHaveBeenCalledWith(driverError);
  });

  test('an unexpected error is logged and answered without SQL or stack', () => {
    const log = jest.fn();
    const failure = new Error("ER_PARSE_ERROR: near 'SELECT * FROM users WHERE id = 1'");
    const result = formatGraphQLError(
      { ...formatted, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } },
      resolverError(failure),
      log,
    );
    expect(result).toEqual({
      message: 'Something went wrong on our side; it has been logged',
      path: ['addExpense'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(log).toHaveBeenCalledWith(failure);
  });

  test('a bad variable names the field it was given for', () => {
    const message =
      'Variable "$input" got invalid value true at "input.amount"; Decimal must be a string or a number';
    const result = formatGraphQLError(
      { message, extensions: { code: 'BAD_USER_INPUT' } },
      new GraphQLError(message),
      jest.fn(),
    );
    expect(result.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'amount' });
  });
});
