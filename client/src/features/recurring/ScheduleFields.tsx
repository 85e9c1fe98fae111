import { useQuery } from '@apollo/client/react';
import { useEffect, useId, useState } from 'react';
import { RecurringPreviewDocument } from '../../graphql/graphql';
import { formatDate, today } from '../../lib/dates';
import { errorMessage, fieldErrors } from '../../lib/errors';
import {
  buildRrule,
  defaultSchedule,
  scheduleProblems,
  unitLabel,
  WEEKDAYS,
  type Ends,
  type Frequency,
  type Schedule,
  type Weekday,
} from './schedule';

/** What the form holds: simple choices, or (for rules the choices cannot say) the RRULE text. */
export type Repeat = { custom: false; schedule: Schedule } | { custom: true; text: string };

export const rruleOf = (repeat: Repeat): string =>
  repeat.custom ? repeat.text.trim() : buildRrule(repeat.schedule);

const PREVIEW_COUNT = 5;
const MONTH_DAYS = Array.from({ length: 31 }, (_, i) => String(i + 1));

/** Waits until `value` has stood still for `ms`, so typing "12" asks the server once. */
function useSettled<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * "Repeats every N days/weeks/months/years", the weekdays or the day of the month, the end, and
 * the next dates as the server will post them (its clamping of the 31st included).
 */
