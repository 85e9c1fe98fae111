import type { Request, Router } from 'express';
import { AppError, badInput, HTTP_STATUS } from '../../errors';
import type { Services } from '../../services';
import { authenticateRequest } from '../auth/request-auth';
import { ledgerHeader } from '../ledger-access/ledger-header';
import type { PageSize } from './report-document';
import { reportCsv, reportPdf, reportXlsx } from './report-files';

const TYPES = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * A repeated parameter (`?categories=a&categories=b`) as a list; `split` also reads `a,b` (for
 * ids: a category name may hold a comma). Absent is no filter.
 */
function list(value: unknown, split = false): string[] | undefined {
  if (value === undefined) return undefined;
  const items = (Array.isArray(value) ? value : [value]).flatMap((item) =>
    typeof item !== 'string' ? [] : split ? item.split(',') : [item],
  );
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

const one = (req: Request, name: string) =>
  typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * GET /api/reports/export?format=pdf|csv|xlsx: a report as a file, from the ReportInput as query
 * parameters (from, to, groupBy, accountIds, categories) or a savedReportId; size=A4|LETTER for
 * the PDF. Authenticated like /api/export, so a plain link downloads it.
 * GET and POST /api/reports/unsubscribe?token=: the link of a scheduled report's mail.
 */
export function reportRoutes(router: Router, services: Services): void {
  router.get('/api/reports/export', async (req, res, next) => {
    try {
      const format = one(req, 'format') ?? 'pdf';
      if (format !== 'pdf' && format !== 'csv' && format !== 'xlsx') {
        res.status(400).json({ error: 'format must be pdf, csv or xlsx' });
        return;
      }
      const size = (one(req, 'size') ?? 'A4').toUpperCase();
      if (size !== 'A4' && size !== 'LETTER') throw badInput('size', 'size must be A4 or LETTER');
      const caller = await authenticateRequest(req, services);
      if (!caller) {
        res.status(401).json({ error: 'You must be logged in' });
        return;
      }
      const ledgerId = one(req, 'ledgerId') ?? ledgerHeader(req);
      const scope = await services.ledgers.scope(caller.user, ledgerId, 'read');
      const savedId = one(req, 'savedReportId');
      let title = 'Spending report';
      let input: Record<string, unknown>;
      if (savedId !== undefined) {
        const saved = await services.reports.get(scope, savedId);
        title = saved.name;
        input = JSON.parse(saved.input) as Record<string, unknown>;
      } else {
        input = {
          from: one(req, 'from'),
          to: one(req, 'to'),
          groupBy: one(req, 'groupBy'),
          accountIds: list(req.query.accountIds, true),
          categories: list(req.query.categories),
          taxDeductibleOnly: one(req, 'taxDeductibleOnly') === 'true',
        };
      }
      const document = await services.reports.document(scope, input, title);
      const body =
        format === 'pdf'
          ? await reportPdf(document, size as PageSize)
          : format === 'xlsx'
            ? await reportXlsx(document)
            : Buffer.from(reportCsv(document), 'utf8');
      res.status(200).set({
        'Content-Type': TYPES[format],
        'Content-Disposition': `attachment; filename="report-${document.from}-${document.to}.${format}"`,
        'Cache-Control': 'no-store',
      });
      res.end(body);
    } catch (error) {
      if (error instanceof AppError) {
        res.status(HTTP_STATUS[error.code]).json({ error: error.message, field: error.field });
        return;
      }
      next(error);
    }
  });

  // A GET only shows a button: mail scanners open links, and must not unsubscribe anyone.
  router.get('/api/reports/unsubscribe', async (req, res, next) => {
    try {
      const record = await services.reportMail.verify(req.query.token);
      res.set('Cache-Control', 'no-store').type('html');
      if (!record) {
        res
          .status(404)
          .send('<!doctype html><title>Unsubscribe</title><p>This link is no longer valid.</p>');
        return;
      }
      res.send(
        `<!doctype html><meta name="viewport" content="width=device-width"><title>Unsubscribe</title>` +
          `<p>Stop mailing the report "${escapeHtml(record.name)}"?</p>` +
          `<form method="post"><button type="submit">Unsubscribe</button></form>`,
      );
    } catch (error) {
      next(error);
    }
  });

  // RFC 8058 one-click: the mail client POSTs "List-Unsubscribe=One-Click" to the same URL.
  router.post('/api/reports/unsubscribe', async (req, res, next) => {
    try {
      const done = await services.reportMail.unsubscribe(req.query.token);
      res.set('Cache-Control', 'no-store').type('html');
      res
        .status(done ? 200 : 404)
        .send(
          done
            ? '<!doctype html><title>Unsubscribed</title><p>You will get no more mails of this report.</p>'
            : '<!doctype html><title>Unsubscribe</title><p>This link is no longer valid.</p>',
        );
    } catch (error) {
      next(error);
    }
  });
}
