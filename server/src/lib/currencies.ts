import { data as iso4217 } from 'currency-codes';

/**
 * ISO 4217 active currency codes and their minor-unit digits, from the maintained
 * `currency-codes` package (ISO's "list one"), so that the server and the client read one table.
 */

/**
 * Codes whose ISO minor unit is "N.A." (precious metals, bond-market units, the SDR, the SUCRE,
 * the ADB unit, the testing code and "no currency"). The package records them with 0 digits,
 * which would make them look like spendable currencies; they are not.
 */
export const NO_MINOR_UNIT = new Set([
  'XAG',
  'XAU',
  'XBA',
  'XBB',
  'XBC',
  'XBD',
  'XDR',
  'XPD',
  'XPT',
  'XSU',
  'XTS',
  'XUA',
  'XXX',
]);

/**
 * Codes ISO published after the package's data (currency-codes 2.2.0 follows the list of
 * 2024-06-25): the Caribbean guilder, in use since 2025-03-31. Users may already hold it.
 */
export const PUBLISHED_SINCE_PACKAGE: ReadonlyArray<readonly [string, number]> = [['XCG', 2]];

const DIGITS = new Map<string, number>();
for (const { code, digits } of iso4217) {
  if (!NO_MINOR_UNIT.has(code)) DIGITS.set(code, digits);
}
for (const [code, digits] of PUBLISHED_SINCE_PACKAGE) {
  if (!DIGITS.has(code)) DIGITS.set(code, digits);
}

export const DEFAULT_CURRENCY = 'USD';

export function isCurrencyCode(code: string): boolean {
  return DIGITS.has(code);
}

/** Minor-unit digits of an ISO 4217 code; throws for an unknown code (validate first). */
export function currencyDigits(code: string): number {
  const digits = DIGITS.get(code);
  if (digits === undefined) throw new Error(`Unknown currency ${code}`);
  return digits;
}

export function currencyCodes(): string[] {
  return [...DIGITS.keys()].sort();
}
