import { daysBetween } from './dates';
import { ratioToDecimal, xirr } from './returns';

const flows = (start: string, list: [string, bigint][]) =>
  list.map(([date, amount]) => ({ days: daysBetween(start, date), amount }));

describe('xirr', () => {
  test("Microsoft's published XIRR example answers 0.37336253 (37.34 %)", () => {
    // support.microsoft.com, "XIRR function": -10,000 on 2008-01-01, then four receipts.
    const answer = xirr(
      flows('2008-01-01', [
        ['2008-01-01', -1000000n],
        ['2008-03-01', 275000n],
        ['2008-10-30', 425000n],
        ['2009-02-15', 325000n],
        ['2009-04-01', 275000n],
      ]),
      8,
    );
    // Excel stops iterating at a tolerance of about 1e-8, so its ninth digit is not exact.
    expect(answer).toBe('0.37336253');
  });

  test.each([
    // Two flows have a closed form: r = (out / in)^(365 / days) - 1.
    [365, 1100n, '0.100000'], // 1100 / 1000 over one year
    [730, 1210n, '0.100000'], // 1.1^2 over two years
    [365, 800n, '-0.200000'],
    [1095, 1331n, '0.100000'],
    [730, 1440n, '0.200000'], // 1.44 = 1.2^2
  ])('-1000 now and +%s days later %s: %s', (days, out, expected) => {
    expect(
      xirr([
        { days: 0, amount: -1000n },
        { days, amount: out },
      ]),
    ).toBe(expected);
  });

  test('half a year at 10 % a year: 1000 -> 1000 * 1.1^(182/365)', () => {
    // 1.1^(182/365) = 1.048670... ; rounded to minor units: 1048.67
    expect(
      xirr(
        [
          { days: 0, amount: -100000n },
          { days: 182, amount: 104867n },
        ],
        3,
      ),
    ).toBe('0.100');
  });

  test('no sign change: no rate', () => {
    expect(
      xirr([
        { days: 0, amount: -1000n },
        { days: 10, amount: -5n },
      ]),
    ).toBeNull();
    expect(xirr([{ days: 0, amount: 1000n }])).toBeNull();
  });

  test('a loss of almost everything still converges (bisection fallback)', () => {
    // (1 / 1000)^(365/365) - 1 = -0.999
    expect(
      xirr([
        { days: 0, amount: -1000n },
        { days: 365, amount: 1n },
      ]),
    ).toBe('-0.999000');
  });
});

describe('ratioToDecimal', () => {
  test('rounds half to even and keeps the sign', () => {
    expect(ratioToDecimal({ num: 1n, den: 3n })).toBe('0.333333');
    expect(ratioToDecimal({ num: -1n, den: 8n }, 2)).toBe('-0.12');
    expect(ratioToDecimal({ num: 3n, den: 8n }, 2)).toBe('0.38');
    expect(ratioToDecimal({ num: 0n, den: 8n }, 2)).toBe('0.00');
  });
});
