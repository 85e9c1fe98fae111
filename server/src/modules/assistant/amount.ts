/** Amounts as people type them: symbols and codes, decimal commas, thousands separators. */

export interface FoundAmount {
  /** A plain decimal ("2000", "12.5"): no separators, no trailing zeros. */
  amount: string;
  currency: string | null;
  start: number;
  end: number;
  /** A currency was written next to it: the surest sign that this number is the money. */
  marked: boolean;
}

const SYMBOLS: Record<string, string> = {
  '€': 'EUR',
  $: 'USD',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  '₽': 'RUB',
  '₺': 'TRY',
  '₩': 'KRW',
  r$: 'BRL',
  us$: 'USD',
  a$: 'AUD',
  c$: 'CAD',
  chf: 'CHF',
  fr: 'CHF',
  kr: 'SEK',
  zł: 'PLN',
};

const WORDS: Record<string, string> = {
  euro: 'EUR',
  euros: 'EUR',
  eur: 'EUR',
  dollar: 'USD',
  dollars: 'USD',
  bucks: 'USD',
  usd: 'USD',
  pound: 'GBP',
  pounds: 'GBP',
  quid: 'GBP',
  gbp: 'GBP',
  yen: 'JPY',
  jpy: 'JPY',
  rupee: 'INR',
  rupees: 'INR',
  inr: 'INR',
  franc: 'CHF',
  francs: 'CHF',
  chf: 'CHF',
  cad: 'CAD',
  aud: 'AUD',
  sek: 'SEK',
  nok: 'NOK',
  dkk: 'DKK',
  pln: 'PLN',
  czk: 'CZK',
  mxn: 'MXN',
  brl: 'BRL',
};

const PREFIX = String.raw`(r\$|us\$|a\$|c\$|[€$£¥₹₽₺₩]|\b(?:eur|usd|gbp|chf|jpy|inr|cad|aud|sek|nok|dkk|pln|czk|mxn|brl)\b)?\s?`;
const NUMBER = String.raw`(\d{1,3}(?:(?:[.,'’\u00a0\u202f]| (?=\d{3}\b))\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)`;
const SUFFIX = String.raw`(\s?k\b)?\s?([€$£¥₹₽₺₩]|(?:euros?|eur|dollars?|bucks|usd|pounds?|quid|gbp|yen|jpy|rupees?|inr|francs?|chf|cad|aud|sek|nok|dkk|pln|czk|mxn|brl|zł|kr|fr)\b)?`;
const AMOUNT = new RegExp(`${PREFIX}${NUMBER}${SUFFIX}`, 'giu');

/** "1.234,56", "1,234.56", "1 234,56", "2,000", "12,50", "1'500" as a plain decimal; null if odd. */
export function normalizeNumber(raw: string): string | null {
  const text = raw.replace(/[\s\u00a0\u202f'’]/g, (m) => (m === "'" || m === '’' ? ',' : ' '));
  const compact = text.replace(/ /g, '');
  const dots = (compact.match(/\./g) ?? []).length;
  const commas = (compact.match(/,/g) ?? []).length;
  let integer = compact;
  let fraction = '';
  const split = (sep: string) => {
    const at = compact.lastIndexOf(sep);
    integer = compact.slice(0, at).replace(/[.,]/g, '');
    fraction = compact.slice(at + 1);
  };
  if (dots > 0 && commas > 0) {
    split(compact.lastIndexOf('.') > compact.lastIndexOf(',') ? '.' : ',');
  } else if (dots + commas === 1) {
    const sep = dots ? '.' : ',';
    const after = compact.slice(compact.indexOf(sep) + 1);
    const before = compact.slice(0, compact.indexOf(sep));
    // "2,000" and "1.500" are thousands; "12,50" and "0.125" are decimals.
    if (after.length === 3 && before !== '0' && !raw.includes("'")) integer = before + after;
    else if (raw.includes("'") || raw.includes('’')) integer = before + after;
    else split(sep);
  } else {
    integer = compact.replace(/[.,]/g, '');
  }
  if (!/^\d+$/.test(integer) || !/^\d*$/.test(fraction)) return null;
  return plain(integer, fraction);
}

function plain(integer: string, fraction: string): string {
  const whole = integer.replace(/^0+(?=\d)/, '');
  const decimals = fraction.replace(/0+$/, '');
  return decimals ? `${whole}.${decimals}` : whole;
}

function times1000(value: string): string {
  const [whole, decimals = ''] = value.split('.');
  const padded = (decimals + '000').slice(0, 3);
  return plain(whole + padded, decimals.slice(3));
}

function currencyOf(token: string | undefined): string | null {
  if (!token) return null;
  const key = token.toLowerCase();
  return SYMBOLS[key] ?? WORDS[key] ?? null;
}

/** Every number in the text that could be money, with the currency written beside it. */
export function findAmounts(text: string): FoundAmount[] {
  const found: FoundAmount[] = [];
  for (const match of text.matchAll(AMOUNT)) {
    const [matched, prefix, number, thousands, suffix] = match;
    const whole = matched.trimEnd();
    const start = match.index + (prefix ? 0 : whole.indexOf(number));
    // A number glued to letters ("3rd", "v2", "24/7") is not an amount.
    const before = text[start - 1] ?? ' ';
    const after = text[match.index + whole.length] ?? ' ';
    if (/[a-z/(]/i.test(before) && !prefix) continue;
    if (/[a-z/:]/i.test(after) && !suffix) continue;
    let amount = normalizeNumber(number);
    if (amount === null) continue;
    if (thousands) amount = times1000(amount);
    const currency = currencyOf(prefix?.trim()) ?? currencyOf(suffix?.trim());
    found.push({
      amount,
      currency,
      start,
      end: match.index + whole.length,
      marked: currency !== null,
    });
  }
  return found;
}
