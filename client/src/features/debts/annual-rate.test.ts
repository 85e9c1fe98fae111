import { percentProblem, percentToRate, rateToPercent } from './annual-rate';

describe('annual rates as percents', () => {
  test('a typed percent becomes the exact rate, and back', () => {
    expect(percentToRate('19.9')).toBe('0.199');
    expect(percentToRate('5')).toBe('0.05');
    expect(percentToRate('0')).toBe('0');
    expect(percentToRate('100')).toBe('1');
    expect(percentToRate('7.125 %')).toBe('0.07125');
    expect(percentToRate('0.0001')).toBe('0.000001');
    expect(rateToPercent('0.199')).toBe('19.9');
    expect(rateToPercent('0.05')).toBe('5');
    expect(rateToPercent('1')).toBe('100');
    expect(rateToPercent('0')).toBe('0');
    expect(rateToPercent('0.000001')).toBe('0.0001');
  });

  test('what the API would refuse is caught first', () => {
    expect(percentProblem('19.9')).toBeNull();
    expect(percentProblem('100')).toBeNull();
    expect(percentProblem('')).toMatch(/Enter the annual rate/);
    expect(percentProblem('-3')).toMatch(/percent such as/);
    expect(percentProblem('abc')).toMatch(/percent such as/);
    expect(percentProblem('100.5')).toMatch(/from 0 to 100/);
    expect(percentProblem('1.23456')).toMatch(/at most 4 decimals/);
  });
});
