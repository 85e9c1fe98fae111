import { badInput } from '../../errors';

/** At most six decimals: 0.000001 is a ten-thousandth of a percent, finer than any lender quotes. */
export const RATE_DECIMALS = 6;
const RATE_TEXT = /^(\d+)(?:\.(\d+))?$/;

export interface AnnualRate {
  /** As stored and shown, without trailing zeros: "0.199". */
  text: string;
  num: bigint;
  den: bigint;
}

/** Reads a stored or entered annual rate, a decimal string from 0 to 1 ("0.199" = 19.9 %). */
export function requireAnnualRate(value: unknown, field = 'annualRate'): AnnualRate {
  const text = typeof value === 'string' ? value.trim() : '';
  const match = RATE_TEXT.exec(text);
  if (!match) {
    throw badInput(field, 'Annual rate must be a decimal such as 0.199 (for 19.9 %)');
  }
  const [, whole, fraction = ''] = match;
  if (fraction.length > RATE_DECIMALS) {
    throw badInput(field, `Annual rate must have at most ${RATE_DECIMALS} decimal places`);
  }
  const den = 10n ** BigInt(fraction.length);
  const num = BigInt(whole + fraction);
  if (num > den) throw badInput(field, 'Annual rate must be from 0 to 1 (1 = 100 % a year)');
  const trimmed = fraction.replace(/0+$/, '');
  return {
    text: trimmed ? `${BigInt(whole)}.${trimmed}` : String(BigInt(whole)),
    num,
    den,
  };
}
