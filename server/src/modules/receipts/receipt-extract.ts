import { currencyDigits, isCurrencyCode } from '../../lib/currencies';
import { addDays, isCalendarDay } from '../../lib/dates';

/**
 * Reading the date, total and currency from a receipt's text: pure functions of the text, so
 * that the bench and the tests measure exactly what the job does. Amounts come back as minor
 * units (integers), never floats.
 */
export interface Found<T> {
  value: T | null;
  /** 0..1: how sure the reading is, before the OCR's own confidence is applied. */
  confidence: number;
}

const SYMBOLS: [RegExp, string][] = [
  [/€/g, 'EUR'],
  [/£/g, 'GBP'],
  [/¥|円/g, 'JPY'],
  [/₹|\bRs\.?\s?\d/g, 'INR'],
  [/\bFr\.\s?\d|\bSFr\b/g, 'CHF'],
  [/\bkr\b/gi, 'SEK'],
  [/zł/gi, 'PLN'],
  [/\$/g, 'USD'],
];
const CODES = /\b(EUR|USD|GBP|CHF|JPY|CAD|AUD|SEK|NOK|DKK|PLN|CZK|INR|NZD|HUF|EURO)\b/g;

/** The code or symbol printed most often, so that one misread character does not decide. */
function mostFrequent(counts: Map<string, number>): string | null {
  const sorted = [...counts].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  return sorted[0]?.[0] ?? null;
}

/** The currency the receipt names: a code before a symbol (CA$ and A$ print "$" too). */
export function findCurrency(text: string): Found<string> {
  const codes = new Map<string, number>();
  for (const match of text.toUpperCase().matchAll(CODES)) {
    const code = match[1] === 'EURO' ? 'EUR' : match[1];
    codes.set(code, (codes.get(code) ?? 0) + 1);
  }
  const byCode = mostFrequent(codes);
  if (byCode && isCurrencyCode(byCode)) return { value: byCode, confidence: 0.9 };
  const symbols = new Map<string, number>();
  for (const [pattern, code] of SYMBOLS) {
    symbols.set(code, (symbols.get(code) ?? 0) + (text.match(pattern)?.length ?? 0));
  }
  const bySymbol = mostFrequent(symbols);
  return bySymbol ? { value: bySymbol, confidence: 0.8 } : { value: null, confidence: 0 };
}

