// Publishes a finished client build without a moment in which a running server finds no client:
// client/dist is a symbolic link to one folder of client/builds/, replaced by a rename (atomic
// on POSIX). Run alone (`node publish-build.mjs <built-folder> <dist-link>`) it publishes a
// folder that was built elsewhere, as the tests do.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { precompress } from './precompress.mjs';

/** The hashed files a build made itself, kept in the build so that the next one can carry them. */
const OWN_ASSETS = '.own-assets.json';

function listAssets(buildDir) {
  const assets = path.join(buildDir, 'assets');
  return fs.existsSync(assets) ? fs.readdirSync(assets) : [];
}

/**
 * Pages loaded from the previous build still ask for its hashed files (lazy chunks, fonts): the
 * new build carries them (hard links), so that they are not a 404 after the swap. Only the
 * previous build's own files are carried, so they do not pile up build after build.
 */
function carryPreviousAssets(previousDir, buildDir) {
  const own = listAssets(buildDir);
  fs.writeFileSync(path.join(buildDir, OWN_ASSETS), JSON.stringify(own));
  if (!previousDir) return;
  const ownFile = path.join(previousDir, OWN_ASSETS);
  const previous = fs.existsSync(ownFile)
    ? JSON.parse(fs.readFileSync(ownFile, 'utf8'))
    : listAssets(previousDir);
  const have = new Set(own);
  fs.mkdirSync(path.join(buildDir, 'assets'), { recursive: true });
  for (const name of previous) {
    if (have.has(name)) continue;
    const from = path.join(previousDir, 'assets', name);
    const to = path.join(buildDir, 'assets', name);
    if (!fs.existsSync(from)) continue;
    try {
      fs.linkSync(from, to);
    } catch {
      fs.copyFileSync(from, to);
    }
  }
}

/** The folder `dist` points to now, or undefined when it is missing or is not a link. */
function currentTarget(dist) {
  try {
    return path.resolve(path.dirname(dist), fs.readlinkSync(dist));
  } catch {
    return undefined;
  }
}

/** Makes `buildDir` (a finished build under client/builds/) the one `dist` points to. */
export async function publishBuild(buildDir, dist) {
  buildDir = path.resolve(buildDir);
  dist = path.resolve(dist);
  await precompress(buildDir);
  let previous = currentTarget(dist);
  if (!previous && fs.existsSync(dist)) {
    // A dist folder from before builds were swapped: moved aside once (the only non-atomic step).
    previous = path.join(path.dirname(buildDir), `legacy-${Date.now()}`);
    fs.renameSync(dist, previous);
  }
  carryPreviousAssets(previous, buildDir);
  const next = `${dist}.next-${process.pid}`;
  fs.rmSync(next, { force: true });
  if (process.platform === 'win32') fs.symlinkSync(buildDir, next, 'junction');
  else fs.symlinkSync(path.relative(path.dirname(dist), buildDir), next, 'dir');
  fs.renameSync(next, dist);
  // The previous build stays for requests that were being served from it; older ones go.
  const buildsDir = path.dirname(buildDir);
  for (const name of fs.readdirSync(buildsDir)) {
    const dir = path.join(buildsDir, name);
    if (dir !== buildDir && dir !== previous) fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [buildDir, dist] = process.argv.slice(2);
  if (!buildDir || !dist) {
    console.error('usage: node publish-build.mjs <built-folder> <dist-link>');
    process.exit(2);
  }
  await publishBuild(buildDir, dist);
}
