import { strToU8, zipSync } from 'fflate';
import type { Router } from 'express';
import { AppError, HTTP_STATUS } from '../../errors';
import type { Services } from '../../services';
import { authenticateRequest } from '../auth/request-auth';
import { ledgerHeader } from '../ledger-access/ledger-header';
import { taxSummaryPdf } from './tax-summary-document';

/** A file name part from user text: letters, digits and dashes only. */
const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'receipt';

/**
 * GET /api/tax/<year>.zip[?ledgerId=]: the year's summary PDF and the receipts of its deductible
 * transactions, named by date and merchant. Authenticated like /api/export.
 */
export function taxRoutes(router: Router, services: Services): void {
  router.get('/api/tax/:file', async (req, res, next) => {
    try {
      const match = /^(\d{4})\.zip$/.exec(req.params.file);
      if (!match) {
        res.status(404).json({ error: 'Not found' });
        return;
      }
      const caller = await authenticateRequest(req, services);
      if (!caller) {
        res.status(401).json({ error: 'You must be logged in' });
        return;
      }
      const ledgerId =
        typeof req.query.ledgerId === 'string' ? req.query.ledgerId : ledgerHeader(req);
      const scope = await services.ledgers.scope(caller.user, ledgerId, 'read');
      const summary = await services.tax.summary(scope, Number(match[1]));
      const pdf = await taxSummaryPdf(summary, scope.user.currency);
      const byId = new Map(summary.deductions.map((d) => [d.transaction.id, d.transaction]));
      const receipts = await services.taxReceipts.forTransactions(scope.ledgerId, [...byId.keys()]);
      const files: Record<string, Uint8Array> = {};
      files[`tax-summary-${summary.label.replace('/', '-')}.pdf`] = pdf;
      for (const receipt of receipts) {
        const t = byId.get(receipt.transactionId);
        if (!t) continue;
        const extension = /\.([A-Za-z0-9]{1,5})$/.exec(receipt.name)?.[1]?.toLowerCase() ?? 'bin';
        const base = `receipts/${t.date}-${slug(t.payee ?? t.description)}`;
        let name = `${base}.${extension}`;
        for (let n = 2; name in files; n++) name = `${base}-${n}.${extension}`;
        files[name] = receipt.bytes;
      }
      if (receipts.length === 0) {
        files['receipts/README.txt'] = strToU8(
          "No receipts are attached to this year's deductible transactions.\n",
        );
      }
      // Stored, not deflated: receipts (JPEG, PNG, PDF) and the summary PDF are compressed
      // already, so deflating would spend the request thread's CPU for nothing.
      const zip = zipSync(files, { level: 0 });
      res.status(200).set({
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="tax-${summary.label.replace('/', '-')}.zip"`,
        'Cache-Control': 'no-store',
      });
      res.end(Buffer.from(zip));
    } catch (error) {
      if (error instanceof AppError) {
        res.status(HTTP_STATUS[error.code]).json({ error: error.message });
        return;
      }
      next(error);
    }
  });
}
