import { code as isoCurrency } from 'currency-codes';

/**
 * Money in the client: amounts travel as decimal strings ("150.50") exactly as the API gives and
 * takes them. Arithmetic happens on integer minor units (BigInt), never on floats.
 */

/** Mirrors server/src/lib/currencies.ts: ISO published it after the package's data. */
const PUBLISHED_SINCE_PACKAGE: Record<string, number> = { XCG: 2 };

/**
 * How many minor digits a currency has (USD 2, JPY 0, BHD 3, IQD 3), from the same ISO 4217
 * table as the server: the browser's Intl data differs for some (it gives IQD 0 digits).
 */
export function currencyDigits(currency: string): number {
  return isoCurrency(currency)?.digits ?? PUBLISHED_SINCE_PACKAGE[currency] ?? 2;
}

/**
 * "1234.5" in USD -> "$1,234.50". Intl formats the decimal string itself (no float on the way),
 * so 10^12-sized amounts keep every digit.
 */
export function formatMoney(amount: string, currency: string, locale?: string): string {
  const value = amount as unknown as number; // Intl.NumberFormat takes decimal strings exactly.
  const digits = currencyDigits(currency);
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(value);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** Compact form for chart axes: "$1.2K". */
export function formatMoneyShort(amount: number, currency: string, locale?: string): string {
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      notation: 'compact',
      maximumFractionDigits: 1,
    }).format(amount);
  } catch {
    return String(amount);
  }
}

const DECIMAL = /^(\d+)(?:\.(\d*))?$/;
const LIMIT_DIGITS = 13; // the API refuses 10^13 and above

/**
 * Why `text` is not an acceptable amount, or null when it is. Mirrors the API's rules so the form
 * can say so before sending; the API stays the judge.
 */
export function amountProblem(
  text: string,
  currency: string,
  { allowZero = false }: { allowZero?: boolean } = {},
): string | null {
  const value = text.trim();
  if (value === '') return 'Enter an amount';
  const match = DECIMAL.exec(value);
  if (!match) return 'Enter an amount such as 150.50 (digits, with a dot for cents)';
  const digits = currencyDigits(currency);
  const fraction = match[2] ?? '';
  if (fraction.length > digits) {
    return digits === 0
      ? `${currency} amounts have no decimals`
      : `Use at most ${digits} decimal${digits === 1 ? '' : 's'}`;
  }
  if (BigInt(match[1]) >= 10n ** BigInt(LIMIT_DIGITS)) {
    return 'This amount is too large';
  }
  if (!allowZero && toMinor(value, digits) <= 0n) return 'Enter an amount greater than 0';
  return null;
}

/** "150.5" with 2 digits -> 15050n. The text must be a plain decimal (amountProblem is null). */
export function toMinor(amount: string, digits: number): bigint {
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  const minor =
    BigInt(whole || '0') * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  return negative ? -minor : minor;
}

