import { milestoneAt, neededPerMonth, progressPercent, projectedDate } from './goal-progress';

describe('goal arithmetic', () => {
  test('needed per month is the rest over the months left, this one counted, rounded up', () => {
    // 1000.00 over Dec, Jan, Feb is 333.333...: 333.33 would leave a cent short, so 333.34.
    expect(neededPerMonth(0n, 100_000n, '2027-02-01', '2026-12-15')).toBe(33_334n);
    // 999.99 divides evenly: 333.33.
    expect(neededPerMonth(1n, 100_000n, '2027-02-28', '2026-12-15')).toBe(33_333n);
    expect(neededPerMonth(0n, 100_000n, '2026-12-31', '2026-12-01')).toBe(100_000n);
    // A date that has passed leaves this month only; a reached goal needs nothing.
    expect(neededPerMonth(0n, 5_000n, '2026-01-31', '2026-12-01')).toBe(5_000n);
    expect(neededPerMonth(6_000n, 5_000n, '2027-01-31', '2026-12-01')).toBe(0n);
    expect(neededPerMonth(0n, 5_000n, null, '2026-12-01')).toBeNull();
  });

  test('the projected date follows the pace of the last three months', () => {
    // 300.00 in three months is 100.00 a month; 450.00 to go takes 4.5 -> 5 months.
    expect(projectedDate(55_000n, 100_000n, 30_000n, '2026-12-10')).toBe('2027-05-31');
    expect(projectedDate(55_000n, 100_000n, 0n, '2026-12-10')).toBeNull();
    expect(projectedDate(55_000n, 100_000n, -100n, '2026-12-10')).toBeNull();
    expect(projectedDate(100_000n, 100_000n, 30_000n, '2026-12-10')).toBeNull();
    // A cent in three months towards a million: more than 100 years, so no date.
    expect(projectedDate(0n, 100_000_000n, 1n, '2026-12-10')).toBeNull();
  });

  test('progress is whole percent rounded down; milestones are its steps', () => {
    expect(progressPercent(9_999n, 10_000n)).toBe(99);
    expect(progressPercent(-5n, 10_000n)).toBe(0);
    expect(progressPercent(25_000n, 10_000n)).toBe(250);
    expect([0, 24, 25, 74, 99, 100, 250].map(milestoneAt)).toEqual([0, 0, 25, 50, 75, 100, 100]);
  });
});
