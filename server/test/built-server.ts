import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';

/**
 * The server as users run it: `node server/dist/main.js`, a process of its own, in the mode its
 * NODE_ENV says (Jest's own processes are always NODE_ENV=test).
 */

const repoRoot = path.resolve(__dirname, '..', '..');
const serverDir = path.join(repoRoot, 'server');
const main = path.join(serverDir, 'dist', 'main.js');

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    // Tests are not part of the build.
    if (entry.name.endsWith('.test.ts')) continue;
    const time = entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs;
    if (time > latest) latest = time;
  }
  return latest;
}

const isBuilt = () =>
  fs.existsSync(main) && fs.statSync(main).mtimeMs >= newest(path.join(serverDir, 'src'));

/**
 * Builds server/dist when it is missing or older than its sources, as `npm run build` would.
 * Jest runs suites in parallel workers: one builds while the others wait for it.
 */
export async function ensureServerBuilt(): Promise<void> {
  const lock = path.join(
    os.tmpdir(),
    `finance-server-build-${createHash('sha1').update(serverDir).digest('hex').slice(0, 12)}`,
  );
  for (;;) {
    if (isBuilt()) return;
    try {
      fs.mkdirSync(lock);
    } catch {
      // Another worker is building; a lock older than 5 minutes is from one that died.
      const held = fs.statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 300_000) {
        fs.rmSync(lock, { recursive: true, force: true });
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    try {
      execFileSync(
        process.execPath,
        [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
        { cwd: serverDir, stdio: ['ignore', 'ignore', 'inherit'] },
      );
      return;
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}

export interface BuiltServer {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote (its log is JSON lines on stderr). */
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** Sends SIGTERM and resolves with the exit code and how long the process took to end. */
  terminate(): Promise<{ code: number | null; ms: number }>;
}

/** Starts the built server with `env` (plus PORT, and a DATA_DIR of its own unless given). */
export async function startBuiltServer(env: Record<string, string>): Promise<BuiltServer> {
  await ensureServerBuilt();
  const port = await freePort();
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'finance-built-'));
  const child = spawn(process.execPath, [main], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  void exited.then(() => {
    if (!env.DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const deadline = Date.now() + 30_000;
  while (!output.includes('Serving on')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The built server did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    exited,
    async terminate() {
      const sent = performance.now();
      child.kill('SIGTERM');
      // A server that does not stop is a failure to report, not a test (and process) left hanging.
      const code = await Promise.race([
        exited,
        new Promise<'still running'>((resolve) =>
          setTimeout(() => resolve('still running'), 20_000),
        ),
      ]);
      const ms = Math.round(performance.now() - sent);
      if (code === 'still running') {
        child.kill('SIGKILL');
        return { code: null, ms };
      }
      return { code, ms };
    },
  };
}
