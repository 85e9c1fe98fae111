import path from 'node:path';
import { Worker } from 'node:worker_threads';

export type PdfText = { ok: true; pages: number; text: string } | { ok: false };

const TIMEOUT_MS = 20_000;

/**
 * A PDF's page count and its own text layer, read by pdf.js (unpdf's build) in a worker thread
 * of its own with a memory limit: a PDF is a program of sorts, and a hostile one must take
 * neither the event loop nor the process's memory. Scripts in PDFs are never evaluated.
 */
export function readPdfText(content: Buffer): Promise<PdfText> {
  // Built code runs the compiled worker; tests and `ts-node` run the TypeScript source.
  const fromSource = __filename.endsWith('.ts');
  const worker = new Worker(path.join(__dirname, `pdf-text.worker.${fromSource ? 'ts' : 'js'}`), {
    workerData: { content: new Uint8Array(content) },
    execArgv: fromSource ? ['--require', 'ts-node/register/transpile-only'] : [],
    resourceLimits: { maxOldGenerationSizeMb: 256 },
  });
  return new Promise((resolve) => {
    let settled = false;
    const settle = (answer: PdfText) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(answer);
    };
    const timer = setTimeout(() => settle({ ok: false }), TIMEOUT_MS);
    worker.once('message', (answer: PdfText) => settle(answer));
    worker.once('error', () => settle({ ok: false }));
    worker.once('exit', () => settle({ ok: false }));
  });
}
