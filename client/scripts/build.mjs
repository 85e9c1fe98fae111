// `npm run build -w client`: builds into a new folder of client/builds/, compresses it, then
// swaps client/dist over to it, so that a server serving client/dist never sees a half build.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { publishBuild } from './publish-build.mjs';

const clientDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = path.join(clientDir, 'builds', `${Date.now()}-${process.pid}`);

await build({
  configFile: path.join(clientDir, 'vite.config.ts'),
  build: { outDir: buildDir, emptyOutDir: true },
});
const started = performance.now();
await publishBuild(buildDir, path.join(clientDir, 'dist'));
console.log(
  `client/dist -> ${path.relative(clientDir, buildDir)} (compressed and published in ${Math.round(performance.now() - started)} ms)`,
);
