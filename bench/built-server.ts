import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.join(__dirname, '..');

/**
 * Builds the server (tsc, about half a minute) for scenarios that measure what production runs:
 * from source, each worker thread loads ts-node and compiles the modules it needs, about 70 MB
 * of memory that `npm start` never spends. Returns the folder the app server loads it from.
 */
export function buildServer(log: (line: string) => void): string {
  log('building the server (npm run build -w server) to measure the built code');
  execFileSync('npm', ['run', 'build', '-w', 'server'], { cwd: root, stdio: 'ignore' });
  return path.join(root, 'server', 'dist');
}
