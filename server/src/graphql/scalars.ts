import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { Money } from '../lib/money';

/**
 * The scalars only check the JSON type here. Whether "150.505" fits the caller's currency, or
 * whether 2024-02-30 is a day, is decided by the services, on the same path the form routes take,
 * so that every refusal is a BAD_USER_INPUT naming its field.
 */
export class ScalarTypeError extends GraphQLError {
  /** `node`: the literal in the document, so that the error can name its field. */
  constructor(message: string, node?: ValueNode) {
    super(message, { nodes: node, extensions: { code: 'BAD_USER_INPUT' } });
  }
}

function textOf(value: unknown, scalar: string, acceptNumbers: boolean): string {
  if (typeof value === 'string') return value;
  if (acceptNumbers && typeof value === 'number') {
    // JSON numbers arrive already parsed; String() gives back the shortest text for that number,
    // which is what was written for any amount of 15 significant digits or fewer.
    return String(value);
  }
  throw new ScalarTypeError(
    `${scalar} must be ${acceptNumbers ? 'a string or a number' : 'a string'}`,
  );
}

function literalText(node: ValueNode, scalar: string, acceptNumbers: boolean): string {
  if (node.kind === Kind.STRING) return node.value;
  if (acceptNumbers && (node.kind === Kind.INT || node.kind === Kind.FLOAT)) return node.value;
  throw new ScalarTypeError(
    `${scalar} must be ${acceptNumbers ? 'a string or a number' : 'a string'}`,
    node,
  );
}

export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description:
    'An amount of money. Output: a string with exactly the currency\'s minor digits ("150.50"). ' +
    'Input: a string ("150.5") or a numeric literal, taken exactly as written; more decimals than ' +
    'the currency has, exponents, NaN, Infinity, empty or non-numeric text, and values at or ' +
    'above 10^13 are refused with BAD_USER_INPUT.',
  serialize(value) {
    if (value instanceof Money) return value.toString();
    throw new GraphQLError('Decimal can only serialise Money values');
  },
  parseValue: (value) => textOf(value, 'Decimal', true),
  parseLiteral: (node) => literalText(node, 'Decimal', true),
});

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar day, "2024-01-15"; 2024-02-30 is refused.',
  serialize(value) {
    if (typeof value === 'string') return value;
    throw new GraphQLError('Date can only serialise strings');
  },
  parseValue: (value) => textOf(value, 'Date', false),
  parseLiteral: (node) => literalText(node, 'Date', false),
});

export const MonthScalar = new GraphQLScalarType({
  name: 'Month',
  description: 'A calendar month, "2024-01" (YYYY-MM, month 01-12).',
  serialize(value) {
    if (typeof value === 'string') return value;
    throw new GraphQLError('Month can only serialise strings');
  },
  parseValue: (value) => textOf(value, 'Month', false),
  parseLiteral: (node) => literalText(node, 'Month', false),
});
