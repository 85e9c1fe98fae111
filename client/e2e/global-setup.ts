import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CHROMIUM, clientDir } from './paths';

/** Newest modification time of any file under `dir`. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs;
    if (time > latest) latest = time;
  }
  return latest;
}

/**
 * The browser tests run against the built client, as `npm start` serves it: build it when it is
 * missing or older than its sources.
 */
export default function globalSetup(): void {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Debian's Chromium at ${CHROMIUM}: apt-get install -y chromium`,
    );
  }
  const built = path.join(clientDir, 'dist', 'index.html');
  const sources = Math.max(
    newest(path.join(clientDir, 'src')),
    newest(path.join(clientDir, 'public')),
    fs.statSync(path.join(clientDir, 'index.html')).mtimeMs,
    fs.statSync(path.join(clientDir, 'vite.config.ts')).mtimeMs,
  );
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return;
  console.log('\nBuilding the web client for the browser tests…');
  execFileSync('npm', ['run', 'build', '-w', 'client'], {
    cwd: path.resolve(clientDir, '..'),
    stdio: ['ignore', 'ignore', 'inherit'],
    // Jest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
