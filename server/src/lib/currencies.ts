/**
 * ISO 4217 active currency codes and their minor-unit digits.
 * Source: the ISO 4217 list (SIX Financial Information), "Minor unit" column.
 * Codes not listed under ZERO or THREE have two minor digits.
 */
const ZERO_DIGITS = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const THREE_DIGITS = 'BHD IQD JOD KWD LYD OMR TND';
const TWO_DIGITS =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD ' +
  'CAD CDF CHF CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD ' +
  'GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD ' +
  'MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP ' +
  'PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS ' +
  'TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VES WST XCD XCG YER ZAR ZMW ZWG';

const DIGITS = new Map<string, number>();
for (const [codes, digits] of [
  [ZERO_DIGITS, 0],
  [TWO_DIGITS, 2],
  [THREE_DIGITS, 3],
] as const) {
  for (const code of codes.split(' ')) DIGITS.set(code, digits);
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