export function ScheduleFields({
  repeat,
  onChange,
  startDate,
  problems,
}: {
  repeat: Repeat;
  onChange(repeat: Repeat): void;
  startDate: string;
  problems: Record<string, string>;
}) {
  const id = useId();
  const validStart = /^\d{4}-\d{2}-\d{2}$/.test(startDate);
  const localProblems = repeat.custom ? {} : scheduleProblems(repeat.schedule, startDate);
  const rrule = rruleOf(repeat);
  const ready = validStart && rrule !== '' && Object.keys(localProblems).length === 0;
  const asked = useSettled({ rrule, startDate, ready });
  const preview = useQuery(RecurringPreviewDocument, {
    variables: { rrule: asked.rrule, startDate: asked.startDate, count: PREVIEW_COUNT },
    skip: !asked.ready,
  });
  const previewError = preview.error
    ? (fieldErrors(preview.error).rrule ?? errorMessage(preview.error))
    : null;
  const dates = preview.data?.recurringPreview ?? preview.previousData?.recurringPreview;

  const set = (over: Partial<Schedule>) =>
    !repeat.custom && onChange({ custom: false, schedule: { ...repeat.schedule, ...over } });
  const schedule = repeat.custom ? null : repeat.schedule;
  const plural = schedule ? Number(schedule.interval) !== 1 : false;

  return (
    <fieldset className="schedule">
      <legend>Repeats</legend>
      <div className="form-row">
        {schedule && (
          <div className={`field${problems.interval ? ' field-invalid' : ''}`}>
            <label htmlFor={`${id}-interval`}>Every</label>
            <input
              id={`${id}-interval`}
              name="interval"
              inputMode="numeric"
              autoComplete="off"
              value={schedule.interval}
              onChange={(event) => set({ interval: event.target.value })}
              aria-invalid={problems.interval ? true : undefined}
              aria-describedby={problems.interval ? `${id}-interval-error` : undefined}
            />
            {problems.interval && (
              <p className="field-error" id={`${id}-interval-error`}>
                {problems.interval}
              </p>
            )}
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-frequency`}>{schedule ? 'Unit' : 'Repeats'}</label>
          <select
            id={`${id}-frequency`}
            name="frequency"
            value={repeat.custom ? 'CUSTOM' : repeat.schedule.frequency}
            onChange={(event) => {
              const value = event.target.value;
              if (value === 'CUSTOM') onChange({ custom: true, text: rrule });
              else if (schedule) set({ frequency: value as Frequency });
              else {
                onChange({
                  custom: false,
                  schedule: {
                    ...defaultSchedule(startDate || today()),
                    frequency: value as Frequency,
                  },
                });
              }
            }}
          >
            {(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const).map((f) => (
              <option key={f} value={f}>
                {unitLabel(f, plural)}
              </option>
            ))}
            <option value="CUSTOM">custom rule (RRULE)</option>
          </select>
        </div>
        {schedule?.frequency === 'MONTHLY' && (
          <div className="field">
            <label htmlFor={`${id}-day`}>On day</label>
            <select
              id={`${id}-day`}
              name="monthDay"
              value={schedule.monthDay}
              onChange={(event) => set({ monthDay: event.target.value })}
              aria-describedby={`${id}-day-hint`}
            >
              {MONTH_DAYS.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
              <option value="last">last day of the month</option>
            </select>
            <p className="field-hint" id={`${id}-day-hint`}>
              {Number(schedule.monthDay) > 28
                ? 'In shorter months: their last day, then back to this day.'
                : ' '}
            </p>
          </div>
        )}
      </div>
      {repeat.custom && (
        <div className={`field${problems.rrule ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-rrule`}>Recurrence rule</label>
          <input
            id={`${id}-rrule`}
            name="rrule"
            autoComplete="off"
            spellCheck={false}
            value={repeat.text}
            onChange={(event) => onChange({ custom: true, text: event.target.value })}
            aria-invalid={problems.rrule ? true : undefined}
            aria-describedby={`${id}-rrule-hint${problems.rrule ? ` ${id}-rrule-error` : ''}`}
          />
          <p className="field-hint" id={`${id}-rrule-hint`}>
            RFC 5545 parts such as FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15
          </p>
          {problems.rrule && (
            <p className="field-error" id={`${id}-rrule-error`}>
              {problems.rrule}
            </p>
          )}
        </div>
      )}
      {schedule?.frequency === 'WEEKLY' && (
        <fieldset className="weekday-group" aria-describedby={`${id}-weekdays-error`}>
          <legend>On</legend>
          {WEEKDAYS.map((day) => (
            <label key={day.code} className="weekday">
              <input
                type="checkbox"
                name="weekdays"
                value={day.code}
                checked={schedule.weekdays.includes(day.code)}
                onChange={(event) =>
                  set({
                    weekdays: event.target.checked
                      ? [...schedule.weekdays, day.code]
                      : schedule.weekdays.filter((d: Weekday) => d !== day.code),
                  })
                }
              />
              <abbr title={day.long}>{day.short}</abbr>
            </label>
          ))}
          <p className="field-error" id={`${id}-weekdays-error`}>
            {problems.weekdays}
          </p>
        </fieldset>
      )}
      {schedule && (
        <fieldset className="ends-group">
          <legend>Ends</legend>
          {(['never', 'count', 'until'] as Ends[]).map((ends) => (
            <div key={ends} className="ends-choice">
              <label>
                <input
                  type="radio"
                  name="ends"
                  value={ends}
                  checked={schedule.ends === ends}
                  onChange={() => set({ ends })}
                />
                {ends === 'never' ? 'Never' : ends === 'count' ? 'After' : 'On'}
              </label>
              {ends === 'count' && (
                <>
                  <input
                    name="count"
                    aria-label="Number of times"
                    inputMode="numeric"
                    className="ends-input"
                    value={schedule.count}
                    disabled={schedule.ends !== 'count'}
                    aria-invalid={problems.count ? true : undefined}
                    onChange={(event) => set({ count: event.target.value })}
                  />
                  <span>times</span>
                </>
              )}
              {ends === 'until' && (
                <input
                  name="until"
                  type="date"
                  aria-label="Last day"
                  className="ends-input"
                  value={schedule.until}
                  disabled={schedule.ends !== 'until'}
                  aria-invalid={problems.until ? true : undefined}
                  onChange={(event) => set({ until: event.target.value })}
                />
              )}
            </div>
          ))}
          {(problems.count || problems.until) && (
            <p className="field-error">{problems.count ?? problems.until}</p>
          )}
        </fieldset>
      )}
      <div className="preview" role="status" aria-live="polite">
        {problems.rrule ? (
          // A custom rule shows the server's word beside its own field.
          !repeat.custom && <p className="field-error">{problems.rrule}</p>
        ) : previewError && asked.ready ? (
          <p className="field-error">{previewError}</p>
        ) : ready && dates ? (
          <>
            <h3 className="preview-heading">Next dates</h3>
            <ol className="preview-dates" aria-label="Next dates">
              {dates.map((date) => (
                <li key={date}>{formatDate(date)}</li>
              ))}
            </ol>
          </>
        ) : (
          <p className="muted">
            {ready ? 'Working out the dates…' : 'The next dates show once the choices are set.'}
          </p>
        )}
      </div>
    </fieldset>
  );
}