// OCR reads a 0 as O, a 1 as l or I, a 5 as S inside numbers: put them back where a digit
// stands next to them.
function repairDigits(line: string): string {
  return line
    .replace(/(?<=\d[.,']?)[Oo](?=[\d.,]|$|\s)/g, '0')
    .replace(/(?<=\d)[lI|](?=\d)/g, '1')
    .replace(/(?<=[\s$€£])[Oo](?=[.,]\d\d)/g, '0');
}

const AMOUNT =
  /(?<![\d.,'])(-?)(\d{1,3}(?:[.,'’ ]\d{3})+|\d+)(?:\s?([.,])\s?(\d{2}))?(?![\d])(?![.,]\d)/g;

/** Amounts on a line, in minor units of a currency with `digits` decimals, as printed. */
export function amountsIn(line: string, digits: number): number[] {
  const out: number[] = [];
  for (const match of repairDigits(line).matchAll(AMOUNT)) {
    const [, sign, whole, , cents] = match;
    if (sign === '-') continue;
    const major = Number(whole.replace(/[.,'’ ]/g, ''));
    if (!Number.isSafeInteger(major)) continue;
    if (digits === 0) {
      if (cents === undefined) out.push(major);
      continue;
    }
    // Whole numbers on a receipt are quantities, codes and times, not prices.
    if (cents === undefined) continue;
    out.push(major * 10 ** digits + Number(cents.padEnd(digits, '0').slice(0, digits)));
  }
  return out;
}

const TOTAL_LABEL =
  /(grand\s*total|total\s*ttc|total\s*due|amount\s*due|balance\s*due|\btotal|summe|gesamt|zu\s*zahlen|montant|net\s*[àa]\s*payer|totale|importe|totaal|te\s*betalen|betrag)/i;
const NOT_TOTAL =
  /(sub\s*-?\s*total|zwischen|sous\s*-?\s*total|total\s*ht|subtotaal|subtotale|tax|mwst|ust|tva|vat|iva|btw|rabatt|discount|remise|tip|change|r[üu]ckgeld|rendu|cambio|wisselgeld|items|artikel|anzahl|saved|savings|points|punkte)/i;
// Lines whose amount is what was handed over or given back, not what was spent.
const TENDER =
  /(cash|bar\b|gegeben|given|tendered|esp[eè]ces|r[üu]ckgeld|change|rendu|wisselgeld|contant)/i;
const PLAUSIBLE_MAX_MAJOR = 1_000_000;

/** The total: the amount on a TOTAL/SUMME/TOTAL TTC line, else the largest plausible amount. */
export function findTotal(text: string, currency: string | null): Found<number> {
  const digits = currency ? currencyDigits(currency) : 2;
  const lines = text.split('\n');
  const labelled: number[] = [];
  lines.forEach((line, i) => {
    if (!TOTAL_LABEL.test(line) || NOT_TOTAL.test(line)) return;
    let amounts = amountsIn(line, digits);
    // A label alone on its line has its amount on the next one.
    if (amounts.length === 0 && i + 1 < lines.length) amounts = amountsIn(lines[i + 1], digits);
    if (amounts.length > 0) labelled.push(amounts[amounts.length - 1]);
  });
  const plausible = (minor: number) => minor > 0 && minor < PLAUSIBLE_MAX_MAJOR * 10 ** digits;
  const fromLabels = labelled.filter(plausible);
  if (fromLabels.length > 0) {
    // "Total" also labels a card slip or a points line below the real one; the largest
    // labelled amount is the sum the others are part of.
    const best = Math.max(...fromLabels);
    const agreeing = fromLabels.filter((a) => a === best).length;
    return { value: best, confidence: agreeing > 1 || fromLabels.length === 1 ? 0.95 : 0.85 };
  }
  const all = lines
    .filter((line) => !TENDER.test(line))
    .flatMap((line) => amountsIn(line, digits))
    .filter(plausible);
  if (all.length === 0) return { value: null, confidence: 0 };
  return { value: Math.max(...all), confidence: 0.45 };
}

const MONTHS: Record<string, number> = {};
[
  'jan feb mar apr may jun jul aug sep oct nov dec',
  'januar februar märz april mai juni juli august september oktober november dezember',
  'janv févr mars avr mai juin juil août sept oct nov déc',
  'janvier février mars avril mai juin juillet août septembre octobre novembre décembre',
  'ene feb mar abr may jun jul ago sep oct nov dic',
  'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre',
  'gen feb mar apr mag giu lug ago set ott nov dic',
  'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre',
  'jan feb mrt apr mei jun jul aug sep okt nov dec',
  'januari februari maart april mei juni juli augustus september oktober november december',
  'january february march april may june july august september october november december',
].forEach((row) =>
  row.split(' ').forEach((name, i) => {
    MONTHS[name] ??= i + 1;
  }),
);
Object.assign(MONTHS, {
  mär: 3,
  mrz: 3,
  dez: 12,
  okt: 10,
  sept: 9,
  fev: 2,
  fevr: 2,
  aout: 8,
  dec: 12,
  mei: 5,
  mrt: 3,
});
const MONTH_NAME = '([a-zäéûèô]{3,10})\\.?';

interface DateCandidate {
  iso: string;
  confidence: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
function makeDay(year: number, month: number, day: number): string | null {
  const y = year < 100 ? 2000 + year : year;
  const iso = `${y}-${pad(month)}-${pad(day)}`;
  return isCalendarDay(iso) ? iso : null;
}

/**
 * The purchase date. Numeric dates with the day and month in doubt (03/04/2025) are read the
 * way the receipt's currency suggests: month first for US dollars, day first elsewhere; when
 * one reading is impossible (13/04) the other is taken with full confidence.
 */
export function findDate(text: string, currency: string | null, today: string): Found<string> {
  const candidates: DateCandidate[] = [];
  const monthFirst = currency === 'USD';
  const lower = text.toLowerCase().replace(/[oO](?=\d)|(?<=\d)[oO]/g, '0');
  for (const m of lower.matchAll(/(?<!\d)(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?!\d)/g)) {
    const iso = makeDay(Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso) candidates.push({ iso, confidence: 0.95 });
  }
  for (const m of lower.matchAll(
    /(?<![\d.,])(\d{1,2})\s?([-./])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d.,]\d)/g,
  )) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const year = Number(m[4]);
    const dayFirst = makeDay(year, b, a);
    const monthFirstDay = makeDay(year, a, b);
    // A dot between the parts is the European way: day first whatever the currency.
    const preferMonthFirst = monthFirst && m[2] !== '.';
    const preferred = preferMonthFirst ? monthFirstDay : dayFirst;
    const other = preferMonthFirst ? dayFirst : monthFirstDay;
    if (preferred) candidates.push({ iso: preferred, confidence: other && a !== b ? 0.75 : 0.9 });
    else if (other) candidates.push({ iso: other, confidence: 0.85 });
  }
  for (const m of lower.matchAll(
    new RegExp(`(?<!\\d)(\\d{1,2})\\.?\\s*(?:de\\s+)?${MONTH_NAME}\\s*(?:de\\s+)?(\\d{4})`, 'g'),
  )) {
    const month = MONTHS[m[2]] ?? MONTHS[m[2].slice(0, 3)];
    const iso = month ? makeDay(Number(m[3]), month, Number(m[1])) : null;
    if (iso) candidates.push({ iso, confidence: 0.9 });
  }
  for (const m of lower.matchAll(new RegExp(`${MONTH_NAME}\\s+(\\d{1,2}),?\\s+(\\d{4})`, 'g'))) {
    const month = MONTHS[m[1]] ?? MONTHS[m[1].slice(0, 3)];
    const iso = month ? makeDay(Number(m[3]), month, Number(m[2])) : null;
    if (iso) candidates.push({ iso, confidence: 0.9 });
  }
  // A receipt is from the past ten years, and not from the future (a day's grace for zones).
  const latest = addDays(today, 1);
  const earliest = addDays(today, -3653);
  const valid = candidates.filter((c) => c.iso <= latest && c.iso >= earliest);
  if (valid.length === 0) return { value: null, confidence: 0 };
  valid.sort((a, b) => b.confidence - a.confidence);
  return { value: valid[0].iso, confidence: valid[0].confidence };
}
