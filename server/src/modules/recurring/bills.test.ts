import fs from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { MoreThanOrEqual } from 'typeorm';
import { signUp } from '../../../test/factories';
import { describeEachDatabase } from '../../../test/test-server';
import { createServices } from '../../services';
import { FakeClock } from '../jobs/fake-clock';
import { Job } from '../jobs/job.entity';
import { REMINDERS_JOB } from '../jobs/register-jobs';
import { addDays } from './recurrence';

// In a file (and database) of its own: the reminder run at today's real date then has no other
// test's rules, started in 2024 on a fake clock, to catch up first.
const RULE = `id name rrule startDate nextDate mode kind amount currency paused payee
  account { id name } category { name } nextDates(count: 4)`;
const CREATE = `mutation($input: RecurringRuleInput!) { createRecurringRule(input: $input) { ${RULE} } }`;

const input = (over: Record<string, unknown> = {}) => ({
  name: 'Rent',
  rrule: 'FREQ=MONTHLY;BYMONTHDAY=31',
  startDate: '2024-01-31',
  mode: 'AUTO',
  kind: 'EXPENSE',
  amount: '900',
  category: 'Housing',
  payee: 'Landlord',
  ...over,
});

describeEachDatabase('bills, reminders and the calendar feed', (server) => {
  const runner = (start: string | Date) => {
    const clock = new FakeClock(start);
    return { clock, services: createServices(server().dataSource, server().config, { clock }) };
  };
  test('upcoming bills, the monthly cost, reminders once, and the calendar feed', async () => {
    const client = server().client();
    const user = await signUp(client);
    const today = new Date().toISOString().slice(0, 10);
    await client.data(CREATE, {
      input: input({
        name: 'Streaming',
        rrule: 'FREQ=MONTHLY',
        startDate: today,
        amount: '12.99',
        mode: 'EXPECT',
        payee: 'Flix, Inc; "HD"',
      }),
    });
    await client.data(CREATE, {
      input: input({
        name: 'Insurance',
        rrule: 'FREQ=YEARLY',
        startDate: today,
        amount: '240',
        mode: 'EXPECT',
      }),
    });
    // First due in 40 days, past the bills' 30: still 29 a month.
    await client.data(CREATE, {
      input: input({
        name: 'Gym',
        rrule: 'FREQ=MONTHLY',
        startDate: addDays(today, 40),
        amount: '29',
        mode: 'EXPECT',
      }),
    });
    await client.data(CREATE, {
      input: input({
        name: 'Salary',
        kind: 'INCOME',
        rrule: 'FREQ=MONTHLY',
        startDate: today,
        amount: '3000',
        mode: 'EXPECT',
      }),
    });
    const { upcomingBills, recurringMonthlyCost } = (await client.data(
      '{ upcomingBills { date amount rule { name } } recurringMonthlyCost }',
    )) as {
      upcomingBills: { date: string; amount: string; rule: { name: string } }[];
      recurringMonthlyCost: string;
    };
    expect(upcomingBills.map((b) => [b.rule.name, b.date, b.amount]).sort()).toEqual([
      ['Insurance', today, '240.00'],
      ['Streaming', today, '12.99'],
    ]);
    // 12 x 12.99 + 240 = 395.88 a year: 32.99 a month; and the gym's 29.
    expect(recurringMonthlyCost).toBe('61.99');

    await client.data(
      'mutation { updateUserSettings(input: { remindersEnabled: true, reminderDaysBefore: 2 }) { remindersEnabled } }',
    );
    const { clock, services } = runner(new Date().toISOString());
    await services.jobRunner.tick(clock.now());
    await services.jobRunner.tick(clock.advance(16 * 60_000));
    const notes = (await client.data(
      '{ notifications(first: 10) { totalCount nodes { kind title } } }',
    )) as {
      notifications: { totalCount: number; nodes: { kind: string; title: string }[] };
    };
    expect(notes.notifications.nodes.map((n) => n.title).sort()).toEqual([
      `Insurance is due on ${today}`,
      `Streaming is due on ${today}`,
    ]);
    const mailJobs = await server().dataSource.query(
      "SELECT status, payload FROM jobs WHERE type = 'recurring.reminder-mail' AND `key` LIKE ?",
      [`${user.id}:%`],
    );
    expect(mailJobs.map((j: { status: string }) => j.status)).toEqual(['done', 'done']);

    const { createCalendarFeed: url } = (await client.data('mutation { createCalendarFeed }')) as {
      createCalendarFeed: string;
    };
    expect(url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{20,}\.ics$/);
    const path = new URL(url).pathname;
    const response = await fetch(`${server().url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await response.text();
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    const streaming = events.filter((e) => e.summary.startsWith('Streaming'));
    expect(streaming.length).toBeGreaterThanOrEqual(3);
    expect(streaming[0].summary).toBe('Streaming: 12.99 USD');
    expect(streaming[0].description).toBe('Flix, Inc; "HD"');
    expect(streaming[0].startDate.isDate).toBe(true);
    expect(streaming[0].startDate.toString()).toBe(today);
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    // A new address replaces the old one, which stops working at once.
    const { createCalendarFeed: second } = (await client.data(
      'mutation { createCalendarFeed }',
    )) as { createCalendarFeed: string };
    const secondPath = new URL(second).pathname;
    expect(secondPath).not.toBe(path);
    expect((await fetch(`${server().url}${path}`)).status).toBe(404);
    expect((await fetch(`${server().url}${secondPath}`)).status).toBe(200);
    expect(await client.data('mutation { revokeCalendarFeed }')).toEqual({
      revokeCalendarFeed: true,
    });
    expect((await fetch(`${server().url}${secondPath}`)).status).toBe(404);
    expect(await client.data('{ userSettings { calendarFeedActive } }')).toEqual({
      userSettings: { calendarFeedActive: false },
    });
  });

  test('reminders are off by default; on, each bill within N days is reminded once, by mail too', async () => {
    const client = server().client();
    const user = await signUp(client);
    // An hour on: the periodic jobs' periods are fresh (the test above ran the present ones).
    const start = new Date(Date.now() + 60 * 60_000);
    const today = start.toISOString().slice(0, 10);
    const bill = (name: string, startDate: string, over: Record<string, unknown> = {}) =>
      client.data(CREATE, {
        input: input({ name, rrule: 'FREQ=MONTHLY', startDate, mode: 'EXPECT', ...over }),
      });
    await bill('Water in two', addDays(today, 2), { amount: '31.40', payee: 'City Water' });
    await bill('Phone in three', addDays(today, 3), { amount: '20' });
    await bill('Wage in one', addDays(today, 1), { kind: 'INCOME', amount: '100' });
    expect(await client.data('{ userSettings { remindersEnabled reminderDaysBefore } }')).toEqual({
      userSettings: { remindersEnabled: false, reminderDaysBefore: 3 },
    });
    const reminders = async () =>
      (
        (await client.data('{ notifications(first: 20) { nodes { kind title body } } }')) as {
          notifications: { nodes: { kind: string; title: string; body: string }[] };
        }
      ).notifications.nodes.filter((n) => n.kind === 'REMINDER');
    const outbox = path.join(server().config.dataDir, 'mail');
    const mails = () =>
      (fs.existsSync(outbox) ? fs.readdirSync(outbox) : [])
        .map((file) => fs.readFileSync(path.join(outbox, file), 'utf8').replace(/=\r?\n/g, ''))
        .filter((mail) => mail.includes(`To: ${user.email}`));
    const { clock, services } = runner(start);
    await services.jobRunner.tick(clock.now());
    await services.jobRunner.tick(clock.advance(16 * 60_000));
    const ran = await server()
      .dataSource.getRepository(Job)
      .countBy({
        type: REMINDERS_JOB,
        status: 'done',
        runAt: MoreThanOrEqual(new Date(start.getTime() - 15 * 60_000)),
      });
    // Two runs of the reminders job, and nothing to remind of while reminders are off.
    expect(ran).toBe(2);
    expect(await reminders()).toEqual([]);
    expect(mails()).toEqual([]);

    await client.data(
      'mutation { updateUserSettings(input: { remindersEnabled: true, reminderDaysBefore: 2 }) { remindersEnabled } }',
    );
    await services.jobRunner.tick(clock.advance(16 * 60_000));
    await services.jobRunner.tick(clock.advance(1000));
    // Later runs, on this instance and another, remind of nothing again.
    await services.jobRunner.tick(clock.advance(16 * 60_000));
    const other = runner(clock.advance(16 * 60_000).toISOString());
    await other.services.jobRunner.tick(other.clock.now());
    await other.services.jobRunner.tick(other.clock.advance(1000));
    expect(await reminders()).toEqual([
      {
        kind: 'REMINDER',
        title: `Water in two is due on ${addDays(today, 2)}`,
        body: '$31.40 to City Water',
      },
    ]);
    const sent = mails();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain(`Subject: Water in two is due on ${addDays(today, 2)}`);
    expect(sent[0]).toContain('$31.40 to City Water');
  });
});
