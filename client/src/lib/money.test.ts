import { amountProblem, currencyDigits, formatMoney, fromMinor, perDay, toMinor } from './money';

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
