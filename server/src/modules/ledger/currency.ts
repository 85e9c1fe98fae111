import { badInput } from '../../errors';
import { isCurrencyCode } from '../../lib/currencies';

/** An ISO 4217 code, upper-cased; anything else is refused naming the field. */
export function requireCurrency(value: unknown, field: string): string {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!isCurrencyCode(code)) {
    throw badInput(field, 'Currency must be an ISO 4217 code such as USD');
  }
  return code;
}
