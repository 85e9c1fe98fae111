/**
 * The rule form's simple choices and the RRULE text the API takes (RFC 5545 parts without
 * DTSTART: the start date travels on its own). The server clamps a monthly day above 28 to the
 * last day of shorter months, so "the 31st" is sent as BYMONTHDAY=31 and comes back to the 31st.
 */

export type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';
export type Ends = 'never' | 'count' | 'until';

export const WEEKDAYS: readonly { code: Weekday; short: string; long: string }[] = [
  { code: 'MO', short: 'Mon', long: 'Monday' },
  { code: 'TU', short: 'Tue', long: 'Tuesday' },
  { code: 'WE', short: 'Wed', long: 'Wednesday' },
  { code: 'TH', short: 'Thu', long: 'Thursday' },
  { code: 'FR', short: 'Fri', long: 'Friday' },
  { code: 'SA', short: 'Sat', long: 'Saturday' },
  { code: 'SU', short: 'Sun', long: 'Sunday' },
];

export interface Schedule {
  frequency: Frequency;
  /** As typed: a whole number from 1. */
  interval: string;
  /** Weekly only. */
  weekdays: Weekday[];
  /** Monthly only: "1".."31", or "last". */
  monthDay: string;
  ends: Ends;
  /** As typed, when `ends` is "count". */
  count: string;
  /** YYYY-MM-DD, when `ends` is "until". */
  until: string;
}

const UNITS: Record<Frequency, [string, string]> = {
  DAILY: ['day', 'days'],
  WEEKLY: ['week', 'weeks'],
  MONTHLY: ['month', 'months'],
  YEARLY: ['year', 'years'],
};

export const unitLabel = (frequency: Frequency, plural: boolean) =>
  UNITS[frequency][plural ? 1 : 0];

/** Monday first, as ISO 8601 counts; the day of a YYYY-MM-DD read as a calendar date. */
export function weekdayOf(date: string): Weekday {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return WEEKDAYS[(day + 6) % 7].code;
}

/** The form's starting choices for a new rule: monthly on the start date's day, no end. */
export function defaultSchedule(startDate: string): Schedule {
  return {
    frequency: 'MONTHLY',
    interval: '1',
    weekdays: [weekdayOf(startDate)],
    monthDay: String(Number(startDate.slice(8, 10)) || 1),
    ends: 'never',
    count: '12',
    until: '',
  };
}

const WHOLE = /^\d+$/;

/** What is wrong with the choices, by form field name; empty when they make a rule. */
export function scheduleProblems(schedule: Schedule, startDate: string): Record<string, string> {
  const found: Record<string, string> = {};
  const interval = schedule.interval.trim();
  if (!WHOLE.test(interval) || Number(interval) < 1 || Number(interval) > 1000) {
    found.interval = 'Enter a whole number from 1 to 1000';
  }
  if (schedule.frequency === 'WEEKLY' && schedule.weekdays.length === 0) {
    found.weekdays = 'Pick at least one day of the week';
  }
  if (schedule.ends === 'count') {
    const count = schedule.count.trim();
    if (!WHOLE.test(count) || Number(count) < 1 || Number(count) > 10_000) {
      found.count = 'Enter how many times, from 1 to 10000';
    }
  }
  if (schedule.ends === 'until') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(schedule.until)) found.until = 'Enter the last day';
    else if (/^\d{4}-\d{2}-\d{2}$/.test(startDate) && schedule.until < startDate) {
      found.until = 'The last day cannot be before the start date';
    }
  }
  return found;
}

/** The RRULE for valid choices (see scheduleProblems). */
export function buildRrule(schedule: Schedule): string {
  const parts = [`FREQ=${schedule.frequency}`];
  const interval = Number(schedule.interval.trim());
  if (interval > 1) parts.push(`INTERVAL=${interval}`);
  if (schedule.frequency === 'WEEKLY') {
    // In the week's order whatever order they were ticked in, so equal rules read the same.
    const days = WEEKDAYS.map((d) => d.code).filter((code) => schedule.weekdays.includes(code));
    parts.push(`BYDAY=${days.join(',')}`);
  }
  if (schedule.frequency === 'MONTHLY') {
    parts.push(`BYMONTHDAY=${schedule.monthDay === 'last' ? -1 : Number(schedule.monthDay)}`);
  }
  if (schedule.ends === 'count') parts.push(`COUNT=${Number(schedule.count.trim())}`);
  if (schedule.ends === 'until') parts.push(`UNTIL=${schedule.until.replace(/-/g, '')}`);
  return parts.join(';');
}

