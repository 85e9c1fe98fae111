import { groupedDecimal, moneyText } from './money-text';

test('an amount in a sentence: symbol readers tell apart, grouped, exact digits', () => {
  expect(moneyText(123456n, 'USD')).toBe('$1,234.56');
  expect(moneyText(-5n, 'USD')).toBe('-$0.05');
  expect(moneyText(99000n, 'CAD')).toBe('CA$990.00');
  expect(moneyText(1234567n, 'EUR')).toBe('€12,345.67');
  expect(moneyText(1500n, 'JPY')).toBe('¥1,500');
  expect(moneyText(1234n, 'KWD')).toBe('KWD1.234');
  // Beyond a float's exact integers, still exact.
  expect(moneyText(999999999999999999n, 'USD')).toBe('$9,999,999,999,999,999.99');
});

test('grouping works on the decimal string', () => {
  expect(groupedDecimal('-1234.5', 2)).toBe('-1,234.50');
  expect(groupedDecimal('1000000', 0)).toBe('1,000,000');
  expect(groupedDecimal('999', 2)).toBe('999.00');
});
