import type { Router } from 'express';
import { AppError, HTTP_STATUS } from '../../errors';
import type { Services } from '../../services';
import { authenticateRequest } from '../auth/request-auth';

/** A name safe inside a Content-Disposition header: ASCII letters, digits and a few marks. */
const headerName = (name: string, type: string) => {
  const base =
    name
      .replace(/\.[^.]*$/, '')
      .replace(/[^A-Za-z0-9 _-]/g, '_')
      .slice(0, 80) || 'receipt';
  return `${base}.${type === 'application/pdf' ? 'pdf' : 'jpg'}`;
};

/**
 * `GET /api/receipts/<id>/image` and `/thumbnail`: the stored picture, to members of the
 * receipt's ledger only (another user's receipt answers 404 like a missing one). `?download=1`
 * asks the browser to save it. A PDF is always a download: it is never rendered in our origin.
 */
export function receiptRoutes(router: Router, services: Services): void {
  router.get('/api/receipts/:id/:which', async (req, res, next) => {
    try {
      const which = req.params.which;
      if (which !== 'image' && which !== 'thumbnail') {
        res.status(404).type('text/plain').send('Not found');
        return;
      }
      const caller = await authenticateRequest(req, services);
      if (!caller) {
        res.status(401).type('text/plain').send('You must be logged in');
        return;
      }
      const picture = await services.receipts.picture(caller.user, req.params.id, which);
      const download = req.query.download === '1' || picture.contentType === 'application/pdf';
      res
        .status(200)
        .set({
          'Cache-Control': 'private, max-age=3600',
          'Content-Security-Policy': "default-src 'none'; sandbox",
          'Content-Disposition': `${download ? 'attachment' : 'inline'}; filename="${headerName(picture.name, picture.contentType)}"`,
        })
        .type(picture.contentType)
        .send(picture.bytes);
    } catch (error) {
      if (error instanceof AppError) {
        res
          .status(HTTP_STATUS[error.code])
          .type('text/plain')
          .send(error.code === 'NOT_FOUND' ? 'Not found' : error.message);
        return;
      }
      next(error);
    }
  });
}
