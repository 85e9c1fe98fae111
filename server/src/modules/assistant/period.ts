import * as chrono from 'chrono-node';
import { addDays, monthRange } from '../../lib/dates';

/** A span of calendar days, both ends included. */
export interface Period {
  from: string;
  to: string;
  /** How the answer names it: "last month", "March 2025". */
  label: string;
}

/** Where a date or period was written, so that its numbers are not read as money. */
export interface Span {
  start: number;
  end: number;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;

const pad = (n: number) => String(n).padStart(2, '0');
const monthIndex = (name: string) =>
  MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().slice(0, 3)));
const label = (index: number, year: number) =>
  `${MONTHS[index][0].toUpperCase()}${MONTHS[index].slice(1)} ${year}`;

/** The weekday of a calendar day, Monday 0. */
function weekday(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** A month named without a year is the latest one not in the future. */
function yearOf(month: number, today: string, written?: string): number {
  if (written) return Number(written);
  const year = Number(today.slice(0, 4));
  return month + 1 > Number(today.slice(5, 7)) ? year - 1 : year;
}

function monthPeriod(month: string, text: string): Period {
  const { start, last } = monthRange(month);
  return { from: start, to: last, label: text };
}

type Rule = [RegExp, (m: RegExpMatchArray, today: string) => Period | null];

const shiftMonth = (today: string, by: number) => {
  const date = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + by);
  return date.toISOString().slice(0, 7);
};

const RULES: Rule[] = [
  [
    new RegExp(
      String.raw`\b(?:between|from)\s+(?:the\s+)?${DAY}(?:\s+${MONTH})?\s+(?:and|to|until|till|-)\s+(?:the\s+)?${DAY}(?:\s+(?:of\s+)?${MONTH})(?:\s+(\d{4}))?`,
      'i',
    ),
    (m, today) => {
      const second = monthIndex(m[4]);
      const first = m[2] ? monthIndex(m[2]) : second;
      const year = yearOf(second, today, m[5]);
      const from = `${year}-${pad(first + 1)}-${pad(Number(m[1]))}`;
      const to = `${year}-${pad(second + 1)}-${pad(Number(m[3]))}`;
      return { from, to, label: `${from} to ${to}` };
    },
  ],
  [
    new RegExp(String.raw`\b${DAY}\s*-\s*${DAY}\s+(?:of\s+)?${MONTH}(?:\s+(\d{4}))?`, 'i'),
    (m, today) => {
      const month = monthIndex(m[3]);
      const year = yearOf(month, today, m[4]);
      const from = `${year}-${pad(month + 1)}-${pad(Number(m[1]))}`;
      const to = `${year}-${pad(month + 1)}-${pad(Number(m[2]))}`;
      return { from, to, label: `${from} to ${to}` };
    },
  ],
  [
    /\b(?:in the )?(?:last|past|previous)\s+(\d{1,3})\s+days?\b/i,
    (m, today) => {
      const days = Number(m[1]);
      return { from: addDays(today, 1 - days), to: today, label: `the last ${days} days` };
    },
  ],
  [
    /\b(?:in the )?(?:last|past)\s+(\d{1,2})\s+months?\b/i,
    (m, today) => {
      const months = Number(m[1]);
      const first = shiftMonth(today, 1 - months);
      return { from: `${first}-01`, to: today, label: `the last ${months} months` };
    },
  ],
  [
    /\b(?:last|previous|past)\s+month\b|\bmonth before this\b/i,
    (_m, today) => monthPeriod(shiftMonth(today, -1), 'last month'),
  ],
  [
    /\b(?:this|current)\s+month\b|\bso far\b(?!\s+this\s+year)|\bmonth to date\b/i,
    (_m, today) => ({ from: `${today.slice(0, 7)}-01`, to: today, label: 'this month' }),
  ],
  [
    /\b(?:last|previous|past)\s+year\b/i,
    (_m, today) => {
      const year = Number(today.slice(0, 4)) - 1;
      return { from: `${year}-01-01`, to: `${year}-12-31`, label: String(year) };
    },
  ],
  [
    /\b(?:this|current)\s+year\b|\byear to date\b|\bytd\b|\bthis yr\b/i,
    (_m, today) => ({ from: `${today.slice(0, 4)}-01-01`, to: today, label: 'this year' }),
  ],
  [
    /\b(?:last|previous|past)\s+week\b/i,
    (_m, today) => {
      const monday = addDays(today, -weekday(today) - 7);
      return { from: monday, to: addDays(monday, 6), label: 'last week' };
    },
  ],
  [
    /\b(?:this|current)\s+week\b/i,
    (_m, today) => ({ from: addDays(today, -weekday(today)), to: today, label: 'this week' }),
  ],
  [/\btoday\b/i, (_m, today) => ({ from: today, to: today, label: 'today' })],
  [
    /\byesterday\b/i,
    (_m, today) => {
      const day = addDays(today, -1);
      return { from: day, to: day, label: 'yesterday' };
    },
  ],
  [
    new RegExp(String.raw`\bsince\s+${MONTH}(?:\s+(\d{4}))?\b`, 'i'),
    (m, today) => {
      const month = monthIndex(m[1]);
      const year = yearOf(month, today, m[2]);
      return {
        from: `${year}-${pad(month + 1)}-01`,
        to: today,
        label: `since ${label(month, year)}`,
      };
    },
  ],
  [
    new RegExp(String.raw`\b(?:in|during|for|of)?\s*${MONTH}(?:\s+(\d{4}))?\b`, 'i'),
    (m, today) => {
      // "may" alone is too often the verb: only "in May" or "May 2025" name the month.
      if (/^\s*may$/i.test(m[0])) return null;
      const month = monthIndex(m[1]);
      const year = yearOf(month, today, m[2]);
      return monthPeriod(`${year}-${pad(month + 1)}`, label(month, year));
    },
  ],
  [
    /\b(?:in|during)\s+(\d{4})\b/i,
    (m) => ({ from: `${m[1]}-01-01`, to: `${m[1]}-12-31`, label: m[1] }),
  ],
];

