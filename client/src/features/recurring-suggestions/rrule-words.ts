const WEEKDAYS: Record<string, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

function monthName(month: number, locale?: string): string {
  return new Date(Date.UTC(2000, month - 1, 1)).toLocaleString(locale ?? 'en', {
    month: 'long',
    timeZone: 'UTC',
  });
}

/**
 * The interval of a suggested series in words ("Every month on the 15th", "Every 2 weeks on
 * Friday"), from the RRULEs detection writes; anything else is shown as the rule itself.
 */
export function rruleInWords(rrule: string, locale?: string): string {
  const parts = Object.fromEntries(
    rrule.split(';').map((part) => part.split('=') as [string, string]),
  );
  const interval = Number(parts.INTERVAL ?? '1');
  const day = parts.BYMONTHDAY === undefined ? null : Number(parts.BYMONTHDAY);
  const onDay = day === null ? '' : day === -1 ? ' on the last day' : ` on the ${ordinal(day)}`;
  switch (parts.FREQ) {
    case 'WEEKLY': {
      const weekday = WEEKDAYS[parts.BYDAY] ? ` on ${WEEKDAYS[parts.BYDAY]}` : '';
      return interval === 1 ? `Every week${weekday}` : `Every ${interval} weeks${weekday}`;
    }
    case 'MONTHLY':
      return interval === 1 ? `Every month${onDay}` : `Every ${interval} months${onDay}`;
    case 'YEARLY': {
      const month = Number(parts.BYMONTH);
      if (!month || day === null) return 'Every year';
      return day === -1
        ? `Every year on the last day of ${monthName(month, locale)}`
        : `Every year on ${monthName(month, locale)} ${day}`;
    }
    default:
      return rrule;
  }
}