/**
 * The choices that make `rrule`, or null when it uses something the simple form cannot show
 * (BYMONTH, several month days, BYDAY on a monthly rule...): such a rule is edited as text.
 */
export function parseRrule(rrule: string, startDate: string): Schedule | null {
  const parts = new Map<string, string>();
  for (const part of rrule
    .replace(/^RRULE:/i, '')
    .toUpperCase()
    .split(';')
    .filter(Boolean)) {
    const [key, value, extra] = part.split('=');
    if (!key || value === undefined || extra !== undefined || parts.has(key)) return null;
    parts.set(key, value);
  }
  const frequency = parts.get('FREQ') as Frequency | undefined;
  if (!frequency || !(frequency in UNITS)) return null;
  const schedule = defaultSchedule(startDate);
  schedule.frequency = frequency;
  for (const [key, value] of parts) {
    switch (key) {
      case 'FREQ':
      case 'WKST':
        break;
      case 'INTERVAL':
        if (!WHOLE.test(value)) return null;
        schedule.interval = String(Number(value));
        break;
      case 'BYDAY': {
        const days = value.split(',');
        const known = WEEKDAYS.map((d) => d.code) as string[];
        if (frequency !== 'WEEKLY' || !days.every((d) => known.includes(d))) return null;
        schedule.weekdays = days as Weekday[];
        break;
      }
      case 'BYMONTHDAY': {
        if (frequency !== 'MONTHLY') return null;
        if (value === '-1') schedule.monthDay = 'last';
        else if (WHOLE.test(value) && Number(value) >= 1 && Number(value) <= 31) {
          schedule.monthDay = String(Number(value));
        } else return null;
        break;
      }
      case 'COUNT':
        if (!WHOLE.test(value)) return null;
        schedule.ends = 'count';
        schedule.count = String(Number(value));
        break;
      case 'UNTIL': {
        const day = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(value);
        if (!day) return null;
        schedule.ends = 'until';
        schedule.until = `${day[1]}-${day[2]}-${day[3]}`;
        break;
      }
      default:
        return null;
    }
  }
  return schedule;
}

const ordinal = (n: number) => {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
};

/** "Every 2 weeks on Mon, Fri, 6 times", for lists; the rule itself when the form cannot say it. */
export function describeRrule(rrule: string, startDate: string, locale?: string): string {
  const schedule = parseRrule(rrule, startDate);
  if (!schedule) return rrule;
  const interval = Number(schedule.interval);
  let text =
    interval === 1
      ? `Every ${unitLabel(schedule.frequency, false)}`
      : `Every ${interval} ${unitLabel(schedule.frequency, true)}`;
  if (schedule.frequency === 'WEEKLY') {
    const days = WEEKDAYS.filter((d) => schedule.weekdays.includes(d.code)).map((d) => d.short);
    text += ` on ${days.join(', ')}`;
  }
  if (schedule.frequency === 'MONTHLY') {
    const day = schedule.monthDay === 'last' ? 0 : Number(schedule.monthDay);
    text += day === 0 ? ' on the last day' : ` on the ${ordinal(day)}`;
    if (day > 28) text += ' (or the last day)';
  }
  if (schedule.frequency === 'YEARLY') {
    const date = new Date(`${startDate}T00:00:00Z`);
    text += ` on ${new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(date)}`;
  }
  if (schedule.ends === 'count') {
    text += Number(schedule.count) === 1 ? ', once' : `, ${schedule.count} times`;
  }
  if (schedule.ends === 'until') {
    const date = new Date(`${schedule.until}T00:00:00Z`);
    text += `, until ${new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date)}`;
  }
  return text;
}
