import { rruleInWords } from './rrule-words';

describe('rruleInWords', () => {
  test.each([
    ['FREQ=WEEKLY;BYDAY=MO', 'Every week on Monday'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=FR', 'Every 2 weeks on Friday'],
    ['FREQ=MONTHLY;BYMONTHDAY=1', 'Every month on the 1st'],
    ['FREQ=MONTHLY;BYMONTHDAY=22', 'Every month on the 22nd'],
    ['FREQ=MONTHLY;BYMONTHDAY=13', 'Every month on the 13th'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', 'Every month on the last day'],
    ['FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=10', 'Every 3 months on the 10th'],
    ['FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1', 'Every year on March 1'],
    ['FREQ=DAILY', 'FREQ=DAILY'],
  ])('%s', (rrule, words) => {
    expect(rruleInWords(rrule, 'en')).toBe(words);
  });
});
