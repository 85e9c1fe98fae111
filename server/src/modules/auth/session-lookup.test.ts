import type { DataSource } from 'typeorm';
import { signUp } from '../../../test/factories';
import { statementsOf } from '../../../test/statements';
import { describeEachDatabase } from '../../../test/test-server';
import { Session } from './session.entity';

/** Every statement `work` sends, in order. */
async function statements(dataSource: DataSource, work: () => Promise<void>): Promise<string[]> {
  return (await statementsOf(dataSource, work)).map((s) => s.query);
}

const reads = (table: string) => (sql: string) => new RegExp(`\\b${table}\\b`, 'i').test(sql);

/**
 * Every signed-in request starts with the session lookup, so it is one joined statement read
 * into plain rows; these check that it is one, and that the rows still become a user and a
 * session whose dates expire and are pushed on as before, on each database.
 */
describeEachDatabase('the session and its user, in one statement', (server) => {
  test('a signed-in request reads session and user in one statement, with the right user', async () => {
    const client = server().client();
    const user = await signUp(client);
    let me: unknown;
    const sent = await statements(server().dataSource, async () => {
      me = (await client.data('{ me { id username currency } }')).me;
    });
    expect(me).toEqual({ id: user.id, username: user.username, currency: user.currency });
    const lookups = sent.filter(reads('sessions'));
    expect(lookups).toHaveLength(1);
    expect(lookups[0]).toMatch(/\bJOIN\b.*\busers\b/i);
    expect(sent.filter(reads('users'))).toEqual(lookups);
  });

  test('an idle-expired session is refused and deleted; a live one is pushed on', async () => {
    const { dataSource } = server();
    const sessions = dataSource.getRepository(Session);
    const expired = server().client();
    const expiredUser = await signUp(expired);
    await sessions.update(
      { userId: Number(expiredUser.id) },
      { expiresAt: new Date(Date.now() - 1_000) },
    );
    expect((await expired.data('{ me { id } }')).me).toBeNull();
    expect(await sessions.countBy({ userId: Number(expiredUser.id) })).toBe(0);

    const idle = server().client();
    const idleUser = await signUp(idle);
    const tenMinutesAgo = new Date(Date.now() - 10 * 60 * 1000);
    await sessions.update(
      { userId: Number(idleUser.id) },
      { lastSeenAt: tenMinutesAgo, expiresAt: new Date(Date.now() + 60 * 1000) },
    );
    const before = Date.now();
    expect((await idle.data('{ me { id } }')).me).toEqual({ id: idleUser.id });
    const [pushed] = await sessions.findBy({ userId: Number(idleUser.id) });
    expect(pushed.lastSeenAt.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    // Twelve hours of idle time from now, not the minute it had left.
    expect(pushed.expiresAt.getTime()).toBeGreaterThan(before + 11 * 60 * 60 * 1000);
  });

  test('a session past its absolute lifetime is refused even while recently used', async () => {
    const { dataSource } = server();
    const client = server().client();
    const user = await signUp(client);
    await dataSource
      .getRepository(Session)
      .update({ userId: Number(user.id) }, { absoluteExpiresAt: new Date(Date.now() - 1_000) });
    expect((await client.data('{ me { id } }')).me).toBeNull();
  });
});
