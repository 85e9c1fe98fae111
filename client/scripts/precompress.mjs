// Writes a brotli (.br) and a gzip (.gz) copy next to each compressible file of a build, once,
// so that the server sends them as they are instead of compressing on every request.
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

const COMPRESSIBLE = new Set([
  '.js',
  '.mjs',
  '.css',
  '.html',
  '.svg',
  '.json',
  '.txt',
  '.wasm',
  '.map',
  '.webmanifest',
  '.ttf',
]);
/** Below this, the headers of a compressed answer cost about what compression saves. */
const MIN_BYTES = 1024;
/**
 * Brotli's best quality takes seconds per megabyte: used up to this size (the login page's
 * bundle is under it); the large lazy chunks (Monaco) get quality 9, a few percent larger.
 */
const MAX_QUALITY_BYTES = 600 * 1024;

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile()) yield full;
  }
}

async function compressFile(file) {
  const content = await fs.promises.readFile(file);
  if (content.length < MIN_BYTES) return { before: 0, after: 0 };
  const [br, gz] = await Promise.all([
    brotli(content, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]:
          content.length <= MAX_QUALITY_BYTES ? zlib.constants.BROTLI_MAX_QUALITY : 9,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      },
    }),
    gzip(content, { level: zlib.constants.Z_BEST_COMPRESSION }),
  ]);
  // A copy that is not smaller is not worth a second file.
  if (br.length < content.length) await fs.promises.writeFile(`${file}.br`, br);
  if (gz.length < content.length) await fs.promises.writeFile(`${file}.gz`, gz);
  return { before: content.length, after: Math.min(br.length, content.length) };
}

/** Compresses every file under `dir` worth it; returns the bytes before and after brotli. */
export async function precompress(dir) {
  const chosen = [...files(dir)].filter((file) => COMPRESSIBLE.has(path.extname(file)));
  // zlib's asynchronous calls run on libuv's threads: all cores work at once.
  const sizes = await Promise.all(chosen.map(compressFile));
  return sizes.reduce(
    (sum, size) => ({
      before: sum.before + size.before,
      after: sum.after + size.after,
    }),
    { before: 0, after: 0 },
  );
}
