import type { Response, Router } from 'express';
import { AppError, HTTP_STATUS } from '../../errors';
import { log } from '../../log';
import type { Services } from '../../services';
import { authenticateRequest } from '../auth/request-auth';
import { ledgerHeader } from '../ledger-access/ledger-header';

const FORMATS = {
  json: { type: 'application/json; charset=utf-8', extension: 'json' },
  csv: { type: 'application/zip', extension: 'zip' },
} as const;

/** Writes the chunks as the client takes them; stops when it goes away. */
async function send(res: Response, chunks: AsyncIterable<string | Uint8Array>): Promise<void> {
  for await (const chunk of chunks) {
    if (res.destroyed) return;
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  res.end();
}

/**
 * GET /api/export?format=json|csv[&ledgerId=]: everything the caller's ledger holds, as one JSON
 * document or a zip of CSV files, streamed. Authenticated like /api/uploads; a READ token may
 * export (it only reads). A plain GET, so a browser link downloads it.
 */
export function exportRoutes(router: Router, services: Services): void {
  router.get('/api/export', async (req, res, next) => {
    try {
      const format = req.query.format ?? 'json';
      if (format !== 'json' && format !== 'csv') {
        res.status(400).json({ error: 'format must be json or csv' });
        return;
      }
      const caller = await authenticateRequest(req, services);
      if (!caller) {
        res.status(401).json({ error: 'You must be logged in' });
        return;
      }
      // As on /graphql: the query's ledgerId, else the ledger switcher's header, else personal.
      const ledgerId =
        typeof req.query.ledgerId === 'string' ? req.query.ledgerId : ledgerHeader(req);
      const scope = await services.ledgers.scope(caller.user, ledgerId, 'read');
      const source = { ledgerId: scope.ledgerId, user: scope.user };
      const { type, extension } = FORMATS[format];
      const day = new Date().toISOString().slice(0, 10);
      res.status(200);
      res.set({
        'Content-Type': type,
        'Content-Disposition': `attachment; filename="finance-export-${day}.${extension}"`,
        'Cache-Control': 'no-store',
      });
      await send(
        res,
        format === 'csv' ? services.exports.csvZip(source) : services.exports.json(source),
      );
    } catch (error) {
      if (error instanceof AppError && !res.headersSent) {
        res.status(HTTP_STATUS[error.code]).json({ error: error.message });
        return;
      }
      if (res.headersSent) {
        // Half a document must not look like a whole one: the connection is cut.
        log('error', 'Export failed while streaming', { error });
        res.destroy();
        return;
      }
      next(error);
    }
  });
}