/** 15050n with 2 digits -> "150.50". */
export function fromMinor(minor: bigint, digits: number): string {
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, '0');
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? '' : `.${text.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** What may be spent per day to stay within `left` over `days` days, rounded down to a minor unit. */
export function perDay(left: string, days: number, currency: string): string | null {
  if (days <= 0) return null;
  const digits = currencyDigits(currency);
  const minor = toMinor(left, digits);
  // Round toward negative infinity so an overspent month never shows a friendlier figure.
  const share = minor >= 0n ? minor / BigInt(days) : -((-minor + BigInt(days) - 1n) / BigInt(days));
  return fromMinor(share, digits);
}

/** For chart geometry only (bar heights); labels are always formatted from the strings. */
export function toChartNumber(amount: string | null | undefined): number {
  return amount == null ? 0 : Number(amount);
}

export type ParsedAmount = { ok: true; amount: string } | { ok: false; problem: string };

interface NumberSymbols {
  decimal: string;
  group: string;
}

function numberSymbols(locale?: string): NumberSymbols {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  const decimal = parts.find((part) => part.type === 'decimal')?.value;
  const group = parts.find((part) => part.type === 'group')?.value;
  // Amounts are typed with Latin digits and "." or ","; a locale writing "٫" falls back to ".".
  return decimal === ',' ? { decimal, group: group ?? '.' } : { decimal: '.', group: ',' };
}

/**
 * A canonical amount ("1.234") as the locale writes it in a field ("1,234" in German), so that
 * parseAmount reads it back unchanged: "." would be a thousands separator there.
 */
export function amountForInput(amount: string, locale?: string): string {
  return amount.replace('.', numberSymbols(locale).decimal);
}

/** How the locale writes 150.50, for messages and placeholders ("150,50" in German). */
export function amountExample(locale?: string): string {
  return `150${numberSymbols(locale).decimal}50`;
}

/** The ways a currency may be written next to an amount: its code and its symbols. */
function currencyMarkers(currency: string, locale?: string): string[] {
  const markers = new Set([currency.toUpperCase()]);
  for (const where of [locale, 'en']) {
    for (const currencyDisplay of ['symbol', 'narrowSymbol'] as const) {
      try {
        const symbol = new Intl.NumberFormat(where, {
          style: 'currency',
          currency,
          currencyDisplay,
        })
          .formatToParts(1)
          .find((part) => part.type === 'currency')?.value;
        if (symbol) markers.add(symbol.toUpperCase());
      } catch {
        // An unknown code has no symbol; its code alone is accepted.
      }
    }
  }
  // Longest first, so "US$" is taken whole rather than leaving "US".
  return [...markers].sort((a, b) => b.length - a.length);
}

function stripCurrency(text: string, currency: string, locale?: string): string {
  let rest = text;
  for (const marker of currencyMarkers(currency, locale)) {
    const upper = rest.toUpperCase();
    if (upper.startsWith(marker)) rest = rest.slice(marker.length).trim();
    else if (upper.endsWith(marker)) rest = rest.slice(0, -marker.length).trim();
  }
  return rest;
}

// Spaces (plain, no-break, narrow no-break) and apostrophes only ever group digits.
const SPACE_GROUP = /^[\s\u00a0\u202f'\u2019]$/;
const NUMBER_TEXT = /^[\d.,\s\u00a0\u202f'\u2019]+$/;
const WESTERN_GROUPS = /^\d{1,3}(?:,\d{3})*$/;
const INDIAN_GROUPS = /^\d{1,2}(?:,\d{2})*,\d{3}$/;

/**
 * Reads an amount as people type it ("4,50", "3.000", "$1,234.50", "1 234,50 €", "EUR 12") and
 * gives the canonical decimal string the API takes ("4.50"), or a problem to show.
 *
 * A lone "." or "," is a decimal separator unless exactly three digits follow it. Then it is
 * ambiguous ("3.000": three, or three thousand?) and the locale decides: its group separator
 * groups; its decimal separator is a decimal only where the currency has three minor digits,
 * else the text is refused rather than guessed; a separator the locale does not use groups
 * when the currency cannot have three decimals.
 */
export function parseAmount(
  text: string,
  currency: string,
  { locale, allowZero = false }: { locale?: string; allowZero?: boolean } = {},
): ParsedAmount {
  const refuse = (problem: string): ParsedAmount => ({ ok: false, problem });
  const trimmed = text.trim();
  if (trimmed === '') return refuse('Enter an amount');
  const value = stripCurrency(trimmed, currency, locale);
  if (/^[-\u2212(]|[-\u2212)]$/.test(value)) return refuse('Enter an amount greater than 0');
  if (!NUMBER_TEXT.test(value) || !/\d/.test(value)) {
    return refuse(`Enter an amount such as ${amountExample(locale)}`);
  }
  const tokens = value.match(/\d+|\D/g) ?? [];
  if (tokens.some((token, i) => !/\d/.test(token) && i > 0 && !/\d/.test(tokens[i - 1]))) {
    return refuse(`Enter an amount such as ${amountExample(locale)}`);
  }

  const separators = tokens.flatMap((token, i) => (/\d/.test(token) ? [] : [i]));
  const marks = separators.filter((i) => tokens[i] === '.' || tokens[i] === ',');
  const spaced = separators.some((i) => SPACE_GROUP.test(tokens[i]));
  const digits = currencyDigits(currency);
  const symbols = numberSymbols(locale);

  let decimalAt = -1;
  const last = separators[separators.length - 1];
  const kinds = new Set(marks.map((i) => tokens[i]));
  if (kinds.size === 2) {
    if (SPACE_GROUP.test(tokens[last])) {
      return refuse(`Enter an amount such as ${amountExample(locale)}`);
    }
    decimalAt = last;
  } else if (marks.length === 1 && marks[0] === last) {
    const mark = tokens[last];
    const following = tokens[last + 1] ?? '';
    if (following.length !== 3 || spaced || last === 0) {
      decimalAt = last;
    } else if (mark === symbols.decimal) {
      if (digits < 3) return refuse(ambiguous(value, currency, digits, symbols.decimal));
      decimalAt = last;
    } else if (mark !== symbols.group && digits >= 3) {
      return refuse(ambiguous(value, currency, digits, symbols.decimal));
    }
  }
  if (decimalAt >= 0 && separators.filter((i) => tokens[i] === tokens[decimalAt]).length > 1) {
    return refuse(`Enter an amount such as ${amountExample(locale)}`);
  }

  const wholeTokens = decimalAt >= 0 ? tokens.slice(0, decimalAt) : tokens;
  const fraction = decimalAt >= 0 ? tokens.slice(decimalAt + 1).join('') : '';
  // Grouping is checked on a normalised form: every group separator becomes ",".
  const grouped = wholeTokens.map((token) => (/\d/.test(token) ? token : ',')).join('');
  if (grouped.includes(',') && !WESTERN_GROUPS.test(grouped) && !INDIAN_GROUPS.test(grouped)) {
    return refuse(`Enter an amount such as ${amountExample(locale)}`);
  }
  if (fraction.length > digits) {
    return refuse(
      digits === 0
        ? `${currency} amounts have no decimals`
        : `Use at most ${digits} decimal${digits === 1 ? '' : 's'}`,
    );
  }
  const whole = grouped.replace(/,/g, '').replace(/^0+(?=\d)/, '') || '0';
  if (BigInt(whole) >= 10n ** BigInt(LIMIT_DIGITS)) return refuse('This amount is too large');
  const amount = digits === 0 ? whole : `${whole}.${fraction.padEnd(digits, '0')}`;
  if (!allowZero && toMinor(amount, digits) <= 0n) return refuse('Enter an amount greater than 0');
  return { ok: true, amount };
}

function ambiguous(value: string, currency: string, digits: number, decimal: string): string {
  const whole = value.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
  const decimals =
    digits === 0
      ? `${currency} amounts have no decimals`
      : `for decimals use "${decimal}" and at most ${digits}`;
  return `"${value}" is ambiguous: type ${whole} if you mean ${whole} ${currency}; ${decimals}`;
}
