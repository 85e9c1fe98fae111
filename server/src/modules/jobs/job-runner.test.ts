import { describeEachDatabase } from '../../../test/test-server';
import { createServices } from '../../services';
import { FakeClock } from './fake-clock';
import { Job } from './job.entity';
import { jobsReport } from './jobs-report';

describeEachDatabase('the job runner', (server) => {
  const setUp = (start: string) => {
    const clock = new FakeClock(start);
    const one = createServices(server().dataSource, server().config, { clock });
    const two = createServices(server().dataSource, server().config, { clock });
    return { clock, one, two };
  };

  test('a job is run by one of two runners, once; a second enqueue of its key makes nothing', async () => {
    const { clock, one, two } = setUp('2030-01-01T00:00:00Z');
    const runs: string[] = [];
    one.jobRunner.register('test.once', async () => void runs.push('one'));
    two.jobRunner.register('test.once', async () => void runs.push('two'));
    expect(await one.jobs.enqueue({ type: 'test.once', key: 'k1', payload: { a: 1 } })).toBe(true);
    expect(await two.jobs.enqueue({ type: 'test.once', key: 'k1', payload: { a: 2 } })).toBe(false);
    await Promise.all([one.jobRunner.tick(clock.now()), two.jobRunner.tick(clock.now())]);
    expect(runs).toHaveLength(1);
    expect(await one.jobs.find('test.once', 'k1')).toMatchObject({ status: 'done', attempts: 1 });
  });

  test('a failing job is retried with growing backoff, its error visible, until it gives up', async () => {
    const { clock, one } = setUp('2030-02-01T00:00:00Z');
    let calls = 0;
    one.jobRunner.register(
      'test.failing',
      async () => {
        calls++;
        throw new Error(`bank down ${calls}`);
      },
      { maxAttempts: 3 },
    );
    await one.jobs.enqueue({ type: 'test.failing', key: 'f' });
    await one.jobRunner.tick(clock.now());
    let job = (await one.jobs.find('test.failing', 'f')) as Job;
    expect(job).toMatchObject({ status: 'pending', attempts: 1, lastError: 'bank down 1' });
    expect(job.runAt.getTime() - clock.now().getTime()).toBe(30_000);
    await one.jobRunner.tick(clock.advance(20_000));
    expect(calls).toBe(1);
    await one.jobRunner.tick(clock.advance(11_000));
    job = (await one.jobs.find('test.failing', 'f')) as Job;
    expect(job).toMatchObject({ status: 'pending', attempts: 2, lastError: 'bank down 2' });
    expect(job.runAt.getTime() - clock.now().getTime()).toBe(60_000);
    await one.jobRunner.tick(clock.advance(61_000));
    job = (await one.jobs.find('test.failing', 'f')) as Job;
    expect(job).toMatchObject({ status: 'failed', attempts: 3, lastError: 'bank down 3' });
    await one.jobRunner.tick(clock.advance(3_600_000));
    expect(calls).toBe(3);
  });

  test('failing jobs are listed for the operator with attempts, last error and next try', async () => {
    const { clock, one } = setUp('2030-02-15T00:00:00Z');
    one.jobRunner.register('test.flaky', async () => {
      throw new Error('rates server\nanswered 503');
    });
    one.jobRunner.register(
      'test.fatal',
      async () => {
        throw new Error('no such account');
      },
      { maxAttempts: 1 },
    );
    one.jobRunner.register('test.fine', async () => undefined);
    await one.jobs.enqueue({ type: 'test.flaky', key: 'r' });
    await one.jobs.enqueue({ type: 'test.fatal', key: 'a' });
    await one.jobs.enqueue({ type: 'test.fine', key: 'ok' });
    await one.jobRunner.tick(clock.now());

    const troubles = await one.jobs.troubles();
    const mine = troubles.failing.filter((j) =>
      ['test.flaky', 'test.fatal', 'test.fine'].includes(j.type),
    );
    expect(mine.map((j) => [j.type, j.status, j.attempts, j.lastError]).sort()).toEqual([
      ['test.fatal', 'failed', 1, 'no such account'],
      ['test.flaky', 'pending', 1, 'rates server\nanswered 503'],
    ]);
    expect(troubles.counts.failed).toBeGreaterThanOrEqual(1);
    expect(troubles.counts.done).toBeGreaterThanOrEqual(1);

    const report = jobsReport({ counts: troubles.counts, failing: mine }, clock.now());
    const flaky = mine.find((j) => j.type === 'test.flaky') as Job;
    const fatal = mine.find((j) => j.type === 'test.fatal') as Job;
    expect(report).toContain(
      `#${flaky.id} test.flaky (r): pending, 1 attempt, next try 2030-02-15T00:00:30.000Z`,
    );
    expect(report).toContain('    rates server answered 503');
    expect(report).toContain(`#${fatal.id} test.fatal (a): failed, 1 attempt, gave up`);
    expect(report).toMatch(/^Jobs: \d+ pending, \d+ running, \d+ done, \d+ failed$/m);
    expect(jobsReport({ counts: troubles.counts, failing: [] }, clock.now())).toContain(
      'No job is failing.',
    );
  });

  test('a periodic job has one row per period however many runners tick', async () => {
    const { clock, one, two } = setUp('2030-03-01T10:00:00Z');
    const runs: string[] = [];
    one.jobRunner.registerPeriodic(
      'test.hourly',
      { everyMs: 3_600_000 },
      async ({ job }) => void runs.push(job.key),
    );
    two.jobRunner.registerPeriodic(
      'test.hourly',
      { everyMs: 3_600_000 },
      async ({ job }) => void runs.push(job.key),
    );
    for (let i = 0; i < 4; i++) {
      await Promise.all([one.jobRunner.tick(clock.now()), two.jobRunner.tick(clock.now())]);
      clock.advance(25 * 60_000);
    }
    expect(runs).toEqual(['2030-03-01T10:00:00.000Z', '2030-03-01T11:00:00.000Z']);
    const rows = await server().dataSource.getRepository(Job).countBy({ type: 'test.hourly' });
    expect(rows).toBe(2);
  });

  test('a job whose runner died is taken over when its lease runs out', async () => {
    const { clock, one, two } = setUp('2030-04-01T00:00:00Z');
    const runs: string[] = [];
    one.jobRunner.register('test.lease', () => new Promise<void>(() => void runs.push('one')), {
      timeoutMs: 60_000,
    });
    two.jobRunner.register('test.lease', async () => void runs.push('two'), { timeoutMs: 60_000 });
    await one.jobs.enqueue({ type: 'test.lease', key: 'l' });
    void one.jobRunner.tick(clock.now());
    await new Promise((resolve) => setTimeout(resolve, 300));
    one.jobRunner.abandon();
    // Lease: the timeout and a minute's margin. Before it ends the job stays the dead one's.
    await two.jobRunner.tick(clock.advance(110_000));
    expect(runs).toEqual(['one']);
    await two.jobRunner.tick(clock.advance(20_000));
    expect(runs).toEqual(['one', 'two']);
    expect(await two.jobs.find('test.lease', 'l')).toMatchObject({ status: 'done', attempts: 2 });
  });
});
