import {
  addMonths,
  currentMonth,
  isCalendarDay,
  isMonth,
  monthOf,
  monthRange,
  monthsEndingAt,
  today,
} from './dates';

describe('addMonths', () => {
  test('within a year', () => {
    expect(addMonths('2024-03', 0)).toBe('2024-03');
    expect(addMonths('2024-03', 1)).toBe('2024-04');
    expect(addMonths('2024-03', -2)).toBe('2024-01');
  });

  test('across year boundaries, both ways', () => {
    expect(addMonths('2024-12', 1)).toBe('2025-01');
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(addMonths('2024-03', -11)).toBe('2023-04');
    expect(addMonths('2024-03', -12)).toBe('2023-03');
    expect(addMonths('2024-03', -15)).toBe('2022-12');
    expect(addMonths('2023-11', 14)).toBe('2025-01');
    expect(addMonths('1999-12', 1)).toBe('2000-01');
    expect(addMonths('1000-01', -1)).toBe('0999-12');
  });
});

describe('monthsEndingAt', () => {
  test('twelve months across a year boundary, oldest first', () => {
    expect(monthsEndingAt('2024-03', 12)).toEqual([
      '2023-04',
      '2023-05',
      '2023-06',
      '2023-07',
      '2023-08',
      '2023-09',
      '2023-10',
      '2023-11',
      '2023-12',
      '2024-01',
      '2024-02',
      '2024-03',
    ]);
  });

  test('ending in December stays in one year', () => {
    const months = monthsEndingAt('2024-12', 12);
    expect(months[0]).toBe('2024-01');
    expect(months[11]).toBe('2024-12');
  });

  test('one month and none', () => {
    expect(monthsEndingAt('2024-01', 1)).toEqual(['2024-01']);
    expect(monthsEndingAt('2024-01', 0)).toEqual([]);
    expect(monthsEndingAt('2024-01', 3)).toEqual(['2023-11', '2023-12', '2024-01']);
  });
});

describe('monthRange', () => {
  test('first day and last day (leap years included)', () => {
    expect(monthRange('2024-02')).toEqual({ start: '2024-02-01', last: '2024-02-29' });
    expect(monthRange('2023-02').last).toBe('2023-02-28');
    expect(monthRange('1900-02').last).toBe('1900-02-28');
    expect(monthRange('2000-02').last).toBe('2000-02-29');
    expect(monthRange('2024-04').last).toBe('2024-04-30');
    expect(monthRange('2023-12')).toEqual({ start: '2023-12-01', last: '2023-12-31' });
  });

  test('the last day of 9999-12 is a real day; the next month is not', () => {
    const { start, last } = monthRange('9999-12');
    expect([start, last]).toEqual(['9999-12-01', '9999-12-31']);
    expect(isCalendarDay(last)).toBe(true);
    expect(isCalendarDay(`${addMonths('9999-12', 1)}-01`)).toBe(false);
  });
});

describe('isCalendarDay', () => {
  test.each([
    '2024-01-15',
    '2024-01-31',
    '2024-02-29',
    '2000-02-29',
    '2023-02-28',
    '2024-04-30',
    '2024-12-31',
    '1000-01-01',
    '9999-12-31',
  ])('accepts %s', (day) => {
    expect(isCalendarDay(day)).toBe(true);
  });

  test.each([
    '2023-02-29',
    '1900-02-29',
    '2100-02-29',
    '2024-02-30',
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '2024-01-32',
    '0000-01-01',
    '0999-12-31',
    '2024-1-01',
    '2024-01-1',
    '24-01-01',
    '2024/01/01',
    '2024-01-01T00:00:00Z',
    ' 2024-01-01',
    '2024-01-01 ',
    '',
    'today',
  ])('refuses %j', (day) => {
    expect(isCalendarDay(day)).toBe(false);
  });
});

describe('isMonth', () => {
  test.each(['2024-01', '2024-12', '1000-01', '9999-12'])('accepts %s', (month) => {
    expect(isMonth(month)).toBe(true);
  });

  test.each([
    '2024-13',
    '2024-00',
    '2024-1',
    '0000-01',
    '0999-12',
    '24-01',
    '2024-01-01',
    '2024/01',
    ' 2024-01',
    '',
  ])('refuses %j', (month) => {
    expect(isMonth(month)).toBe(false);
  });
});

describe('monthOf, currentMonth and today', () => {
  test('use UTC', () => {
    expect(monthOf('2024-02-29')).toBe('2024-02');
    const lateNewYearsEve = new Date('2023-12-31T23:30:00-05:00');
    expect(currentMonth(lateNewYearsEve)).toBe('2024-01');
    expect(today(lateNewYearsEve)).toBe('2024-01-01');
    expect(currentMonth(new Date('2024-03-31T23:59:59.999Z'))).toBe('2024-03');
  });
});
