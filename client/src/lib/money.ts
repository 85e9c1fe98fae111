/**
 * Money in the client: amounts travel as decimal strings ("150.50") exactly as the API gives and
 * takes them. Arithmetic happens on integer minor units (BigInt), never on floats.
 */

/** How many minor digits a currency has (USD 2, JPY 0, BHD 3), as the browser's Intl knows it. */
export function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/**
 * "1234.5" in USD -> "$1,234.50". Intl formats the decimal string itself (no float on the way),
 * so 10^12-sized amounts keep every digit.
 */
export function formatMoney(amount: string, currency: string, locale?: string): string {
  const value = amount as unknown as number; // Intl.NumberFormat takes decimal strings exactly.
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value);
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