/** The period a question asks about, by our own grammar; null when it names none. */
export function findPeriod(text: string, today: string): (Period & Span) | null {
  for (const [pattern, make] of RULES) {
    const match = text.match(pattern);
    if (!match || match.index === undefined) continue;
    const period = make(match, today);
    if (period) return { ...period, start: match.index, end: match.index + match[0].length };
  }
  return null;
}

/**
 * The day a logged transaction happened: chrono-node reads "yesterday", "last friday",
 * "on 3 March", "2 days ago"; day-first for "03/04". It is given noon UTC of the user's today,
 * so its answer is a calendar day in the user's time zone whatever the server's zone.
 */
export function findDay(text: string, today: string): ({ day: string } & Span) | null {
  const ordinal = text.match(/\bon the (\d{1,2})(?:st|nd|rd|th)\b/i);
  if (ordinal?.index !== undefined) {
    let day = `${today.slice(0, 7)}-${pad(Number(ordinal[1]))}`;
    if (day > today) day = `${shiftMonth(today, -1)}-${pad(Number(ordinal[1]))}`;
    return { day, start: ordinal.index, end: ordinal.index + ordinal[0].length };
  }
  const reference = { instant: new Date(`${today}T12:00:00Z`), timezone: 0 };
  for (const result of chrono.en.GB.parse(text, reference)) {
    // A bare number ("12.50", "2000") is money, not a date; nor is one before a day ("10 today").
    if (/^[\d.,\s]+$/.test(result.text)) continue;
    const money = result.text.match(/^\d[\d.,:]*\s+(?:on\s+)?(?=\D)/);
    const start = result.index + (money && result.start.isCertain('hour') ? money[0].length : 0);
    if (
      !result.start.isCertain('day') &&
      !/ago|yesterday|today|last|week|day|night|morning/i.test(result.text)
    )
      continue;
    let day = `${result.start.get('year')}-${pad(result.start.get('month') ?? 1)}-${pad(result.start.get('day') ?? 1)}`;
    // "on Monday" when logging means the one just past.
    if (day > today && /^(on\s+)?[a-z]+day$/i.test(result.text.trim())) day = addDays(day, -7);
    return { day, start, end: result.index + result.text.length };
  }
  return null;
}
