import { fromMinor, toMinor } from '../../lib/money';

/** The API's limit: a rate from 0 to 1 with at most 6 decimals, i.e. a percent with at most 4. */
const PERCENT_DECIMALS = 4;
const PERCENT_TEXT = /^(\d+)(?:\.(\d+))?$/;

/** Why `text` is not a percent the API takes, or null when it is. */
export function percentProblem(text: string): string | null {
  const value = text.trim().replace(/\s*%$/, '');
  if (value === '') return 'Enter the annual rate, such as 19.9';
  const match = PERCENT_TEXT.exec(value);
  if (!match) return 'Enter a percent such as 19.9';
  if ((match[2] ?? '').length > PERCENT_DECIMALS) {
    return `Use at most ${PERCENT_DECIMALS} decimals`;
  }
  if (toMinor(value, PERCENT_DECIMALS) > 100n * 10n ** BigInt(PERCENT_DECIMALS)) {
    return 'Enter a rate from 0 to 100 %';
  }
  return null;
}

/** "19.9" (percent, as typed) -> "0.199" (the API's annual rate), exactly, by moving the point. */
export function percentToRate(text: string): string {
  const value = text.trim().replace(/\s*%$/, '');
  const [whole, fraction = ''] = value.split('.');
  const rate = fromMinor(BigInt(whole + fraction), fraction.length + 2);
  return rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate;
}

/** "0.199" -> "19.9": the API's rate as a percent, for display and for editing. */
export function rateToPercent(rate: string): string {
  const fraction = rate.split('.')[1] ?? '';
  const scaled = toMinor(rate, fraction.length);
  const text =
    fraction.length >= 2
      ? fromMinor(scaled, fraction.length - 2)
      : String(scaled * 10n ** BigInt(2 - fraction.length));
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
