import { useState } from 'react';
import { formatMoney } from '../../lib/money';
import { addMonths, daysInMonth, formatMonth, today } from '../../lib/dates';
import { WEEKDAYS } from './schedule';
import type { UpcomingBill } from './useRecurring';

/** The month's days in weeks of 7 (Monday first), padded with nulls before and after. */
export function monthWeeks(month: string): (string | null)[][] {
  const firstWeekday = (new Date(`${month}-01T00:00:00Z`).getUTCDay() + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: firstWeekday }, () => null);
  for (let day = 1; day <= daysInMonth(month); day++) {
    cells.push(`${month}-${String(day).padStart(2, '0')}`);
  }
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
}

/** The months from the earliest bill (or this month) to the latest, in order. */
export function billMonths(bills: UpcomingBill[], now: string): string[] {
  const months = bills.map((b) => b.date.slice(0, 7));
  let month = [now.slice(0, 7), ...months].sort()[0];
  const last = [now.slice(0, 7), ...months].sort().reverse()[0];
  const list: string[] = [];
  while (month <= last) {
    list.push(month);
    month = addMonths(month, 1);
  }
  return list;
}

/** Bills on their days, a month at a time; on a phone the cells shrink to names. */
export function BillsCalendar({ bills }: { bills: UpcomingBill[] }) {
  const now = today();
  const months = billMonths(bills, now);
  const [index, setIndex] = useState(() => Math.max(0, months.indexOf(now.slice(0, 7))));
  const month = months[Math.min(index, months.length - 1)];
  const byDay = new Map<string, UpcomingBill[]>();
  for (const bill of bills) byDay.set(bill.date, [...(byDay.get(bill.date) ?? []), bill]);
  const title = formatMonth(month);

  return (
    <div className="bill-calendar">
      <div className="bill-calendar-head">
        <button
          type="button"
          className="button-secondary button-small"
          aria-label="Previous month"
          disabled={index <= 0}
          onClick={() => setIndex(index - 1)}
        >
          ‹
        </button>
        <h3 aria-live="polite">{title}</h3>
        <button
          type="button"
          className="button-secondary button-small"
          aria-label="Next month"
          disabled={index >= months.length - 1}
          onClick={() => setIndex(index + 1)}
        >
          ›
        </button>
      </div>
      <table className="calendar-grid">
        <caption className="visually-hidden">Bills in {title}</caption>
        <thead>
          <tr>
            {WEEKDAYS.map((day) => (
              <th key={day.code} scope="col">
                <abbr title={day.long}>{day.short}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(month).map((week, w) => (
            <tr key={w}>
              {week.map((date, d) => {
                const due = date ? (byDay.get(date) ?? []) : [];
                return (
                  <td
                    key={date ?? `pad-${w}-${d}`}
                    className={[
                      date === now ? 'calendar-today' : '',
                      due.length > 0 ? 'calendar-due' : '',
                    ]
                      .filter(Boolean)
                      .join(' ')}
                    aria-current={date === now ? 'date' : undefined}
                  >
                    {date && (
                      <>
                        <span className="calendar-day">{Number(date.slice(8))}</span>
                        {due.length > 0 && (
                          <ul>
                            {due.map((bill) => (
                              <li
                                key={bill.rule.id}
                                className={bill.overdue ? 'calendar-bill overdue' : 'calendar-bill'}
                                title={`${bill.rule.name}: ${formatMoney(bill.amount, bill.rule.currency)}`}
                              >
                                <span className="calendar-bill-name">{bill.rule.name}</span>
                                <span className="calendar-bill-amount">
                                  {formatMoney(bill.amount, bill.rule.currency)}
                                </span>
                                {bill.overdue && (
                                  <span className="visually-hidden"> (overdue)</span>
                                )}
                              </li>
                            ))}
                          </ul>
                        )}
                      </>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
