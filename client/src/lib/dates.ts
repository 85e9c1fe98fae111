/**
 * Calendar days ("2024-03-10") and months ("2024-03") as the API speaks them. Today's date is the
 * user's own local day; formatting reads the strings as calendar dates in UTC so no time zone
 * shifts a day.
 */

const pad = (n: number) => String(n).padStart(2, '0');

export function today(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function currentMonth(now: Date = new Date()): string {
  return today(now).slice(0, 7);
}

export function isMonth(text: string | null | undefined): text is string {
  return !!text && /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

export function addMonths(month: string, count: number): string {
  const [year, m] = month.split('-').map(Number);
  const index = year * 12 + (m - 1) + count;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

export function daysInMonth(month: string): number {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

/**
 * Days still ahead in `month`, today included: all of a future month, none of a past one.
 */
export function daysLeft(month: string, day: string = today()): number {
  const current = day.slice(0, 7);
  if (month < current) return 0;
  const total = daysInMonth(month);
  if (month > current) return total;
  return total - Number(day.slice(8, 10)) + 1;
}

/** "2024-03" -> "March 2024". */
export function formatMonth(
  month: string,
  locale?: string,
  style: 'long' | 'short' = 'long',
): string {
  const [year, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, {
    month: style,
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, m - 1, 1)));
}

/** "2024-03-10" -> "Mar 10, 2024" (in the reader's locale). */
export function formatDate(date: string, locale?: string): string {
  const [year, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, m - 1, d)));
}
