import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TaxSummaryDocument } from '../tax/tax-summary-document';
import type { PageSize, ReportDocument } from './report-document';

/** What the worker renders: plain data only, which crosses to the thread as it is. */
export type PdfJob =
  | { kind: 'report'; report: ReportDocument; size: PageSize }
  | { kind: 'tax-summary'; summary: TaxSummaryDocument };

type Answer =
  { id: number; ok: true; pdf: Uint8Array } | { id: number; ok: false; message: string };

/**
 * One long-lived worker thread renders every PDF (reports, the tax summary), one after another:
 * a PDF of a big report takes half a second of CPU, which must not stall the thread that answers
 * requests, and starting a worker (loading pdfkit and the font) for each PDF would cost about as
 * much again.
 */
class PdfWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  /** PDFs the worker made, for tests that check a route renders through it. */
  rendered = 0;
  private readonly pending = new Map<
    number,
    { resolve: (pdf: Buffer) => void; reject: (error: Error) => void }
  >();

  render(job: PdfJob): Promise<Buffer> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Only while a PDF is being made does the worker keep the process alive.
      worker.ref();
      worker.postMessage({ id, job });
    });
  }

  private start(): Worker {
    // Built code runs the compiled worker; tests and `ts-node` run the TypeScript source.
    const fromSource = __filename.endsWith('.ts');
    const worker = new Worker(path.join(__dirname, `pdf.worker.${fromSource ? 'ts' : 'js'}`), {
      execArgv: fromSource ? ['--require', 'ts-node/register/transpile-only'] : [],
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    worker.unref();
    worker.on('message', (answer: Answer) => {
      const waiting = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if (this.pending.size === 0) worker.unref();
      if (!waiting) return;
      if (answer.ok) {
        this.rendered++;
        waiting.resolve(Buffer.from(answer.pdf));
      } else waiting.reject(new Error(`The PDF could not be made: ${answer.message}`));
    });
    const fail = (error: Error) => {
      // A crashed worker fails what it held; the next PDF starts a new one.
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The PDF worker stopped with code ${code}`)));
    this.worker = worker;
    return worker;
  }
}

const pdfWorker = new PdfWorker();

/** A PDF rendered in the worker thread. */
export function renderInWorker(job: PdfJob): Promise<Buffer> {
  return pdfWorker.render(job);
}

/** How many PDFs the worker has made in this process. */
export function pdfsRendered(): number {
  return pdfWorker.rendered;
}
