import { fromMinor, money, Money, MAX_MAJOR_EXCLUSIVE, toMinor } from './money';

function minorOf(text: string, digits: number): bigint {
  const result = toMinor(text, digits);
  if (!result.ok) throw new Error(`refused ${text}: ${result.reason}`);
  return result.minor;
}

describe('toMinor', () => {
  test('reads zero in every form', () => {
    expect(minorOf('0', 2)).toBe(0n);
    expect(minorOf('0.0', 2)).toBe(0n);
    expect(minorOf('0.00', 2)).toBe(0n);
    expect(minorOf('0', 0)).toBe(0n);
    expect(minorOf('0.000', 3)).toBe(0n);
    expect(minorOf('-0', 2)).toBe(0n);
  });

  test('reads decimals exactly as written, padding missing digits', () => {
    expect(minorOf('0.30', 2)).toBe(30n);
    expect(minorOf('0.3', 2)).toBe(30n);
    expect(minorOf('0.1', 2)).toBe(10n);
    expect(minorOf('150.5', 2)).toBe(15050n);
    expect(minorOf('150.50', 2)).toBe(15050n);
    expect(minorOf('5000', 2)).toBe(500000n);
    expect(minorOf('0.01', 2)).toBe(1n);
    expect(minorOf('007.05', 2)).toBe(705n);
  });

  test('negative amounts', () => {
    expect(minorOf('-1', 2)).toBe(-100n);
    expect(minorOf('-0.05', 2)).toBe(-5n);
    expect(minorOf('-150.5', 2)).toBe(-15050n);
    expect(minorOf('-3', 0)).toBe(-3n);
  });

  test('currencies with 0, 2 and 3 minor digits', () => {
    expect(minorOf('1500', 0)).toBe(1500n);
    expect(minorOf('12.34', 2)).toBe(1234n);
    expect(minorOf('1.5', 3)).toBe(1500n);
    expect(minorOf('1.005', 3)).toBe(1005n);
    expect(minorOf('0.001', 3)).toBe(1n);
  });

  test('the largest amount below 10^13 is exact, 10^13 is refused', () => {
    expect(minorOf('9999999999999.99', 2)).toBe(999999999999999n);
    expect(minorOf('9999999999999', 0)).toBe(9999999999999n);
    expect(MAX_MAJOR_EXCLUSIVE).toBe(10000000000000n);
    expect(toMinor('10000000000000', 2)).toEqual({
      ok: false,
      reason: 'must be less than 10000000000000',
    });
    expect(toMinor('-10000000000000', 2).ok).toBe(false);
    expect(toMinor('99999999999999999999', 2).ok).toBe(false);
  });

  test('refuses more decimals than the currency has', () => {
    expect(toMinor('1.001', 2)).toEqual({
      ok: false,
      reason: 'must have at most 2 decimal places',
    });
    expect(toMinor('1.5', 0)).toEqual({
      ok: false,
      reason: 'must be a whole number in this currency',
    });
    expect(toMinor('1.0', 0).ok).toBe(false);
    expect(toMinor('0.0001', 3)).toEqual({
      ok: false,
      reason: 'must have at most 3 decimal places',
    });
  });

  test.each([
    '',
    ' ',
    ' 1',
    '1 ',
    'abc',
    '1e3',
    '1E3',
    '1.5e2',
    'NaN',
    'Infinity',
    '-Infinity',
    '0x10',
    '1,000.00',
    '1_000',
    '+1',
    '.5',
    '1.',
    '-',
    '--1',
    '1.2.3',
    '١٢',
  ])('refuses %j', (text) => {
    expect(toMinor(text, 2)).toEqual({
      ok: false,
      reason: 'must be a decimal number such as 150.50',
    });
  });
});

describe('fromMinor', () => {
  test('zero', () => {
    expect(fromMinor(0n, 2)).toBe('0.00');
    expect(fromMinor(0n, 0)).toBe('0');
    expect(fromMinor(0n, 3)).toBe('0.000');
  });

  test('pads to exactly the currency digits', () => {
    expect(fromMinor(30n, 2)).toBe('0.30');
    expect(fromMinor(1n, 2)).toBe('0.01');
    expect(fromMinor(5n, 2)).toBe('0.05');
    expect(fromMinor(100n, 2)).toBe('1.00');
    expect(fromMinor(500000n, 2)).toBe('5000.00');
    expect(fromMinor(15050n, 2)).toBe('150.50');
    expect(fromMinor(1n, 3)).toBe('0.001');
    expect(fromMinor(1500n, 3)).toBe('1.500');
    expect(fromMinor(1500n, 0)).toBe('1500');
    expect(fromMinor(7n, 0)).toBe('7');
  });

  test('negative amounts', () => {
    expect(fromMinor(-5n, 2)).toBe('-0.05');
    expect(fromMinor(-30n, 2)).toBe('-0.30');
    expect(fromMinor(-15050n, 2)).toBe('-150.50');
    expect(fromMinor(-3n, 0)).toBe('-3');
    expect(fromMinor(-1n, 3)).toBe('-0.001');
  });

  test('large amounts beyond 2^53 stay exact', () => {
    expect(fromMinor(999999999999999n, 2)).toBe('9999999999999.99');
    expect(fromMinor(123456789012345678901n, 2)).toBe('1234567890123456789.01');
  });

  test('round-trips through toMinor', () => {
    for (const [text, digits] of [
      ['0.30', 2],
      ['-150.50', 2],
      ['1500', 0],
      ['1.005', 3],
      ['9999999999999.99', 2],
    ] as const) {
      expect(fromMinor(minorOf(text, digits), digits)).toBe(text);
    }
  });
});

describe('Money', () => {
  test('serialises with its currency digits', () => {
    expect(money(30, 2).toString()).toBe('0.30');
    expect(money('1500', 0).toString()).toBe('1500');
    expect(money(-1n, 3).toString()).toBe('-0.001');
    const value = new Money(15050n, 2);
    expect(value.minor).toBe(15050n);
    expect(`${value}`).toBe('150.50');
  });
});
