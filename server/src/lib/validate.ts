import { badInput } from '../errors';
import { isCommonPassword } from './common-passwords';
import { isCalendarDay, isMonth } from './dates';
import { toMinor } from './money';

// C0 and C1 control characters, NUL included: they have no place in a name or a description
// and break terminals, CSV files and some drivers.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

// A lone UTF-16 surrogate is not a character: UTF-8 cannot encode it, so the drivers would store
// U+FFFD in its place and the text would not come back as it was sent.
const LONE_SURROGATE = /\p{Cs}/u;

/** Length in characters as MySQL's utf8mb4 VARCHAR counts them (code points, not UTF-16 units). */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export function requireText(
  value: unknown,
  field: string,
  label: string,
  maxLength: number,
): string {
  if (typeof value !== 'string') throw badInput(field, `${label} is required`);
  const text = value.trim();
  if (text.length === 0) throw badInput(field, `${label} is required`);
  if (characterCount(text) > maxLength) {
    throw badInput(field, `${label} must be at most ${maxLength} characters`);
  }
  if (CONTROL_CHARACTERS.test(text)) {
    throw badInput(field, `${label} must not contain control characters`);
  }
  if (LONE_SURROGATE.test(text)) {
    throw badInput(field, `${label} must be valid Unicode text`);
  }
  return text;
}

export function requireDay(value: unknown, field: string, label = 'Date'): string {
  if (typeof value !== 'string' || !isCalendarDay(value)) {
    throw badInput(field, `${label} must be a real calendar day as YYYY-MM-DD`);
  }
  return value;
}

export function requireMonth(value: unknown, field: string, label = 'Month'): string {
  if (typeof value !== 'string' || !isMonth(value)) {
    throw badInput(field, `${label} must be a month as YYYY-MM`);
  }
  return value;
}

export type AmountRule = 'positive' | 'non-negative' | 'any';

/**
 * Parses an amount in the caller's currency to minor units. Values beyond 2^53 minor units are
 * refused as well: the drivers hand BIGINT columns back as JavaScript numbers, and an amount must
 * come back exactly as it went in.
 */
export function requireAmount(
  value: unknown,
  field: string,
  label: string,
  digits: number,
  rule: AmountRule,
): bigint {
  if (typeof value !== 'string' || value.trim() === '') {
    throw badInput(field, `${label} is required`);
  }
  const parsed = toMinor(value.trim(), digits);
  if (!parsed.ok) throw badInput(field, `${label} ${parsed.reason}`);
  if (rule === 'positive' && parsed.minor <= 0n) {
    throw badInput(field, `${label} must be greater than 0`);
  }
  if (rule === 'non-negative' && parsed.minor < 0n) {
    throw badInput(field, `${label} must not be negative`);
  }
  if (parsed.minor > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw badInput(field, `${label} is too large`);
  }
  return parsed.minor;
}

/** ASVS 5.0 6.2.1/6.2.4/6.2.9: 8 to 128 characters, not a common one, no composition rules. */
export function requireNewPassword(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw badInput(field, 'Password is required');
  }
  // Checked on the UTF-16 length first, so that a 10 KB password is refused before counting.
  if (value.length > 256 || characterCount(value) > 128) {
    throw badInput(field, 'Password must be at most 128 characters');
  }
  if (characterCount(value) < 8) throw badInput(field, 'Password must be at least 8 characters');
  if (isCommonPassword(value)) throw badInput(field, 'This password is too common; choose another');
  return value;
}
