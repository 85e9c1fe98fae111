/**
 * Money is held as integer minor units. Amounts travel as decimal strings at the API edge and
 * as bigint inside, so that no float ever touches an amount or a sum.
 */

/** An amount together with its currency's minor digits: what the Decimal scalar serialises. */
export class Money {
  constructor(
    readonly minor: bigint,
    readonly digits: number,
  ) {}

  toString(): string {
    return fromMinor(this.minor, this.digits);
  }
}

export function money(minor: bigint | number | string, digits: number): Money {
  return new Money(BigInt(minor), digits);
}

/** Amounts must stay below 10^13 major units (the contract). */
export const MAX_MAJOR_EXCLUSIVE = 10n ** 13n;

export type DecimalParseResult = { ok: true; minor: bigint } | { ok: false; reason: string };

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Reads a decimal written by a person or a script ("150.5", "150.50", "5000") into minor units,
 * exactly as written. Exponents, hex, NaN, Infinity, spaces and thousands separators are refused:
 * accepting them would mean guessing what the writer meant.
 */
export function toMinor(text: string, digits: number): DecimalParseResult {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return { ok: false, reason: 'must be a decimal number such as 150.50' };
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > digits) {
    return {
      ok: false,
      reason:
        digits === 0
          ? 'must be a whole number in this currency'
          : `must have at most ${digits} decimal places`,
    };
  }
  if (BigInt(whole) >= MAX_MAJOR_EXCLUSIVE) {
    return { ok: false, reason: 'must be less than 10000000000000' };
  }
  const scale = 10n ** BigInt(digits);
  const minor = BigInt(whole) * scale + BigInt(fraction.padEnd(digits, '0') || '0');
  return { ok: true, minor: sign === '-' ? -minor : minor };
}

/** Formats minor units as a decimal string with exactly `digits` decimals: 30n, 2 -> "0.30". */
export function fromMinor(minor: bigint, digits: number): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const text = abs.toString().padStart(digits + 1, '0');
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? '' : `.${text.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}
