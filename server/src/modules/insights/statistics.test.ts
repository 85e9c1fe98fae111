import { mad, median, robustScore, roundDownSensibly, roundUpSensibly } from './statistics';

describe('robust statistics on minor units', () => {
  test('median of odd and even counts, the even one rounded half up', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([1, 2, 3, 4])).toBe(3);
    expect(median([])).toBe(0);
  });

  test('MAD and the robust score of a planted value', () => {
    expect(mad([1, 1, 2, 2, 4, 6, 9])).toBe(1);
    // Median 5000, MAD 0 floored at 500: 0.6745 * 40000 / 500.
    expect(robustScore(45000, [5000, 5000, 5000, 5000])).toBeCloseTo(53.96, 2);
    expect(robustScore(5200, [5000, 5000, 5000, 5000])).toBeLessThan(3.5);
  });

  test('amounts round to 5 units below 100 units and to 10 from there', () => {
    expect(roundUpSensibly(1299, 2)).toBe(1500);
    expect(roundUpSensibly(20250, 2)).toBe(21000);
    expect(roundUpSensibly(500, 2)).toBe(500);
    expect(roundDownSensibly(14736, 2)).toBe(14000);
    expect(roundDownSensibly(4210, 2)).toBe(4000);
    expect(roundUpSensibly(1234, 0)).toBe(1240);
  });
});
