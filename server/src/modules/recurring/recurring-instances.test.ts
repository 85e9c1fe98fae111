import { IsNull, type DataSource } from 'typeorm';
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
 * The proof of the job runner: instances tick the same database through 90 simulated days.
 * A (on a connection pool of its own) is killed on day 30 inside a posting transaction: its
 * connection is killed, the transaction rolls back, its lease is never released. C is killed on
 * day 60 after its run committed, before it records the job done. B lives. Every occurrence of
 * every rule must exist exactly once, with its own date, and each dead instance's job be
 * finished by another.
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
      const jobs = server().dataSource.getRepository(Job);
      second = await connectDatabase(server().config);
      const instances = [
        { name: 'A', services: createServices(second, server().config, { clock }) },
        { name: 'B', services: createServices(server().dataSource, server().config, { clock }) },
        { name: 'C', services: createServices(server().dataSource, server().config, { clock }) },
      ].map((instance) => {
        let die = () => undefined as void;
        const dead = new Promise<void>((resolve) => (die = resolve));
        return {
          ...instance,
          runner: instance.services.jobRunner,
          dead,
          kill: () => {
            instance.services.jobRunner.abandon();
            die();
          },
          killed: false,
          alive: true,
          held: null as Job | null,
          takenOver: null as Job | null,
        };
      });
      const [a, , c] = instances;

      // A, on a pool of its own, dies on day 30 in the middle of a posting transaction: the
      // database drops its connection, as for a killed process, and rolls the transaction back.
      const add = a.services.notifications.add.bind(a.services.notifications);
      a.services.notifications.add = async (note, manager) => {
        if (a.killed || clock.now() < new Date('2024-01-30T00:00:00Z')) return add(note, manager);
        a.killed = true;
        const [{ id }] = (await manager.query('SELECT CONNECTION_ID() AS id')) as { id: number }[];
        a.kill();
        await server().dataSource.query(`KILL ${Number(id)}`);
        return new Promise<boolean>(() => undefined);
      };
      // C dies on day 60 after its run committed, before it could record the job as done.
      c.runner.register(POST_DUE_JOB, async ({ now }) => {
        await c.services.recurringPosting.runDue(now);
        if (!c.killed && now >= new Date('2024-03-01T00:00:00Z')) {
          c.killed = true;
          c.kill();
          await new Promise<void>(() => undefined);
        }
      });

      const end = new Date('2024-03-31T23:00:00Z');
      while (clock.now() < end) {
        const now = clock.now();
        // A killed instance's tick never ends: it is left behind, not awaited.
        await Promise.all(
          instances.filter((i) => i.alive).map((i) => Promise.race([i.runner.tick(now), i.dead])),
        );
        for (const instance of instances) {
          if (instance.killed && instance.alive) {
            instance.alive = false;
            instance.held = await jobs.findOneBy({
              lockedBy: instance.runner.instanceId,
              status: 'running',
            });
            expect({ name: instance.name, held: instance.held }).toEqual({
              name: instance.name,
              held: expect.objectContaining({ attempts: 1 }),
            });
          } else if (instance.held && !instance.takenOver) {
            // Another instance took the job over once the lease ran out, and finished it.
            const job = await jobs.findOneByOrFail({ id: instance.held.id });
            if (job.status !== 'running') instance.takenOver = job;
          }
        }
        clock.advance(12 * HOUR);
      }
      for (const instance of [a, c]) {
        expect({ name: instance.name, job: instance.takenOver }).toEqual({
          name: instance.name,
          job: expect.objectContaining({ status: 'done', lockedBy: null, attempts: 2 }),
        });
      }
      // The transaction A was killed in left nothing: every occurrence has its transaction.
      const orphans = await server()
        .dataSource.getRepository(RecurringOccurrence)
        .countBy({ transactionId: IsNull() });
      expect(orphans).toBe(0);

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
