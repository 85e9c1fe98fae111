import {
  addMonths,
  currentMonth,
  daysInMonth,
  daysLeft,
  formatDate,
  formatMonth,
  isMonth,
  today,
} from './dates';

test('today and the current month are the local calendar day', () => {
  const now = new Date(2024, 0, 5, 23, 59);
  expect(today(now)).toBe('2024-01-05');
  expect(currentMonth(now)).toBe('2024-01');
});

test('months add across years', () => {
  expect(addMonths('2024-01', -1)).toBe('2023-12');
  expect(addMonths('2024-12', 1)).toBe('2025-01');
  expect(addMonths('2024-03', -14)).toBe('2023-01');
});

test('month lengths and days left', () => {
  expect(daysInMonth('2024-02')).toBe(29);
  expect(daysInMonth('2023-02')).toBe(28);
  expect(daysLeft('2024-03', '2024-03-10')).toBe(22);
  expect(daysLeft('2024-03', '2024-03-31')).toBe(1);
  expect(daysLeft('2024-02', '2024-03-10')).toBe(0);
  expect(daysLeft('2024-04', '2024-03-10')).toBe(30);
});

test('isMonth accepts YYYY-MM only', () => {
  expect(isMonth('2024-01')).toBe(true);
  expect(isMonth('2024-13')).toBe(false);
  expect(isMonth('2024-1')).toBe(false);
  expect(isMonth(null)).toBe(false);
});

test('formatting reads the strings as calendar days, whatever the time zone', () => {
  expect(formatMonth('2024-03', 'en-US')).toBe('March 2024');
  expect(formatMonth('2024-03', 'en-US', 'short')).toBe('Mar 2024');
  expect(formatDate('2024-01-01', 'en-US')).toBe('Jan 1, 2024');
  expect(formatDate('2024-12-31', 'en-GB')).toBe('31 Dec 2024');
});
