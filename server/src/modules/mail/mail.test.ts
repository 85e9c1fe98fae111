import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { signUp } from '../../../test/factories';
import { createTestDatabase, startTestServer, type TestServer } from '../../../test/test-server';
import { testDrivers } from '../../../test/databases';

interface Received {
  from: string;
  to: string[];
  data: string;
}

/** A real SMTP server on a free local port that keeps what it receives. */
async function startSmtp(): Promise<{ url: string; inbox: Received[]; close(): Promise<void> }> {
  const inbox: Received[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    inbox,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

describe.each(testDrivers())('password reset mail over SMTP [%s]', (driver) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let server: TestServer;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    smtp = await startSmtp();
    const database = await createTestDatabase(driver);
    database.config.mail = { smtpUrl: smtp.url, from: 'Finance <finance@example.com>' };
    database.config.appUrl = 'https://finance.example.com';
    drop = database.drop;
    server = await startTestServer(database);
  });

  afterAll(async () => {
    await server.stop();
    await drop();
    await smtp.close();
  });

  test('a known address gets one mail with an APP_URL link; an unknown one gets none', async () => {
    const client = server.client();
    const user = await signUp(client);
    const REQUEST = 'mutation($e: String!) { requestPasswordReset(email: $e) }';
    expect(await client.data(REQUEST, { e: 'nobody@example.com' })).toEqual({
      requestPasswordReset: true,
    });
    expect(await client.data(REQUEST, { e: user.email })).toEqual({ requestPasswordReset: true });
    for (let i = 0; i < 100 && smtp.inbox.length === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));

    expect(smtp.inbox).toHaveLength(1);
    const [mail] = smtp.inbox;
    expect(mail.from).toBe('finance@example.com');
    expect(mail.to).toEqual([user.email]);
    const body = mail.data.replace(/=\r?\n/g, '');
    expect(body).toContain('Subject: Reset your password');
    const token = /https:\/\/finance\.example\.com\/reset_password\/([A-Za-z0-9_-]{43})/.exec(
      body,
    )?.[1];
    expect(token).toBeDefined();

    // The link works, once.
    const RESET = 'mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) }';
    expect(await client.data(RESET, { t: token, p: 'a fresh password' })).toEqual({
      resetPassword: true,
    });
    const again = await client.gql(RESET, { t: token, p: 'another fresh one' });
    expect(again.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'token' });
  });
});
