import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { ApiClient } from '../../test/api-client';
import { ADD_EXPENSE, signUp } from '../../test/factories';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
// GraphiQL 5's schema query, as its docs pane and autocomplete send it.
const SCHEMA_QUERY = {
  query: getIntrospectionQuery({ inputValueDeprecation: false, schemaDescription: false }),
  operationName: 'IntrospectionQuery',
};

let child: ChildProcess;
let dataDir: string;
let url: string;
let exited: Promise<number | null>;

/** The built server, started as users start it: `node server/dist/main.js` in production mode. */
beforeAll(async () => {
  execFileSync('npm', ['run', 'build', '-w', 'server'], { cwd: repoRoot, stdio: 'ignore' });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-prod-'));
  child = spawn(process.execPath, ['server/dist/main.js'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      PORT: '0',
      DATA_DIR: dataDir,
      CLIENT_DIR: path.join(dataDir, 'no-client'),
    },
  });
  exited = new Promise((resolve) => child.on('close', resolve));
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  for (let i = 0; i < 400 && !/Serving on http:\/\/localhost:\d+/.test(output); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const port = /Serving on http:\/\/localhost:(\d+)/.exec(output)?.[1];
  if (!port) throw new Error(`The built server did not start: ${output}`);
  url = `http://127.0.0.1:${port}`;
}, 120_000);

afterAll(async () => {
  child?.kill('SIGTERM');
  const code = await exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
  expect(code).toBe(0);
});

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    replayed: response.headers.get('idempotent-replayed'),
    body: (await response.json()) as {
      data?: Record<string, any>;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    },
  };
}

const cookieOf = (client: ApiClient) =>
  [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

test('production build: GraphiQL schema query for signed-in callers only, data depth still 10', async () => {
  const anonymous = await post(SCHEMA_QUERY);
  expect(anonymous.status).toBe(403);
  expect(anonymous.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');

  const client = new ApiClient(url);
  await signUp(client);
  const signedIn = await post(SCHEMA_QUERY, { cookie: cookieOf(client) });
  expect(signedIn.body.errors).toBeUndefined();
  const schema = buildClientSchema(signedIn.body.data as IntrospectionQuery);
  expect(Object.keys(schema.getQueryType()!.getFields())).toContain('dashboard');

  const deep = await client.gql(`{ me ${'{ id '.repeat(11)}${'}'.repeat(11)} }`);
  expect(deep.errors?.map((e) => e.message)).toContain(
    'Query is nested 11 levels deep; the limit is 10',
  );
});

test('production build: a repeated Idempotency-Key replays the first answer', async () => {
  const client = new ApiClient(url);
  await signUp(client);
  const body = {
    query: ADD_EXPENSE,
    variables: {
      input: { description: 'Rent', amount: '900', category: 'Housing', date: '2024-02-01' },
    },
  };
  const headers = { cookie: cookieOf(client), 'idempotency-key': 'rent-2024-02' };
  const first = await post(body, headers);
  const again = await post(body, headers);
  expect(first.body.data?.addExpense.amount).toBe('900.00');
  expect(again.replayed).toBe('true');
  expect(again.body).toEqual(first.body);
  const { expenses } = await client.data('{ expenses { totalCount } }');
  expect(expenses.totalCount).toBe(1);
});

test('production build: `npm run jobs` reports the served database’s background jobs', () => {
  const output = execFileSync(process.execPath, ['server/dist/modules/jobs/jobs-cli.js'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  const [database, counts, verdict] = output.trim().split('\n');
  expect(database).toBe(`sqlite ${path.join(dataDir, 'finance.db')}`);
  expect(counts).toMatch(/^Jobs: \d+ pending, \d+ running, \d+ done, 0 failed$/);
  expect(verdict).toBe('No job is failing.');
});
