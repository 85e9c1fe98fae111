/** Calendar days are 'YYYY-MM-DD' strings and months 'YYYY-MM' strings; no time zones involved. */

const DAY_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_TEXT = /^(\d{4})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Year 0000 is refused: it is not a day anyone spent money on, and MySQL's DATE starts at 1000. */
const MIN_YEAR = 1000;

export function isCalendarDay(text: string): boolean {
  const match = DAY_TEXT.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  return (
    year >= MIN_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

export function isMonth(text: string): boolean {
  const match = MONTH_TEXT.exec(text);
  if (!match) return false;
  const [year, month] = match.slice(1).map(Number);
  return year >= MIN_YEAR && month >= 1 && month <= 12;
}

/**
 * The first and the last day of a month: bound a month with `date >= start AND date <= last`.
 * (Not `date < ` the first of the next month: after 9999-12 comes "10000-01-01", which no DATE
 * column holds and which sorts before "9999-12-31" as text.)
 */
export function monthRange(month: string): { start: string; last: string } {
  const [year, mon] = month.split('-').map(Number);
  return {
    start: `${month}-01`,
    last: `${month}-${String(daysInMonth(year, mon)).padStart(2, '0')}`,
  };
}

export function addMonths(month: string, count: number): string {
  const [year, mon] = month.split('-').map(Number);
  const index = year * 12 + (mon - 1) + count;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** The months from `count - 1` months before `last` up to `last`, oldest first. */
export function monthsEndingAt(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(last, i - (count - 1)));
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

export function currentMonth(now: Date = new Date()): string {
  return now.toISOString().slice(0, 7);
}

export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The day `count` days after `day` (before, when negative). */
export function addDays(day: string, count: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + count)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
