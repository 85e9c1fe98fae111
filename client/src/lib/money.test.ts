import {
  amountProblem,
  currencyDigits,
  formatMoney,
  fromMinor,
  parseAmount,
  amountForInput,
  perDay,
  toMinor,
} from './money';

describe('formatMoney', () => {
  test.each([
    ['150.50', 'USD', 'en-US', '$150.50'],
    ['1234567.89', 'USD', 'en-US', '$1,234,567.89'],
    ['-12.30', 'USD', 'en-US', '-$12.30'],
    ['1500', 'JPY', 'en-US', '¥1,500'],
    ['1.234', 'BHD', 'en-US', 'BHD 1.234'],
    ['1234.50', 'EUR', 'de-DE', '1.234,50 €'],
  ])('%s %s in %s is %s', (amount, currency, locale, expected) => {
    expect(formatMoney(amount, currency, locale).replace(/\s/g, ' ')).toBe(expected);
  });

  test('keeps every digit of amounts no float can hold', () => {
    expect(formatMoney('9999999999999.99', 'USD', 'en-US')).toBe('$9,999,999,999,999.99');
  });

  test('an unknown currency code still shows the amount', () => {
    expect(formatMoney('5.00', 'NOPE!', 'en-US')).toBe('5.00 NOPE!');
  });
});

describe('amountProblem', () => {
  test.each(['150.50', '150.5', '150', '0.01', ' 42 ', '9999999999999.99'])(
    '%p is accepted',
    (text) => {
      expect(amountProblem(text, 'USD')).toBeNull();
    },
  );

  test.each([
    ['', 'Enter an amount'],
    ['abc', 'Enter an amount such as 150.50 (digits, with a dot for cents)'],
    ['1e3', 'Enter an amount such as 150.50 (digits, with a dot for cents)'],
    ['-5', 'Enter an amount such as 150.50 (digits, with a dot for cents)'],
    ['150,50', 'Enter an amount such as 150.50 (digits, with a dot for cents)'],
    ['1.234', 'Use at most 2 decimals'],
    ['0', 'Enter an amount greater than 0'],
    ['0.00', 'Enter an amount greater than 0'],
    ['10000000000000', 'This amount is too large'],
  ])('%p is refused: %s', (text, message) => {
    expect(amountProblem(text, 'USD')).toBe(message);
  });

  test('follows the currency: no decimals in JPY, three in BHD', () => {
    expect(amountProblem('100.5', 'JPY')).toBe('JPY amounts have no decimals');
    expect(amountProblem('1.234', 'BHD')).toBeNull();
    expect(amountProblem('1.2345', 'BHD')).toBe('Use at most 3 decimals');
  });

  test('a budget may be zero', () => {
    expect(amountProblem('0', 'USD', { allowZero: true })).toBeNull();
  });
});

describe('minor units', () => {
  test('convert both ways exactly', () => {
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(toMinor('150.5', 2)).toBe(15050n);
    expect(toMinor('-0.30', 2)).toBe(-30n);
    expect(fromMinor(15050n, 2)).toBe('150.50');
    expect(fromMinor(-5n, 2)).toBe('-0.05');
    expect(fromMinor(1500n, 0)).toBe('1500');
    expect(fromMinor(toMinor('0.1', 2) + toMinor('0.2', 2), 2)).toBe('0.30');
  });

  test('perDay rounds down to the cent, and overspending stays negative', () => {
    expect(perDay('100.00', 3, 'USD')).toBe('33.33');
    expect(perDay('-10.00', 3, 'USD')).toBe('-3.34');
    expect(perDay('100.00', 0, 'USD')).toBeNull();
  });
});

describe('currency digits follow ISO 4217, not the browser', () => {
  test('IQD has three digits (Intl says none) and is shown with them', () => {
    expect(currencyDigits('IQD')).toBe(3);
    expect(currencyDigits('BHD')).toBe(3);
    expect(currencyDigits('CLF')).toBe(4);
    expect(currencyDigits('XCG')).toBe(2);
    expect(formatMoney('1.234', 'IQD', 'en-US').replace(/\s/g, ' ')).toBe('IQD 1.234');
  });
});

