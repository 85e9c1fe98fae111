import type { DataSource } from 'typeorm';
import { signUp } from '../../../test/factories';
import { describeEachDatabase } from '../../../test/test-server';
import { closeDatabase, connectDatabase } from '../../db/connect';
import { createServices } from '../../services';
import { FakeClock } from '../jobs/fake-clock';
import { Job } from '../jobs/job.entity';
import { POST_DUE_JOB } from '../jobs/register-jobs';
import { RecurringOccurrence } from './recurring-occurrence.entity';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** Every day from `from` to `to` (both included) for which `keep` holds, as YYYY-MM-DD. */
function days(from: string, to: string, keep: (d: Date) => boolean = () => true): string[] {
  const out: string[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d <= new Date(`${to}T00:00:00Z`);
    d = new Date(d.getTime() + DAY)
  ) {
    if (keep(d)) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

/**
 * The proof of the job runner: two instances, each with its own database connection (pool),
 * tick the same database through 90 simulated days. One is killed mid-job on day 30: its
 * handler has posted and then never settles, so its lease is never released. Every occurrence
 * of every rule must exist exactly once, with its own date.
 *
 * On MariaDB only: instances share a server database, while SQLite is the embedded database of
 * one instance (two in one process on one file wait on each other's locks synchronously).
 */
describeEachDatabase(
  'recurring posts on two instances over 90 simulated days',
  (server) => {
    let second: DataSource | undefined;
    afterAll(async () => {
      if (second) await closeDatabase(second, 2_000);
    });

    test('every occurrence is posted exactly once, a killed instance included', async () => {
      const client = server().client();
      await signUp(client);
      const rules: { name: string; rrule: string; amount: string }[] = [
        { name: 'Coffee daily', rrule: 'FREQ=DAILY', amount: '3.20' },
        { name: 'Gym mon fri', rrule: 'FREQ=WEEKLY;BYDAY=MO,FR', amount: '5' },
        { name: 'Rent on the 31st', rrule: 'FREQ=MONTHLY;BYMONTHDAY=31', amount: '900' },
        { name: 'Phone last day', rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1', amount: '20' },
        { name: 'Loan twice', rrule: 'FREQ=MONTHLY;BYMONTHDAY=15;COUNT=2', amount: '150' },
        { name: 'Every 10 days', rrule: 'FREQ=DAILY;INTERVAL=10;UNTIL=20240301', amount: '1' },
      ];
      for (const rule of rules) {
        await client.data(
          'mutation($input: RecurringRuleInput!) { createRecurringRule(input: $input) { id } }',
          {
            input: {
              ...rule,
              startDate: '2024-01-01',
              mode: 'AUTO',
              kind: 'EXPENSE',
              category: 'Bills',
              description: rule.name,
            },
          },
        );
      }
      const expected: Record<string, string[]> = {
        'Coffee daily': days('2024-01-01', '2024-03-31'),
        'Gym mon fri': days('2024-01-01', '2024-03-31', (d) => [1, 5].includes(d.getUTCDay())),
        'Rent on the 31st': ['2024-01-31', '2024-02-29', '2024-03-31'],
        'Phone last day': ['2024-01-31', '2024-02-29', '2024-03-31'],
        'Loan twice': ['2024-01-15', '2024-02-15'],
        'Every 10 days': [
          '2024-01-01',
          '2024-01-11',
          '2024-01-21',
          '2024-01-31',
          '2024-02-10',
          '2024-02-20',
          '2024-03-01',
        ],
      };

      const clock = new FakeClock('2024-01-01T06:00:00Z');
      const a = createServices(server().dataSource, server().config, { clock });
      second = await connectDatabase(server().config);
      const b = createServices(second, server().config, { clock });

      // Instance A dies on day 30 while running the periodic post: its work is committed, then
      // its promise never settles and it stops ticking, as a killed process would.
      const killAt = new Date('2024-01-30T00:00:00Z');
      let killedJobId = null as number | null;
      a.jobRunner.register(POST_DUE_JOB, async ({ now, job }) => {
        await a.recurringPosting.runDue(now);
        if (now >= killAt && killedJobId === null) {
          killedJobId = job.id;
          a.jobRunner.abandon();
          await new Promise<void>(() => undefined);
        }
      });

      let aAlive = true;
      let takenOver: Job | null = null;
      const jobs = server().dataSource.getRepository(Job);
      const end = new Date('2024-03-31T23:00:00Z');
      while (clock.now() < end) {
        const now = clock.now();
        const ticks: Promise<unknown>[] = [b.jobRunner.tick(now)];
        if (aAlive) {
          const tickA = a.jobRunner.tick(now);
          // Once A hangs, its tick never ends: it is left behind, not awaited.
          ticks.push(Promise.race([tickA, new Promise((resolve) => setTimeout(resolve, 2_000))]));
        }
        await Promise.all(ticks);
        if (killedJobId !== null && aAlive) {
          aAlive = false;
          const held = await jobs.findOneByOrFail({ id: killedJobId });
          expect([held.status, held.lockedBy]).toEqual(['running', a.jobRunner.instanceId]);
        } else if (killedJobId !== null && !takenOver) {
          // B took over the job A held once A's lease ran out, and finished it.
          takenOver = await jobs.findOneByOrFail({ id: killedJobId });
        }
        clock.advance(12 * HOUR);
      }
      expect(takenOver).toMatchObject({ status: 'done', lockedBy: null, attempts: 2 });

      for (const [name, dates] of Object.entries(expected)) {
        const { transactions } = await client.data<{
          transactions: { totalCount: number; nodes: { date: string; amount: string }[] };
        }>(
          'query($f: TransactionFilter) { transactions(filter: $f, first: 200) { totalCount nodes { date amount } } }',
          { f: { search: name } },
        );
        const posted = transactions.nodes.map((n) => n.date).sort();
        expect({ name, posted }).toEqual({ name, posted: dates });
        expect(transactions.totalCount).toBe(dates.length);
      }
      const occurrences = await server().dataSource.getRepository(RecurringOccurrence).count();
      expect(occurrences).toBe(Object.values(expected).reduce((n, d) => n + d.length, 0));
    }, 240_000);
  },
  { only: 'mysql' },
);
