import { signUp } from '../factories';
import { createTestDatabase, describeEachDatabase, startTestServer } from '../test-server';
import { testDrivers } from '../databases';
import { errorOf } from './helpers';

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}

// security.md, GraphQL abuse: items 11 to 13.
describeEachDatabase('attack: GraphQL abuse', (server) => {
  test('11. depth 20, 400 aliases, a 2 MB document, 50,000 tokens, a batch, first: 99999999: refused quickly and clearly', async () => {
    const client = server().client();
    await signUp(client);
    const url = server().url;
    const deep = `{ me ${'{ id '.repeat(20)}${'}'.repeat(20)} }`;
    const aliases = `{ ${Array.from({ length: 400 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    const huge = JSON.stringify({ query: `{ me { id } } # ${'x'.repeat(2 * 1024 * 1024)}` });
    const manyTokens = `{ me { ${'id '.repeat(50_000)} } }`;
    const cases = [
      [JSON.stringify({ query: deep }), 400, 'Query is nested 20 levels deep; the limit is 10'],
      [JSON.stringify({ query: aliases }), 400, 'Query uses 400 aliases; the limit is 15'],
      [huge, 413, 'request entity too large'],
      // (graphql-js spells it "more that".)
      [JSON.stringify({ query: manyTokens }), 400, 'Document contains more tha'],
      [
        JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]),
        400,
        'Operation batching disabled.',
      ],
    ] as const;
    for (const [body, status, message] of cases) {
      const result = await post(url, body);
      expect(result.status).toBe(status);
      expect(result.text).toContain(message);
      expect(result.ms).toBeLessThan(2000);
    }
    const tooMany = await client.gql('{ expenses(first: 99999999) { totalCount } }');
    expect(errorOf(tooMany).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  test('13. a text/plain POST, a GET mutation and a multipart POST without preflight are refused with 400', async () => {
    const url = server().url;
    const mutation = 'mutation { logout }';
    const textPlain = await post(url, JSON.stringify({ query: mutation }), {
      'content-type': 'text/plain',
    });
    expect(textPlain.status).toBe(400);
    const get = await fetch(`${url}/graphql?query=${encodeURIComponent(mutation)}`);
    expect(get.status).toBe(400);
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: mutation }));
    const multipart = await fetch(`${url}/graphql`, { method: 'POST', body: form });
    expect(multipart.status).toBe(400);
    expect(await multipart.text()).toContain('CSRF');
  });

  test('12. a forced database error answers a generic message: no SQL, no stack', async () => {
    const client = server().client();
    await signUp(client);
    await server().dataSource.query('DROP TABLE budget_categories');
    const result = await client.gql('{ budgetCategories { id } }');
    expect(result.status).toBe(200);
    expect(result.errors).toEqual([
      {
        message: 'Something went wrong on our side; it has been logged',
        path: ['budgetCategories'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
    expect(JSON.stringify(result)).not.toMatch(/SELECT|budget_categories|stack|at /i);
  });
});

describe.each(testDrivers())('introspection and headers [%s]', (driver) => {
  test('production: introspection for signed-in callers only; off means off', async () => {
    for (const introspection of ['signed-in', 'off'] as const) {
      const database = await createTestDatabase(driver);
      database.config.introspection = introspection;
      database.config.nodeEnv = 'production';
      const server = await startTestServer(database);
      try {
        const query = '{ __schema { queryType { name } } }';
        const anonymous = await server.client().gql(query);
        expect(errorOf(anonymous)).toMatchObject({
          message: 'Introspection is not available to this caller',
          extensions: { code: 'FORBIDDEN' },
        });
        const member = server.client();
        await signUp(member);
        const signedIn = await member.gql(query);
        if (introspection === 'signed-in') {
          expect(signedIn.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
        } else {
          expect(errorOf(signedIn).extensions?.code).toBe('FORBIDDEN');
        }
        // No "Did you mean" hints about the schema in production.
        const typo = await member.gql('{ expensez { totalCount } }');
        expect(errorOf(typo).message).toBe('Cannot query field "expensez" on type "Query".');
      } finally {
        await server.stop();
        await database.drop();
      }
    }
  });

  test('headers: strict CSP, nosniff, no framing; HSTS and a __Host- Secure cookie only over HTTPS', async () => {
    const database = await createTestDatabase(driver);
    database.config.trustProxy = 1;
    const server = await startTestServer(database);
    try {
      const plain = await fetch(`${server.url}/healthz`);
      const csp = plain.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(plain.headers.get('x-content-type-options')).toBe('nosniff');
      expect(plain.headers.get('strict-transport-security')).toBeNull();
      expect(plain.headers.get('x-powered-by')).toBeNull();

      const secure = await fetch(`${server.url}/healthz`, {
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(secure.headers.get('strict-transport-security')).toBe(
        'max-age=31536000; includeSubDomains',
      );
      const reset = await fetch(`${server.url}/reset_password/abc`);
      expect(reset.headers.get('referrer-policy')).toBe('no-referrer');

      const client = server.client();
      const user = await signUp(client);
      const login = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({
          query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }',
          variables: { u: user.username, p: 'correct horse battery' },
        }),
      });
      const cookie = login.headers.getSetCookie().join('\n');
      expect(cookie).toMatch(
        /^__Host-sid=[A-Za-z0-9_-]{43}; Max-Age=2592000; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
      );
    } finally {
      await server.stop();
      await database.drop();
    }
  });
});
