import { currencyDigits } from './currencies';
import { fromMinor } from './money';

/**
 * The currency's symbol as English readers tell it apart: "$", "CA$", "€", "£", "¥"; its code
 * where there is none. `narrow` gives the bare sign ("$" for CA$ too): for a document in one
 * currency only.
 */
export function currencySymbol(currency: string, narrow = false): string {
  try {
    const parts = new Intl.NumberFormat('en', {
      style: 'currency',
      currency,
      currencyDisplay: narrow ? 'narrowSymbol' : 'symbol',
    }).formatToParts(0);
    return parts.find((part) => part.type === 'currency')?.value ?? currency;
  } catch {
    return currency;
  }
}

/** "-1234.5" -> "-1,234.50": grouped on the decimal string itself, never through a float. */
export function groupedDecimal(decimal: string, digits: number): string {
  const negative = decimal.startsWith('-');
  const [whole, fraction = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = digits > 0 ? `.${fraction.padEnd(digits, '0')}` : '';
  return `${negative ? '-' : ''}${grouped}${cents}`;
}

/** An amount for a sentence a person reads (notifications, mails, insights): "-$1,234.50". */
export function moneyText(minor: bigint, currency: string): string {
  const digits = currencyDigits(currency);
  const text = groupedDecimal(fromMinor(minor, digits), digits);
  return text.startsWith('-')
    ? `-${currencySymbol(currency)}${text.slice(1)}`
    : `${currencySymbol(currency)}${text}`;
}
