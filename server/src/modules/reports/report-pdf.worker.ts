import { parentPort, workerData } from 'node:worker_threads';
import type { PageSize, ReportDocument } from './report-document';
import { renderReportPdf } from './report-pdf';

/** Renders one report's PDF off the request thread; see report-files.ts. */
const { report, size } = workerData as { report: ReportDocument; size: PageSize };
renderReportPdf(report, size).then(
  (pdf) => parentPort?.postMessage({ ok: true, pdf: new Uint8Array(pdf) }),
  (error: unknown) => parentPort?.postMessage({ ok: false, message: String(error) }),
);
