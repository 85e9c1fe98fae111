import { addDays } from '../../lib/dates';
import { detectSeries, type Occurrence } from './detect';
import { measureDetection } from './synthetic-history';

const monthly = (days: string[], amount = 1000): Occurrence[] =>
  days.map((date) => ({ date, amountMinor: amount }));

describe('recurring detection', () => {
  test('precision and recall on generated histories are at least 0.9', () => {
    const score = measureDetection(80, 20261201);
    console.log(
      `recurring detection on ${score.histories} histories: precision ${score.precision.toFixed(3)}, ` +
        `recall ${score.recall.toFixed(3)} (${score.truePositives} found, ${score.falsePositives} wrong, ` +
        `${score.falseNegatives} missed)`,
    );
    expect(score.truePositives).toBeGreaterThan(300);
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
  });

  test('a monthly payment moved off weekends keeps its day of the month', () => {
    // The 15th; 2024-06-15 was a Saturday, 2024-09-15 a Sunday: booked on the Monday.
    const [series] = detectSeries(
      monthly(['2024-05-15', '2024-06-17', '2024-07-15', '2024-08-15', '2024-09-16']),
    );
    expect(series).toEqual({
      cadence: 'MONTHLY',
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=15',
      amountMinor: 1000,
      occurrences: 5,
      firstDate: '2024-05-15',
      lastDate: '2024-09-16',
      nextDate: '2024-10-15',
    });
  });

  test('month ends are BYMONTHDAY=-1, and the next one is the last day of its month', () => {
    const [series] = detectSeries(
      monthly(['2024-01-31', '2024-02-29', '2024-03-29', '2024-04-30']),
    );
    expect([series.rrule, series.nextDate]).toEqual(['FREQ=MONTHLY;BYMONTHDAY=-1', '2024-05-31']);
  });

  test('weekly, every two weeks, quarterly and yearly series get their rules', () => {
    const every = (first: string, step: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({ date: addDays(first, step * i), amountMinor: 500 }));
    expect(detectSeries(every('2024-01-01', 7, 6)).map((s) => s.rrule)).toEqual([
      'FREQ=WEEKLY;BYDAY=MO',
    ]);
    expect(detectSeries(every('2024-01-05', 14, 5)).map((s) => [s.rrule, s.nextDate])).toEqual([
      ['FREQ=WEEKLY;INTERVAL=2;BYDAY=FR', '2024-03-15'],
    ]);
    expect(
      detectSeries(monthly(['2023-02-10', '2023-05-11', '2023-08-09', '2023-11-10'])).map(
        (s) => s.rrule,
      ),
    ).toEqual(['FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=10']);
    expect(
      detectSeries(monthly(['2022-03-01', '2023-03-01', '2024-03-01'])).map((s) => s.rrule),
    ).toEqual(['FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1']);
  });

  test('amounts within 10 % make a series; further apart, or only two payments, do not', () => {
    const days = ['2024-01-10', '2024-02-10', '2024-03-10', '2024-04-10'];
    const amounts = (values: number[]) => days.map((date, i) => ({ date, amountMinor: values[i] }));
    expect(detectSeries(amounts([1000, 1090, 950, 1020]))[0]?.amountMinor).toBe(1010);
    expect(detectSeries(amounts([1000, 1400, 700, 1000]))).toEqual([]);
    expect(detectSeries(monthly(days.slice(0, 2)))).toEqual([]);
  });

  test('a payee seen at random, however often at one price, is no series', () => {
    const random = [3, 11, 14, 29, 33, 50, 58, 61, 80, 95, 97, 110].map((d) => ({
      date: addDays('2024-01-01', d),
      amountMinor: 350,
    }));
    expect(detectSeries(random)).toEqual([]);
  });
});
