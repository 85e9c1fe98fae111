import { Book, costOf, quantityOf, type BookEvent } from './book';
import { requireQuantity, requireRatio } from './units';

const trade = (
  id: number,
  side: 'BUY' | 'SELL',
  quantity: string,
  price: string,
  fees = 0n,
): BookEvent => ({
  kind: 'trade',
  id,
  accountId: 1,
  securityId: 1,
  side,
  date: `2024-01-${String(id).padStart(2, '0')}`,
  quantity: requireQuantity(quantity),
  price: { units: BigInt(price.replace('.', '')), scale: price.split('.')[1]?.length ?? 0 },
  feesMinor: fees,
  digits: 2,
});

describe('FIFO lots', () => {
  test('a sell takes the oldest lots first; realised gain against their cost', () => {
    const book = new Book();
    book.apply(trade(1, 'BUY', '10', '100', 500n)); // cost 1005.00
    book.apply(trade(2, 'BUY', '10', '120')); // cost 1200.00
    const { realizedMinor } = book.apply(trade(3, 'SELL', '15', '130', 300n));
    // proceeds 1950 - 3 = 1947; cost 1005 + half of 1200 = 1605
    expect(realizedMinor).toBe(34200n);
    const position = book.position(1, 1);
    expect(quantityOf(position)).toBe(requireQuantity('5'));
    expect(costOf(position)).toBe(60000n);
  });

  test('partial lots lose no minor unit: three sells of a third', () => {
    const book = new Book();
    book.apply(trade(1, 'BUY', '3', '3.333333')); // 9.999999 -> 10.00
    for (const id of [2, 3]) book.apply(trade(id, 'SELL', '1', '4'));
    const position = book.position(1, 1);
    const third = book.apply(trade(4, 'SELL', '1', '4'));
    expect(quantityOf(position)).toBe(0n);
    expect(costOf(position)).toBe(0n);
    expect(book.position(1, 1).realizedMinor).toBe(1200n - 1000n);
    // The cost is taken 3.33, then 3.34 (6.67 / 2, half to even), then the last 3.33.
    expect(third.realizedMinor).toBe(400n - 333n);
  });

  test('selling more than is held is refused with the field', () => {
    const book = new Book();
    book.apply(trade(1, 'BUY', '1.5', '10'));
    expect(() => book.apply(trade(2, 'SELL', '1.50000001', '10'))).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'quantity' }),
    );
  });

  test('a 3:2 split multiplies the quantity and keeps the cost', () => {
    const book = new Book();
    book.apply(trade(1, 'BUY', '10', '90'));
    const ratio = requireRatio('3:2');
    book.apply({
      kind: 'split',
      id: 1,
      accountId: null,
      securityId: 1,
      date: '2024-02-01',
      ...ratio,
    });
    expect(quantityOf(book.position(1, 1))).toBe(requireQuantity('15'));
    expect(costOf(book.position(1, 1))).toBe(90000n);
  });

  test.each(['0', '0:1', '2:0', 'x', '-2'])('ratio %s is refused', (text) => {
    expect(() => requireRatio(text)).toThrow(expect.objectContaining({ field: 'ratio' }));
  });

  test.each([
    ['-1', 'must not be negative'],
    ['0.000000001', 'at most 8 decimal places'],
    ['0', 'greater than 0'],
    ['1e3', 'decimal number'],
  ])('quantity %s is refused: %s', (text, message) => {
    expect(() => requireQuantity(text)).toThrow(message);
  });
});
