import { parentPort } from 'node:worker_threads';
import { renderTaxSummaryPdf } from '../tax/tax-pdf';
import type { PdfJob } from './pdf-worker';
import { renderReportPdf } from './report-pdf';

/** Renders PDFs off the request thread, one per message; see pdf-worker.ts. */
function render(job: PdfJob): Promise<Buffer> {
  switch (job.kind) {
    case 'report':
      return renderReportPdf(job.report, job.size);
    case 'tax-summary':
      return renderTaxSummaryPdf(job.summary);
  }
}

parentPort?.on('message', ({ id, job }: { id: number; job: PdfJob }) => {
  render(job).then(
    (pdf) => parentPort?.postMessage({ id, ok: true, pdf: new Uint8Array(pdf) }),
    (error: unknown) => parentPort?.postMessage({ id, ok: false, message: String(error) }),
  );
});
