import { farAboveUsual, medianAmount, moreThanAYearAhead } from './expense-warnings';

describe('medianAmount', () => {
  test('is exact in minor units', () => {
    expect(medianAmount(['4.50', '3.00', '12.00'], 'USD')).toBe('4.50');
    expect(medianAmount(['0.10', '0.20'], 'USD')).toBe('0.15');
    expect(medianAmount(['0.01', '0.02'], 'USD')).toBe('0.01');
    expect(medianAmount(['1500', '900', '1000', '2000'], 'JPY')).toBe('1250');
    expect(medianAmount([], 'USD')).toBeNull();
  });
});

describe('farAboveUsual', () => {
  const coffee = ['4.50', '3.80', '5.00', '4.20', '60.00'];
  test('warns above three times the median, giving the median', () => {
    expect(farAboveUsual('13.51', coffee, 'USD')).toBe('4.50');
    expect(farAboveUsual('450.00', coffee, 'USD')).toBe('4.50');
  });
  test('stays quiet at or under three times the median', () => {
    expect(farAboveUsual('13.50', coffee, 'USD')).toBeNull();
    expect(farAboveUsual('4.00', coffee, 'USD')).toBeNull();
  });
  test('needs at least three recent expenses to know what is usual', () => {
    expect(farAboveUsual('500.00', ['1.00', '1.00'], 'USD')).toBeNull();
    expect(farAboveUsual('500.00', ['1.00', '1.00', '1.00'], 'USD')).toBe('1.00');
  });
});

describe('moreThanAYearAhead', () => {
  test.each([
    ['2025-03-10', false],
    ['2026-03-10', false],
    ['2026-03-11', true],
    ['2030-01-01', true],
    ['2024-01-01', false],
    ['', false],
  ])('%p from 2025-03-10: %p', (date, expected) => {
    expect(moreThanAYearAhead(date, '2025-03-10')).toBe(expected);
  });
});
