import fs from 'node:fs/promises';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';

/** Vite names every file under /assets/ by its content's hash: it never changes under a name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and the other unhashed files: kept, but revalidated (ETag, 304) on every use. */
const REVALIDATE = 'no-cache';

/**
 * The build writes a brotli and a gzip copy next to each compressible file (client/scripts/);
 * brotli first, as it is the smaller.
 */
const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

/** Our encodings that an Accept-Encoding header allows (q > 0, directly or through `*`). */
export function acceptedEncodings(header: string | undefined): string[] {
  const weights = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((param) => param.startsWith('q='));
    weights.set(name, q ? Number(q.slice(2)) : 1);
  }
  return PRECOMPRESSED.map((p) => p.encoding).filter(
    (encoding) => (weights.get(encoding) ?? weights.get('*') ?? 0) > 0,
  );
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * The built web client: its files, each in the best encoding the browser accepts, and every
 * other GET answered by its index.html (client-side routes). Nothing is cached in memory, so a
 * rebuild that swaps CLIENT_DIR is served from the next request on.
 */
/** Turns the page's index.html into the answer for one request (modules/nojs renders it). */
export type PageRenderer = (template: string, req: Request, res: Response) => Promise<string>;

export function staticClient(clientDir: string, renderPage?: PageRenderer): express.Router {
  /** Sends `file` (relative to root) or its precompressed copy, or reports that it is missing. */
  async function send(
    root: string,
    req: Request,
    res: Response,
    file: string,
    cacheControl: string,
  ): Promise<'sent' | 'missing'> {
    res.vary('Accept-Encoding');
    let chosen = file;
    for (const { encoding, suffix } of PRECOMPRESSED) {
      if (!acceptedEncodings(req.headers['accept-encoding']).includes(encoding)) continue;
      if (await isFile(path.join(root, file + suffix))) {
        chosen = file + suffix;
        res.setHeader('Content-Encoding', encoding);
        // The type of the file, not of its .br or .gz copy.
        res.type(path.extname(file));
        break;
      }
    }
    res.setHeader('Cache-Control', cacheControl);
    return new Promise((resolve, reject) => {
      res.sendFile(chosen, { root, cacheControl: false }, (error?: NodeJS.ErrnoException) => {
        // An error after the headers went (the browser went away) has no one left to tell.
        if (!error || res.headersSent) resolve('sent');
        else if (error.code === 'ENOENT') {
          res.removeHeader('Content-Encoding');
          res.removeHeader('Content-Type');
          resolve('missing');
        } else reject(error);
      });
    });
  }

  const router = express.Router();
  router.get(
    /^\/(?!graphql(?:\/|$)).*/,
    async (req: Request, res: Response, next: NextFunction) => {
      let requested: string;
      try {
        requested = path.posix.normalize(decodeURIComponent(req.path));
      } catch {
        res.status(400).type('text/plain').send('Malformed address');
        return;
      }
      // One build per request: CLIENT_DIR may be a link that a rebuild swaps between our look at
      // a file and our reading of it (the size from one build, the bytes from the other).
      const root = await fs.realpath(clientDir).catch(() => path.resolve(clientDir));
      const isAsset = requested.startsWith('/assets/');
      const hidden = requested.split('/').some((segment) => segment.startsWith('.'));
      const isPage = requested === '/' || requested === '/index.html';
      if (!hidden && !isPage && (await isFile(path.join(root, requested)))) {
        const sent = await send(root, req, res, requested, isAsset ? IMMUTABLE : REVALIDATE);
        if (sent === 'sent') return;
      }
      // A hashed file that is not there is a 404, not the page: a script must not get HTML.
      if (isAsset) return next();
      if (renderPage) {
        const template = await fs.readFile(path.join(root, 'index.html'), 'utf8').catch(() => null);
        if (template !== null) {
          try {
            res.type('html').send(await renderPage(template, req, res));
          } catch (error) {
            next(error);
          }
          return;
        }
      } else if ((await send(root, req, res, '/index.html', REVALIDATE)) !== 'missing') {
        return;
      }
      res
        .status(404)
        .type('text/plain')
        .send(
          'The web client is not built. The API is at /graphql; `npm run build` builds the client.',
        );
    },
  );
  return router;
}
