import { parentPort } from 'node:worker_threads';
import type { PageSize, ReportDocument } from './report-document';
import { renderReportPdf } from './report-pdf';

/** Renders report PDFs off the request thread, one per message; see report-files.ts. */
parentPort?.on(
  'message',
  ({ id, report, size }: { id: number; report: ReportDocument; size: PageSize }) => {
    renderReportPdf(report, size).then(
      (pdf) => parentPort?.postMessage({ id, ok: true, pdf: new Uint8Array(pdf) }),
      (error: unknown) => parentPort?.postMessage({ id, ok: false, message: String(error) }),
    );
  },
);
