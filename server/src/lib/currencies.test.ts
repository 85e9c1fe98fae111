import fs from 'node:fs';
import path from 'node:path';
import {
  currencyCodes,
  currencyDigits,
  DEFAULT_CURRENCY,
  isCurrencyCode,
  NO_MINOR_UNIT,
  PUBLISHED_SINCE_PACKAGE,
} from './currencies';

/** ISO's own list as the package ships it: code -> minor unit text ("2", "N.A."). */
function isoListOne(): Map<string, string> {
  const file = path.join(path.dirname(require.resolve('currency-codes')), 'iso-4217-list-one.xml');
  const xml = fs.readFileSync(file, 'utf8');
  const units = new Map<string, string>();
  for (const entry of xml.matchAll(/<CcyNtry>([\s\S]*?)<\/CcyNtry>/g)) {
    const code = /<Ccy>([A-Z]{3})<\/Ccy>/.exec(entry[1])?.[1];
    const unit = /<CcyMnrUnts>([^<]*)<\/CcyMnrUnts>/.exec(entry[1])?.[1];
    if (code && unit) units.set(code, unit);
  }
  return units;
}

describe('ISO 4217 currencies', () => {
  test.each([
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['BHD', 3],
    ['IQD', 3],
    ['KWD', 3],
    ['CLF', 4],
    ['XCG', 2],
  ])('%s has %i minor digits', (code, digits) => {
    expect(isCurrencyCode(code)).toBe(true);
    expect(currencyDigits(code)).toBe(digits);
  });

  test('every code with a numeric minor unit in ISO list one is known, with its digits', () => {
    const iso = isoListOne();
    expect(iso.size).toBeGreaterThan(150);
    for (const [code, unit] of iso) {
      if (unit === 'N.A.') continue;
      expect([code, currencyDigits(code)]).toEqual([code, Number(unit)]);
    }
  });

  test('codes without a minor unit (gold, SDR, testing) are not currencies', () => {
    const withoutUnit = [...isoListOne()].filter(([, unit]) => unit === 'N.A.').map(([c]) => c);
    expect(new Set(withoutUnit)).toEqual(NO_MINOR_UNIT);
    for (const code of ['XAU', 'XDR', 'XTS', 'XXX']) expect(isCurrencyCode(code)).toBe(false);
  });

  test('the codes added by hand are still missing from the package (drop them once it has them)', () => {
    const iso = isoListOne();
    for (const [code] of PUBLISHED_SINCE_PACKAGE) expect(iso.has(code)).toBe(false);
  });

  test('unknown and lower-case codes are refused', () => {
    for (const code of ['usd', 'ABC', '', 'US']) expect(isCurrencyCode(code)).toBe(false);
    expect(() => currencyDigits('ABC')).toThrow('Unknown currency ABC');
  });

  test('the list is sorted, without duplicates, and holds the default', () => {
    const codes = currencyCodes();
    expect(codes).toEqual([...new Set(codes)].sort());
    expect(codes).toContain(DEFAULT_CURRENCY);
    expect(codes.every((code) => /^[A-Z]{3}$/.test(code))).toBe(true);
  });
});
