import { assetClassLabel, decimalProblem, everyMonth, formatReturn } from './format';

describe('formatReturn', () => {
  test('shows a decimal return as a signed percentage, from the string', () => {
    expect(formatReturn('0.073400', 'en-US')).toBe('+7.34%');
    expect(formatReturn('-0.010000', 'en-US')).toBe('-1.00%');
    expect(formatReturn('0.000000', 'en-US')).toBe('0.00%');
    expect(formatReturn(null)).toBe('—');
  });
});

describe('decimalProblem mirrors the server', () => {
  test.each([
    ['10', null],
    ['0.00000001', null],
    ['0.000000001', 'Quantity must have at most 8 decimal places'],
    ['-1', 'Quantity must not be negative'],
    ['0', 'Quantity must be greater than 0'],
    ['1e3', 'Quantity must be a number such as 12.5'],
    ['', 'Enter the quantity'],
  ])('%s -> %s', (text, problem) => {
    expect(decimalProblem(text, 'Quantity', 8)).toBe(problem);
  });
});

test('asset classes read as words', () => {
  expect(assetClassLabel('REAL_ESTATE')).toBe('Real estate');
  expect(assetClassLabel('ETF')).toBe('ETF');
});

test('dividends by month fill the months between with 0, across a year end', () => {
  expect(
    everyMonth([
      { month: '2024-11', amount: '18.40' },
      { month: '2025-02', amount: '19.10' },
    ]),
  ).toEqual([
    { month: '2024-11', amount: '18.40' },
    { month: '2024-12', amount: '0' },
    { month: '2025-01', amount: '0' },
    { month: '2025-02', amount: '19.10' },
  ]);
  expect(everyMonth([])).toEqual([]);
});
