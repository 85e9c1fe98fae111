import {
  convertMinor,
  divide,
  formatRate,
  invert,
  multiply,
  parseRate,
  roundHalfEven,
} from './exchange';

describe('parseRate', () => {
  test('reads plain positive decimals exactly', () => {
    expect(parseRate('1.0825')).toEqual({ num: 10825n, den: 10000n });
    expect(parseRate('163')).toEqual({ num: 163n, den: 1n });
    expect(parseRate('0.000000000001')).toEqual({ num: 1n, den: 10n ** 12n });
  });

  test.each(['0', '0.000', '-1.2', '1e3', '0x10', 'NaN', 'Infinity', '', ' 1', '1.', '.5', '1,5'])(
    'refuses %p',
    (text) => expect(parseRate(text)).toBeNull(),
  );

  test('refuses more than 12 decimals', () => {
    expect(parseRate('1.0000000000001')).toBeNull();
  });
});

describe('roundHalfEven', () => {
  test.each([
    [5n, 2n, 2n], // 2.5 -> 2 (even)
    [7n, 2n, 4n], // 3.5 -> 4 (even)
    [-5n, 2n, -2n],
    [-7n, 2n, -4n],
    [11n, 4n, 3n], // 2.75 -> 3
    [9n, 4n, 2n], // 2.25 -> 2
    [-9n, 4n, -2n],
    [0n, 3n, 0n],
  ])('%p / %p -> %p', (num, den, expected) => expect(roundHalfEven(num, den)).toBe(expected));
});

describe('convertMinor', () => {
  test('converts between 2-digit currencies at a stored rate', () => {
    // 100.00 EUR at 1.0825 -> 108.25 USD
    expect(convertMinor(10000n, 2, 2, '1.0825')).toBe(10825n);
    // 19.99 EUR at 1.0825 = 21.639175 -> 21.64
    expect(convertMinor(1999n, 2, 2, '1.0825')).toBe(2164n);
  });

  test('rounds ties half to even, both ways', () => {
    // 0.25 at 0.5 = 0.125 -> 0.12 (2 is even)
    expect(convertMinor(25n, 2, 2, '0.5')).toBe(12n);
    // 0.27 at 0.5 = 0.135 -> 0.14 (4 is even)
    expect(convertMinor(27n, 2, 2, '0.5')).toBe(14n);
    // Just above a tie rounds up, just below rounds down.
    expect(convertMinor(25n, 2, 2, '0.500001')).toBe(13n);
    expect(convertMinor(27n, 2, 2, '0.499999')).toBe(13n);
  });

  test('negative amounts round symmetrically', () => {
    expect(convertMinor(-25n, 2, 2, '0.5')).toBe(-12n);
    expect(convertMinor(-27n, 2, 2, '0.5')).toBe(-14n);
    expect(convertMinor(-1999n, 2, 2, '1.0825')).toBe(-2164n);
  });

  test('into and out of 0-digit currencies', () => {
    // 10.00 EUR at 163.125 JPY = 1631.25 -> 1631 JPY
    expect(convertMinor(1000n, 2, 0, '163.125')).toBe(1631n);
    // 10.05 EUR at 163.125 = 1639.40625 -> 1639
    expect(convertMinor(1005n, 2, 0, '163.125')).toBe(1639n);
    // 2.5 JPY-units tie: 5 JPY at 0.5 = 2.5 -> 2; 7 JPY at 0.5 = 3.5 -> 4
    expect(convertMinor(5n, 0, 0, '0.5')).toBe(2n);
    expect(convertMinor(7n, 0, 0, '0.5')).toBe(4n);
    // 1000 JPY at 0.0061 EUR = 6.10 EUR
    expect(convertMinor(1000n, 0, 2, '0.0061')).toBe(610n);
  });

  test('into and out of 3-digit currencies', () => {
    // 100.00 EUR at 0.33215 KWD = 33.215 KWD exactly
    expect(convertMinor(10000n, 2, 3, '0.33215')).toBe(33215n);
    // 1.000 KWD at 3.0107 EUR = 3.0107 -> 3.01
    expect(convertMinor(1000n, 3, 2, '3.0107')).toBe(301n);
    // A tie at the 4th decimal of a 3-digit target: 0.25 at 0.05 = 0.0125 -> 0.012 (2 is even);
    // 0.27 at 0.05 = 0.0135 -> 0.014 (4 is even)
    expect(convertMinor(25n, 2, 3, '0.05')).toBe(12n);
    expect(convertMinor(27n, 2, 3, '0.05')).toBe(14n);
  });

  test('is exact for amounts far beyond what a float holds', () => {
    // 9,999,999,999,999.99 at 1.000000000001: a float would lose the last digits.
    expect(convertMinor(999999999999999n, 2, 2, '1.000000000001')).toBe(1000000000000999n);
  });

  test('accepts a derived rate with more decimals than a stored one', () => {
    expect(convertMinor(100000000n, 0, 3, '0.00002012345678')).toBe(2012346n);
  });
});

describe('derived rates', () => {
  test('inverse and cross rates are exact ratios until formatted', () => {
    expect(invert('1.25')).toEqual({ num: 100n, den: 125n });
    expect(formatRate(invert('1.25'))).toBe('0.8');
    // USD->GBP through EUR: (EUR->GBP) / (EUR->USD) = 0.85 / 1.0825
    expect(formatRate(divide('0.85', '1.0825'))).toBe('0.7852193995');
    expect(formatRate(multiply('2', '3.5'))).toBe('7');
  });

  test('keeps 10 significant digits whatever the magnitude, half to even', () => {
    expect(formatRate({ num: 1n, den: 3n })).toBe('0.3333333333');
    expect(formatRate({ num: 2n, den: 3n })).toBe('0.6666666667');
    expect(formatRate({ num: 1n, den: 49700n })).toBe('0.00002012072435');
    expect(formatRate({ num: 49700000001n, den: 3n })).toBe('16566666667');
    expect(formatRate({ num: 163125n, den: 1000n })).toBe('163.125');
    // A tie at the 10th significant digit: 1.0000000005 -> 1 (0 even); 1.0000000015 -> 1.000000002
    expect(formatRate({ num: 10000000005n, den: 10n ** 10n })).toBe('1');
    expect(formatRate({ num: 10000000015n, den: 10n ** 10n })).toBe('1.000000002');
  });
});
