import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { ApiClient } from '../../test/api-client';
import { startBuiltServer, type BuiltServer } from '../../test/built-server';
import { signUp } from '../../test/factories';
import { acceptedEncodings } from './static-client';

/**
 * The built client as the built server sends it in production: precompressed by the build,
 * chosen by Accept-Encoding, cached for good when hashed, revalidated when not; and a rebuild
 * that swaps client/dist while the server serves it.
 */

jest.setTimeout(60_000);

const publishScript = path.resolve(__dirname, '../../../client/scripts/publish-build.mjs');
const publish = (buildDir: string, dist: string) =>
  promisify(execFile)(process.execPath, [publishScript, buildDir, dist]);

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes as they came over the wire, still encoded. */
  body: Buffer;
}

/** A request that leaves the body as sent (fetch would decode it and hide the encoding). */
function send(url: string, options: http.RequestOptions, body?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { agent: false, ...options }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

const get = (url: string, headers: Record<string, string> = {}) => send(url, { headers });

function decode(answer: RawAnswer): Buffer {
  const encoding = answer.headers['content-encoding'];
  if (encoding === 'br') return zlib.brotliDecompressSync(answer.body);
  if (encoding === 'gzip') return zlib.gunzipSync(answer.body);
  return answer.body;
}

/** A build as Vite lays it out, with text long enough to be worth compressing. */
function writeBuild(
  buildsDir: string,
  name: string,
): { dir: string; index: string; asset: string } {
  const dir = path.join(buildsDir, name);
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  const asset = `/assets/app-${name}.js`;
  const script = `console.log(${JSON.stringify(`build ${name} `.repeat(400))});\n`;
  fs.writeFileSync(path.join(dir, asset), script);
  const index = `<!doctype html><html><head><script type="module" src="${asset}"></script></head><body>${`<p>build ${name}</p>`.repeat(100)}</body></html>\n`;
  fs.writeFileSync(path.join(dir, 'index.html'), index);
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return { dir, index, asset };
}

describe('acceptedEncodings', () => {
  test.each([
    ['gzip, deflate, br, zstd', ['br', 'gzip']],
    ['gzip', ['gzip']],
    ['br;q=0, gzip;q=0.5', ['gzip']],
    ['*', ['br', 'gzip']],
    ['*;q=0, identity', []],
    ['identity', []],
    [undefined, []],
  ])('%s: %j', (header, expected) => {
    expect(acceptedEncodings(header)).toEqual(expected);
  });
});

describe('the built server in production', () => {
  let root: string;
  let dist: string;
  let first: ReturnType<typeof writeBuild>;
  let server: BuiltServer;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-static-'));
    dist = path.join(root, 'dist');
    first = writeBuild(path.join(root, 'builds'), 'first');
    await publish(first.dir, dist);
    server = await startBuiltServer({ NODE_ENV: 'production', CLIENT_DIR: dist });
  }, 180_000); // May build the server first.
  afterAll(async () => {
    await server?.terminate();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test.each([
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['identity', undefined],
  ])(
    'a hashed asset, Accept-Encoding %s: sent %s, cached for a year, equal to the file',
    async (accept, encoding) => {
      const answer = await get(`${server.url}${first.asset}`, { 'accept-encoding': accept });
      const file = fs.readFileSync(path.join(first.dir, first.asset));
      expect({
        status: answer.status,
        encoding: answer.headers['content-encoding'],
        type: answer.headers['content-type'],
        vary: answer.headers.vary,
        cache: answer.headers['cache-control'],
      }).toEqual({
        status: 200,
        encoding,
        type: 'text/javascript; charset=utf-8',
        vary: 'Accept-Encoding',
        cache: 'public, max-age=31536000, immutable',
      });
      if (encoding) expect(answer.body.length).toBeLessThan(file.length / 5);
      expect(decode(answer).equals(file)).toBe(true);
    },
  );

  test.each(['/', '/dashboard', '/expenses/12'])(
    '%s: index.html rendered per request, private, revalidated on each use',
    async (route) => {
      const answer = await get(`${server.url}${route}`, { 'accept-encoding': 'gzip, br' });
      expect({
        status: answer.status,
        type: answer.headers['content-type'],
        cache: answer.headers['cache-control'],
      }).toEqual({
        status: 200,
        type: 'text/html; charset=utf-8',
        // Per user (the no-JavaScript block shows the signed-in month): no shared cache.
        cache: 'private, no-cache',
      });
      const page = decode(answer).toString();
      // The built page (its <noscript> block, rendered per request, is client/e2e/nojs's to test).
      const outside = (html: string) => html.replace(/<noscript>[\s\S]*<\/noscript>/, '');
      expect(outside(page)).toBe(outside(first.index));
      // Revalidation: the browser's copy is confirmed with a 304 and no body.
      const again = await get(`${server.url}${route}`, {
        'accept-encoding': 'gzip, br',
        'if-none-match': String(answer.headers.etag),
      });
      expect([again.status, again.body.length]).toEqual([304, 0]);
    },
  );

  test('a small unhashed file goes as it is, revalidated', async () => {
    const answer = await get(`${server.url}/favicon.svg`, { 'accept-encoding': 'br' });
    expect([
      answer.status,
      answer.headers['content-encoding'],
      answer.headers['cache-control'],
    ]).toEqual([200, undefined, 'no-cache']);
  });

  test('a hashed asset that is not there is a 404, not the page', async () => {
    const answer = await get(`${server.url}/assets/app-gone.js`);
    expect(answer.status).toBe(404);
    expect(answer.body.toString()).not.toContain('<html');
  });

  test('a large GraphQL answer is compressed, a small one is not', async () => {
    const client = new ApiClient(server.url);
    await signUp(client);
    const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const ask = (query: string) =>
      send(
        `${server.url}/graphql`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip', cookie },
        },
        JSON.stringify({ query }),
      );
    const large = await ask('{ __schema { types { name fields { name } } } }');
    expect([large.status, large.headers['content-encoding'], large.headers.vary]).toEqual([
      200,
      'gzip',
      'Accept-Encoding',
    ]);
    const schema = JSON.parse(decode(large).toString());
    expect(schema.data.__schema.types.length).toBeGreaterThan(20);

    const small = await ask('{ __typename }');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toEqual({ data: { __typename: 'Query' } });
  });

  test('a rebuild swapping the folder never leaves a request without the page', async () => {
    const builds = [first];
    let swapping = true;
    const swaps = (async () => {
      try {
        for (let n = 1; n <= 8; n++) {
          const build = writeBuild(path.join(root, 'builds'), `next${n}`);
          await publish(build.dir, dist);
          builds.push(build);
        }
      } finally {
        swapping = false;
      }
    })();
    const answers: { status: number; page: boolean }[] = [];
    const knownPages = () => new Set(builds.map((b) => b.index));
    const reader = async () => {
      while (swapping) {
        const answer = await get(`${server.url}/`, { 'accept-encoding': 'br' });
        const page = decode(answer).toString();
        // The page of a build published or being published: the last one may not be listed yet.
        answers.push({
          status: answer.status,
          page: knownPages().has(page) || /build next\d/.test(page),
        });
      }
    };
    await Promise.all([swaps, reader(), reader(), reader()]);
    expect(answers.length).toBeGreaterThan(20);
    expect(answers.filter((a) => a.status !== 200 || !a.page)).toEqual([]);

    // A page loaded from the build before the last still finds its script.
    const beforeLast = builds[builds.length - 2];
    const asset = await get(`${server.url}${beforeLast.asset}`);
    expect(asset.status).toBe(200);
    // Only the current build and the one before it are kept.
    expect(fs.readdirSync(path.join(root, 'builds')).sort()).toEqual(['next7', 'next8']);
  });
});