describe('parseAmount: as people type amounts', () => {
  const parsed = (text: string, currency = 'USD', locale = 'en-US') =>
    parseAmount(text, currency, { locale });

  test.each([
    // [typed, currency, locale, sent]
    ['4.50', 'USD', 'en-US', '4.50'],
    ['4,50', 'EUR', 'de-DE', '4.50'],
    ['4,5', 'EUR', 'de-DE', '4.50'],
    ['4,50', 'USD', 'en-US', '4.50'],
    ['3,000', 'USD', 'en-US', '3000.00'],
    ['3.000', 'EUR', 'de-DE', '3000.00'],
    ['3.000', 'EUR', 'fr-FR', '3000.00'],
    ['1,234,567.89', 'USD', 'en-US', '1234567.89'],
    ['1.234.567,89', 'EUR', 'de-DE', '1234567.89'],
    ['1.234,50', 'EUR', 'en-US', '1234.50'],
    ['1 234,50', 'EUR', 'fr-FR', '1234.50'],
    ['1\u202f234,50', 'EUR', 'fr-FR', '1234.50'],
    ["1'234.50", 'CHF', 'de-CH', '1234.50'],
    ['1,00,000', 'INR', 'en-IN', '100000.00'],
    ['$4.50', 'USD', 'en-US', '4.50'],
    ['$ 4.50', 'USD', 'en-US', '4.50'],
    ['US$4.50', 'USD', 'en-CA', '4.50'],
    ['4,50 €', 'EUR', 'de-DE', '4.50'],
    ['€4.50', 'EUR', 'en-IE', '4.50'],
    ['EUR 12', 'EUR', 'de-DE', '12.00'],
    ['12 usd', 'USD', 'en-US', '12.00'],
    ['£7', 'GBP', 'en-GB', '7.00'],
    ['¥1,500', 'JPY', 'ja-JP', '1500'],
    ['1.500', 'JPY', 'de-DE', '1500'],
    ['1,234', 'BHD', 'de-DE', '1.234'],
    ['1,234', 'BHD', 'en-US', '1234.000'],
    ['1.234', 'BHD', 'en-US', '1.234'],
    ['1.234', 'IQD', 'en-US', '1.234'],
    ['5.', 'USD', 'en-US', '5.00'],
    ['.5', 'USD', 'en-US', '0.50'],
    ['007.5', 'USD', 'en-US', '7.50'],
    ['  42  ', 'USD', 'en-US', '42.00'],
    ['9999999999999.99', 'USD', 'en-US', '9999999999999.99'],
  ])('%p in %s (%s) is sent as %p', (text, currency, locale, expected) => {
    expect(parseAmount(text, currency, { locale })).toEqual({ ok: true, amount: expected });
  });

  test.each([
    // Ambiguous: the locale writes a decimal comma, and USD cannot have three decimals.
    [
      '3,000',
      'USD',
      'de-DE',
      '"3,000" is ambiguous: type 3000 if you mean 3000 USD; for decimals use "," and at most 2',
    ],
    // "." is neither of French's separators, and a dinar could have three decimals.
    [
      '1.234',
      'BHD',
      'fr-FR',
      '"1.234" is ambiguous: type 1234 if you mean 1234 BHD; for decimals use "," and at most 3',
    ],
    [
      '1,500',
      'JPY',
      'de-DE',
      '"1,500" is ambiguous: type 1500 if you mean 1500 JPY; JPY amounts have no decimals',
    ],
    [
      '3.000',
      'USD',
      'en-US',
      '"3.000" is ambiguous: type 3000 if you mean 3000 USD; for decimals use "." and at most 2',
    ],
  ])('%p in %s (%s) is refused as ambiguous', (text, currency, locale, message) => {
    expect(parseAmount(text, currency, { locale })).toEqual({ ok: false, problem: message });
  });

  test.each([
    ['', 'Enter an amount'],
    ['   ', 'Enter an amount'],
    ['abc', 'Enter an amount such as 150.50'],
    ['1e3', 'Enter an amount such as 150.50'],
    ['0x10', 'Enter an amount such as 150.50'],
    ['Infinity', 'Enter an amount such as 150.50'],
    ['€5', 'Enter an amount such as 150.50'],
    ['5 GBP', 'Enter an amount such as 150.50'],
    ['1,,000', 'Enter an amount such as 150.50'],
    ['1,2,3', 'Enter an amount such as 150.50'],
    ['12,34,5', 'Enter an amount such as 150.50'],
    ['1.234.5', 'Enter an amount such as 150.50'],
    ['1,234.567.8', 'Enter an amount such as 150.50'],
    ['1.2,3 4', 'Enter an amount such as 150.50'],
    ['-5', 'Enter an amount greater than 0'],
    ['-$5', 'Enter an amount greater than 0'],
    ['(5)', 'Enter an amount greater than 0'],
    ['0', 'Enter an amount greater than 0'],
    ['0.00', 'Enter an amount greater than 0'],
    ['1.2345', 'Use at most 2 decimals'],
    ['10000000000000', 'This amount is too large'],
    ['10,000,000,000,000', 'This amount is too large'],
  ])('%p is refused: %s', (text, problem) => {
    expect(parsed(text)).toEqual({ ok: false, problem });
  });

  test('the example in messages is written the locale’s way', () => {
    expect(parseAmount('abc', 'EUR', { locale: 'de-DE' })).toEqual({
      ok: false,
      problem: 'Enter an amount such as 150,50',
    });
  });

  test('decimals follow the currency', () => {
    expect(parseAmount('100,5', 'JPY', { locale: 'de-DE' })).toEqual({
      ok: false,
      problem: 'JPY amounts have no decimals',
    });
    expect(parseAmount('1,2345', 'BHD', { locale: 'de-DE' })).toEqual({
      ok: false,
      problem: 'Use at most 3 decimals',
    });
  });

  test('zero only when allowed', () => {
    expect(parseAmount('0,00', 'EUR', { locale: 'de-DE', allowZero: true })).toEqual({
      ok: true,
      amount: '0.00',
    });
  });
});

describe('amountForInput', () => {
  test.each([
    ['1.234', 'BHD', 'de-DE', '1,234'],
    ['22.30', 'USD', 'de-DE', '22,30'],
    ['3000.00', 'USD', 'fr-FR', '3000,00'],
    ['1.234', 'BHD', 'en-US', '1.234'],
    ['1500', 'JPY', 'de-DE', '1500'],
    ['12.50', 'USD', 'ar-EG', '12.50'],
  ])('%s %s in %s is shown as %p and read back unchanged', (amount, currency, locale, shown) => {
    expect(amountForInput(amount, locale)).toBe(shown);
    expect(parseAmount(shown, currency, { locale })).toEqual({ ok: true, amount });
  });
});
