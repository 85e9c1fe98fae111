import fs from 'node:fs';
import path from 'node:path';
import { totpCode, totpStep } from '../../src/lib/totp';
import { PASSWORD, signUp } from '../factories';
import { describeEachDatabase } from '../test-server';
import { codeOf, errorOf, LOGIN } from './helpers';

const RESET = 'mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) }';
const REQUEST_RESET = 'mutation($e: String!) { requestPasswordReset(email: $e) }';

/**
 * The reset tokens mailed to `email` through the development outbox, oldest first, once there
 * are at least `count` (mail is sent after the request has been answered).
 */
async function resetTokensFor(dataDir: string, email: string, count: number): Promise<string[]> {
  const outbox = path.join(dataDir, 'mail');
  for (let attempt = 0; attempt < 100; attempt++) {
    const files = fs.existsSync(outbox) ? fs.readdirSync(outbox).sort() : [];
    const tokens = files.flatMap((file) => {
      // Quoted-printable folds long lines with a trailing "=".
      const mail = fs.readFileSync(path.join(outbox, file), 'utf8').replace(/=\r?\n/g, '');
      const link = /http:\/\/localhost:\d+\/reset_password\/([A-Za-z0-9_-]{43})/.exec(mail);
      return mail.includes(`To: ${email}`) && link ? [link[1]] : [];
    });
    if (tokens.length >= count) return tokens;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Fewer than ${count} reset mails for ${email}`);
}

// security.md, authentication: items 14 to 19, with the real rate limits.
describeEachDatabase(
  'attack: authentication',
  (server) => {
    // Each test starts with no counts; the limits themselves are the ones of security.md.
    beforeEach(() => server().dataSource.query('DELETE FROM rate_limits'));

    test('14. unknown user and wrong password: the same answer, in about the same time', async () => {
      const client = server().client();
      const user = await signUp(client);
      const time = async (login: string) => {
        const started = performance.now();
        const result = await server().client().gql(LOGIN, { u: login, p: 'not the password' });
        return { error: errorOf(result), ms: performance.now() - started };
      };
      const unknown = await time(`nobody-${user.username}`);
      const wrong = await time(user.username);
      expect(unknown.error).toEqual(wrong.error);
      expect(wrong.error).toMatchObject({
        message: 'Invalid username or password',
        extensions: { code: 'UNAUTHENTICATED' },
      });
      // Both verify a scrypt hash: neither answers in a fraction of the other's time.
      expect(Math.min(unknown.ms, wrong.ms) / Math.max(unknown.ms, wrong.ms)).toBeGreaterThan(0.2);
    });

    test('15. the 11th failure in 15 minutes is TOO_MANY_REQUESTS; after the wait the password works', async () => {
      const user = await signUp(server().client());
      const attacker = server().client();
      for (let i = 1; i <= 10; i++) {
        expect(codeOf(await attacker.gql(LOGIN, { u: user.username, p: `guess ${i}` }))).toBe(
          'UNAUTHENTICATED',
        );
      }
      const blocked = errorOf(await attacker.gql(LOGIN, { u: user.username, p: PASSWORD }));
      expect(blocked.extensions).toEqual({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 900 });
      expect(blocked.message).toBe('Too many attempts; try again in 15 minutes');
      // By email too: the count is the account's, not the spelling's.
      expect(codeOf(await attacker.gql(LOGIN, { u: user.email, p: PASSWORD }))).toBe(
        'TOO_MANY_REQUESTS',
      );

      // The wait passes (the block is moved into the past rather than waiting 15 minutes).
      await server().dataSource.query('UPDATE rate_limits SET blockedUntilMs = 1');
      expect((await attacker.data(LOGIN, { u: user.username, p: PASSWORD })).login.id).toBe(
        user.id,
      );
    });

    test('16. password reset: alike for unknown and known addresses; bad, used, expired, superseded tokens refused; old sessions die', async () => {
      const victim = server().client();
      const user = await signUp(victim);
      const stranger = server().client();
      expect(await stranger.gql(REQUEST_RESET, { e: 'nobody@example.com' })).toEqual({
        status: 200,
        data: { requestPasswordReset: true },
      });
      expect(await stranger.gql(REQUEST_RESET, { e: user.email.toUpperCase() })).toEqual({
        status: 200,
        data: { requestPasswordReset: true },
      });
      const [first] = await resetTokensFor(server().config.dataDir, user.email, 1);

      // A newer request voids the older link.
      await stranger.data(REQUEST_RESET, { e: user.email });
      const second = (await resetTokensFor(server().config.dataDir, user.email, 2))[1];
      expect(second).not.toBe(first);
      const invalid = {
        extensions: { code: 'BAD_USER_INPUT', field: 'token' },
        message: 'This reset link is invalid or has expired. Please ask for a new one.',
      };
      expect(
        errorOf(await stranger.gql(RESET, { t: first, p: 'brand new password' })),
      ).toMatchObject(invalid);
      expect(
        errorOf(await stranger.gql(RESET, { t: 'A'.repeat(43), p: 'brand new password' })),
      ).toMatchObject(invalid);
      expect(
        errorOf(await stranger.gql(RESET, { t: 'made-up', p: 'brand new password' })),
      ).toMatchObject(invalid);

      expect(
        (await stranger.data(RESET, { t: second, p: 'brand new password' })).resetPassword,
      ).toBe(true);
      expect(
        errorOf(await stranger.gql(RESET, { t: second, p: 'another password' })),
      ).toMatchObject(invalid);
      expect((await victim.data('{ me { id } }')).me).toBeNull();
      expect(codeOf(await server().client().gql(LOGIN, { u: user.username, p: PASSWORD }))).toBe(
        'UNAUTHENTICATED',
      );
      expect(
        (await server().client().data(LOGIN, { u: user.username, p: 'brand new password' })).login
          .id,
      ).toBe(user.id);

      // Expired: 30 minutes.
      await stranger.data(REQUEST_RESET, { e: user.email });
      const third = (await resetTokensFor(server().config.dataDir, user.email, 3))[2];
      await server().dataSource.query(
        `UPDATE password_resets SET expiresAt = '2000-01-01 00:00:00'`,
      );
      expect(errorOf(await stranger.gql(RESET, { t: third, p: 'yet another one' }))).toMatchObject(
        invalid,
      );
    });

    test('reset requests and registrations are limited per address', async () => {
      const client = server().client();
      for (let i = 0; i < 5; i++) {
        expect((await client.gql(REQUEST_RESET, { e: `x${i}@example.com` })).data).toEqual({
          requestPasswordReset: true,
        });
      }
      expect(
        errorOf(await client.gql(REQUEST_RESET, { e: 'x@example.com' })).extensions,
      ).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
      const form = await client.form('/forgot_password', { email: 'x@example.com' });
      expect(form).toMatchObject({
        status: 302,
        location: '/forgot_password',
        flash: { kind: 'error' },
      });
      expect(form.flash?.message).toMatch(/^Too many attempts; try again in \d+ minutes$/);

      await server().dataSource.query('DELETE FROM rate_limits');
      const register = (i: number) =>
        client.gql('mutation($i: RegisterInput!) { register(input: $i) { id } }', {
          i: {
            firstname: 'A',
            lastname: 'B',
            email: `r${i}-${Date.now()}@example.com`,
            username: `r${i}_${Date.now()}`,
            password: 'correct horse battery',
          },
        });
      for (let i = 0; i < 10; i++) expect((await register(i)).data?.register.id).toBeDefined();
      expect(errorOf(await register(10)).extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    });

    test('16c. the original form routes: /forgot_password answers alike; /reset_password/<token> takes Origin: null', async () => {
      const client = server().client();
      const user = await signUp(client);
      for (const email of ['nobody@example.com', user.email]) {
        expect(await server().client().form('/forgot_password', { email })).toEqual({
          status: 302,
          location: '/forgot_password?sent=1',
          flash: null,
        });
      }
      const [token] = await resetTokensFor(server().config.dataDir, user.email, 1);
      const invalid = await server()
        .client()
        .form('/reset_password/' + 'B'.repeat(43), { password: 'a fine password' });
      expect(invalid).toEqual({
        status: 302,
        location: '/forgot_password',
        flash: {
          kind: 'error',
          message: 'This reset link is invalid or has expired. Please ask for a new one.',
        },
      });
      const reset = await server()
        .client()
        .form(`/reset_password/${token}`, { password: 'a fine password' }, { origin: 'null' });
      expect(reset).toEqual({
        status: 302,
        location: '/login',
        flash: { kind: 'success', message: 'Your password has been updated!' },
      });
      expect((await client.data('{ me { id } }')).me).toBeNull();
      // Other forms still refuse an opaque origin.
      const login = await server()
        .client()
        .form(
          '/login',
          { username: user.username, password: 'a fine password' },
          { origin: 'null' },
        );
      expect(login.status).toBe(403);
      const page = await fetch(`${server().url}/reset_password/${token}`);
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    });

    test('16b. the reset link is built from APP_URL, never from the Host header', async () => {
      const user = await signUp(server().client());
      await fetch(`${server().url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          host: 'evil.example',
          'x-forwarded-host': 'evil.example',
        },
        body: JSON.stringify({ query: REQUEST_RESET, variables: { e: user.email } }),
      });
      await resetTokensFor(server().config.dataDir, user.email, 1);
      const mails = fs
        .readdirSync(path.join(server().config.dataDir, 'mail'))
        .map((f) => fs.readFileSync(path.join(server().config.dataDir, 'mail', f), 'utf8'));
      expect(mails.join('\n')).not.toContain('evil.example');
    });

    test('17. session fixation: a new id at login; logout kills it server-side', async () => {
      const client = server().client();
      const user = await signUp(client);
      client.cookies.set('sid', 'F'.repeat(43));
      await client.data(LOGIN, { u: user.username, p: PASSWORD });
      const issued = client.cookies.get('sid')!;
      expect(issued).not.toBe('F'.repeat(43));
      await client.data('mutation { logout }');
      const replay = server().client();
      replay.cookies.set('sid', issued);
      expect((await replay.data('{ me { id } }')).me).toBeNull();
    });

    test('18. a 10 KB password is refused before hashing; 128 characters work; a common one is refused', async () => {
      const client = server().client();
      const register = (password: string) =>
        client.gql('mutation($i: RegisterInput!) { register(input: $i) { id } }', {
          i: {
            firstname: 'A',
            lastname: 'B',
            email: `p${password.length}${Date.now()}@example.com`,
            username: `p${password.length}_${Date.now()}`,
            password,
          },
        });
      const started = performance.now();
      expect(errorOf(await register('x'.repeat(10_240))).extensions).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'password',
      });
      expect(performance.now() - started).toBeLessThan(1000);
      expect((await register('y'.repeat(128))).data?.register.id).toBeDefined();
      const common = errorOf(await register('password123'));
      expect(common).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'password' },
        message: 'This password is too common; choose another',
      });
    });

    test('19. TOTP: wrong, reused and old codes refused; a recovery code works once', async () => {
      const client = server().client();
      const user = await signUp(client);
      const { beginTwoFactorSetup } = await client.data(
        'mutation { beginTwoFactorSetup { secret otpauthUri qrCodeSvg } }',
      );
      const secret: string = beginTwoFactorSetup.secret;
      expect(beginTwoFactorSetup.otpauthUri).toContain(`secret=${secret}`);
      expect(beginTwoFactorSetup.qrCodeSvg).toMatch(/^<svg/);
      const now = () => totpStep(Date.now());
      const { confirmTwoFactorSetup: codes } = await client.data(
        'mutation($c: String!) { confirmTwoFactorSetup(code: $c) }',
        { c: totpCode(secret, now()) },
      );
      expect(codes).toHaveLength(10);
      expect((await client.data('{ me { twoFactorEnabled } }')).me.twoFactorEnabled).toBe(true);

      const login = (otp?: string) =>
        server().client().gql(LOGIN, { u: user.username, p: PASSWORD, otp });
      expect(errorOf(await login())).toMatchObject({
        extensions: { code: 'UNAUTHENTICATED', field: 'otp', twoFactorRequired: true },
      });
      expect(errorOf(await login('000000'))).toMatchObject({
        extensions: { code: 'UNAUTHENTICATED', field: 'otp' },
      });
      expect(errorOf(await login(totpCode(secret, now() - 3)))).toMatchObject({
        extensions: { field: 'otp' },
      });
      // The code confirmed at set-up, or one just used, cannot be used again in its window.
      expect(errorOf(await login(totpCode(secret, now())))).toMatchObject({
        extensions: { field: 'otp' },
      });
      const next = totpCode(secret, now() + 1);
      expect((await login(next)).data?.login.id).toBe(user.id);
      expect(errorOf(await login(next))).toMatchObject({ extensions: { field: 'otp' } });

      expect((await login(codes[0])).data?.login.id).toBe(user.id);
      expect(errorOf(await login(codes[0]))).toMatchObject({ extensions: { field: 'otp' } });
      expect((await login(codes[1].toUpperCase().replace('-', ' '))).data?.login.id).toBe(user.id);
      const events = (
        await client.data('{ securityEvents(limit: 50) { type } }')
      ).securityEvents.map((e: { type: string }) => e.type);
      expect(events).toEqual(
        expect.arrayContaining([
          'TWO_FACTOR_ENABLED',
          'RECOVERY_CODE_USED',
          'LOGIN_FAILED',
          'LOGIN_SUCCEEDED',
        ]),
      );
    });

    test('the audit log records sign-ins, resets, password and token changes, with the address', async () => {
      const client = server().client();
      const user = await signUp(client);
      await server().client().gql(LOGIN, { u: user.username, p: 'wrong password' });
      await client.data(
        'mutation { changePassword(currentPassword: "correct horse battery", newPassword: "a new password") }',
      );
      const { createApiToken } = await client.data(
        'mutation { createApiToken(name: "cron", scope: READ) { apiToken { id } } }',
      );
      await client.data(`mutation { revokeApiToken(id: "${createApiToken.apiToken.id}") }`);
      await client.data(REQUEST_RESET, { e: user.email });
      const { securityEvents } = await client.data(
        '{ securityEvents { type ip detail createdAt } }',
      );
      expect(securityEvents.map((e: { type: string }) => e.type)).toEqual([
        'PASSWORD_RESET_REQUESTED',
        'TOKEN_REVOKED',
        'TOKEN_CREATED',
        'PASSWORD_CHANGED',
        'LOGIN_FAILED',
        'LOGIN_SUCCEEDED',
      ]);
      expect(securityEvents[1].detail).toBe('cron');
      expect(securityEvents[0].ip).toMatch(/127\.0\.0\.1/);
      // Another user sees none of them.
      const other = server().client();
      await signUp(other);
      const theirs = (await other.data('{ securityEvents { type } }')).securityEvents;
      expect(theirs).toEqual([{ type: 'LOGIN_SUCCEEDED' }]);
    });
  },
  { realRateLimits: true },
);
