import { badInput } from '../../errors';
import { roundHalfEven } from '../../lib/exchange';

/**
 * Quantities are integers of 1e-8 units (8 decimals, as brokers and crypto exchanges quote);
 * prices an integer with its own scale (decimals as written, up to 10), so that "0.0000123"
 * and "4215.5" are both kept exactly. Both stay below 2^53 so that the drivers return them exact.
 */
export const QUANTITY_DECIMALS = 8;
export const QUANTITY_SCALE = 10n ** 8n;
export const PRICE_DECIMALS_MAX = 10;

export interface Price {
  units: bigint;
  scale: number;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

function parseDecimal(value: unknown, field: string, label: string, maxDecimals: number) {
  if (typeof value !== 'string' || value.trim() === '')
    throw badInput(field, `${label} is required`);
  const text = value.trim();
  if (text.startsWith('-')) throw badInput(field, `${label} must not be negative`);
  const match = DECIMAL.exec(text);
  if (!match) throw badInput(field, `${label} must be a decimal number such as 12.5`);
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > maxDecimals) {
    throw badInput(field, `${label} must have at most ${maxDecimals} decimal places`);
  }
  const units = BigInt(match[1] + fraction);
  if (units > BigInt(Number.MAX_SAFE_INTEGER)) throw badInput(field, `${label} is too large`);
  if (units === 0n) throw badInput(field, `${label} must be greater than 0`);
  return { units, decimals: fraction.length };
}

/** A positive quantity of at most 8 decimals, in 1e-8 units. */
export function requireQuantity(value: unknown, field = 'quantity'): bigint {
  const { units, decimals } = parseDecimal(value, field, 'Quantity', QUANTITY_DECIMALS);
  const scaled = units * 10n ** BigInt(QUANTITY_DECIMALS - decimals);
  if (scaled > BigInt(Number.MAX_SAFE_INTEGER)) throw badInput(field, 'Quantity is too large');
  return scaled;
}

/** A positive price of at most 10 decimals, kept as written (trailing zeros dropped). */
export function requirePrice(value: unknown, field = 'price'): Price {
  const { units, decimals } = parseDecimal(value, field, 'Price', PRICE_DECIMALS_MAX);
  return { units, scale: decimals };
}

export function quantityToString(units: bigint): string {
  return trim(fixed(units, QUANTITY_DECIMALS));
}

export function priceToString(price: Price): string {
  return fixed(price.units, price.scale);
}

function fixed(units: bigint, decimals: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return negative ? `-${text}` : text;
}

function trim(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/**
 * quantity x price in minor units of a currency with `digits`, rounded once, half to even: the
 * one rounding of a trade's or a holding's value.
 */
export function valueMinor(quantity: bigint, price: Price, digits: number): bigint {
  return roundHalfEven(
    quantity * price.units * 10n ** BigInt(digits),
    QUANTITY_SCALE * 10n ** BigInt(price.scale),
  );
}

export interface SplitRatio {
  num: bigint;
  den: bigint;
}

/** "2" (two for one), "3:2" (three for two) or "1:10" (a reverse split); 0 on either side refused. */
export function requireRatio(value: unknown, field = 'ratio'): SplitRatio {
  const text = typeof value === 'string' ? value.trim() : '';
  const match = /^(\d{1,6})(?:\s*[:/]\s*(\d{1,6}))?$/.exec(text);
  if (!match) throw badInput(field, 'Ratio must be like "2" or "3:2" (new shares : old shares)');
  const num = BigInt(match[1]);
  const den = BigInt(match[2] ?? '1');
  if (num === 0n || den === 0n) throw badInput(field, 'Ratio must not be 0');
  if (num === den) throw badInput(field, 'A ratio of 1 changes nothing');
  return { num, den };
}
