import {
  buildRrule,
  defaultSchedule,
  describeRrule,
  parseRrule,
  scheduleProblems,
  weekdayOf,
  type Schedule,
} from './schedule';

const schedule = (over: Partial<Schedule>, start = '2025-01-31'): Schedule => ({
  ...defaultSchedule(start),
  ...over,
});

describe('building the RRULE from the form choices', () => {
  test('a new rule is monthly on the start date’s day, with no end', () => {
    expect(buildRrule(defaultSchedule('2025-01-31'))).toBe('FREQ=MONTHLY;BYMONTHDAY=31');
    expect(buildRrule(defaultSchedule('2025-03-05'))).toBe('FREQ=MONTHLY;BYMONTHDAY=5');
  });

  test('each frequency with its interval; an interval of 1 is left out', () => {
    expect(buildRrule(schedule({ frequency: 'DAILY', interval: '3' }))).toBe(
      'FREQ=DAILY;INTERVAL=3',
    );
    expect(buildRrule(schedule({ frequency: 'YEARLY', interval: ' 1 ' }))).toBe('FREQ=YEARLY');
    expect(buildRrule(schedule({ frequency: 'MONTHLY', interval: '02', monthDay: '15' }))).toBe(
      'FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15',
    );
  });

  test('weekdays are listed in the week’s order, whatever order they were ticked in', () => {
    expect(
      buildRrule(schedule({ frequency: 'WEEKLY', interval: '2', weekdays: ['FR', 'MO'] })),
    ).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR');
  });

  test('“last day” is BYMONTHDAY=-1', () => {
    expect(buildRrule(schedule({ monthDay: 'last' }))).toBe('FREQ=MONTHLY;BYMONTHDAY=-1');
  });

  test('ends after N times or on a date', () => {
    expect(buildRrule(schedule({ ends: 'count', count: '12' }))).toBe(
      'FREQ=MONTHLY;BYMONTHDAY=31;COUNT=12',
    );
    expect(buildRrule(schedule({ ends: 'until', until: '2025-12-31' }))).toBe(
      'FREQ=MONTHLY;BYMONTHDAY=31;UNTIL=20251231',
    );
  });
});

describe('checking the choices', () => {
  test('good choices have no problems', () => {
    expect(scheduleProblems(defaultSchedule('2025-01-31'), '2025-01-31')).toEqual({});
  });

  test('each bad choice is named by its field', () => {
    expect(
      scheduleProblems(
        schedule({ frequency: 'WEEKLY', interval: '0', weekdays: [], ends: 'count', count: '0' }),
        '2025-01-31',
      ),
    ).toEqual({
      interval: 'Enter a whole number from 1 to 1000',
      weekdays: 'Pick at least one day of the week',
      count: 'Enter how many times, from 1 to 10000',
    });
    expect(scheduleProblems(schedule({ interval: '1.5' }), '2025-01-31')).toHaveProperty(
      'interval',
    );
    expect(scheduleProblems(schedule({ ends: 'until', until: '' }), '2025-01-31')).toEqual({
      until: 'Enter the last day',
    });
    expect(
      scheduleProblems(schedule({ ends: 'until', until: '2025-01-30' }), '2025-01-31'),
    ).toEqual({ until: 'The last day cannot be before the start date' });
    // The count is only checked when the rule ends after a number of times.
    expect(scheduleProblems(schedule({ ends: 'never', count: 'x' }), '2025-01-31')).toEqual({});
  });
});

describe('reading a saved rule back into the form', () => {
  test('every rule the form builds reads back as the same choices', () => {
    const cases: Partial<Schedule>[] = [
      {},
      { frequency: 'DAILY', interval: '3' },
      { frequency: 'WEEKLY', weekdays: ['MO', 'WE', 'FR'], ends: 'count', count: '6' },
      { monthDay: 'last', ends: 'until', until: '2026-06-30' },
      { frequency: 'YEARLY', interval: '2' },
    ];
    for (const over of cases) {
      const choices = schedule(over);
      const parsed = parseRrule(buildRrule(choices), '2025-01-31');
      expect(parsed && buildRrule(parsed)).toBe(buildRrule(choices));
    }
    expect(
      parseRrule('RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20261231T000000Z', '2025-01-31'),
    ).toMatchObject({ monthDay: 'last', ends: 'until', until: '2026-12-31' });
  });

  test('a rule the simple form cannot show is left to be edited as text', () => {
    expect(parseRrule('FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1', '2025-01-31')).toBeNull();
    expect(parseRrule('FREQ=MONTHLY;BYMONTHDAY=1,15', '2025-01-31')).toBeNull();
    expect(parseRrule('FREQ=MONTHLY;BYDAY=1MO', '2025-01-31')).toBeNull();
    expect(parseRrule('FREQ=HOURLY', '2025-01-31')).toBeNull();
  });
});

describe('the rule in words', () => {
  test('says what a person would', () => {
    expect(describeRrule('FREQ=MONTHLY;BYMONTHDAY=31', '2025-01-31', 'en-US')).toBe(
      'Every month on the 31st (or the last day)',
    );
    expect(describeRrule('FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=1', '2025-01-31', 'en-US')).toBe(
      'Every month on the last day, once',
    );
    expect(describeRrule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;COUNT=6', '2025-01-31')).toBe(
      'Every 2 weeks on Mon, Fri, 6 times',
    );
    expect(describeRrule('FREQ=MONTHLY;BYMONTHDAY=12', '2025-01-31')).toBe(
      'Every month on the 12th',
    );
    expect(describeRrule('FREQ=YEARLY;UNTIL=20301231', '2025-03-02', 'en-US')).toBe(
      'Every year on March 2, until Dec 31, 2030',
    );
    expect(describeRrule('FREQ=YEARLY;BYMONTH=3', '2025-03-02')).toBe('FREQ=YEARLY;BYMONTH=3');
  });

  test('weekdays of calendar dates, Monday first', () => {
    expect(weekdayOf('2025-03-03')).toBe('MO');
    expect(weekdayOf('2025-03-09')).toBe('SU');
  });
});
