import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { parseRateFile, EcbFileError, type EcbRate, type RateFileKind } from './ecb-files';

/**
 * Files above this size are parsed in a worker thread. Measured on the ECB history (7,000 days x
 * 30 currencies, 1.9 MB of CSV, 0.6 MB zipped): 0.4-1 s to unzip and parse, which would stall
 * every other request; a daily file (a few KB) parses in well under a millisecond.
 */
export const INLINE_MAX_BYTES = 64 * 1024;

/** The rates of `content`, parsed inline when small, else in a worker thread. */
export function readRateFile(kind: RateFileKind, content: Buffer): Promise<EcbRate[]> {
  if (content.length <= INLINE_MAX_BYTES) {
    return Promise.resolve().then(() => parseRateFile(kind, content));
  }
  return parseInWorker(kind, content);
}

type WorkerAnswer =
  { ok: true; dates: string[]; quotes: string[]; rates: string[] } | { ok: false; message: string };

function parseInWorker(kind: RateFileKind, content: Buffer): Promise<EcbRate[]> {
  // Built code runs the compiled worker; tests and `ts-node` run the TypeScript source.
  const fromSource = __filename.endsWith('.ts');
  const worker = new Worker(path.join(__dirname, `rate-file.worker.${fromSource ? 'ts' : 'js'}`), {
    workerData: { kind, content: new Uint8Array(content) },
    execArgv: fromSource ? ['--require', 'ts-node/register/transpile-only'] : [],
    // A hostile file must not take the process's memory with it.
    resourceLimits: { maxOldGenerationSizeMb: 512 },
  });
  return new Promise((resolve, reject) => {
    let answered = false;
    worker.once('message', (answer: WorkerAnswer) => {
      answered = true;
      void worker.terminate();
      if (!answer.ok) {
        reject(new EcbFileError(answer.message));
        return;
      }
      resolve(
        answer.dates.map((date, i) => ({ date, quote: answer.quotes[i], rate: answer.rates[i] })),
      );
    });
    worker.once('error', (error) => {
      answered = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`The rate-file worker stopped with code ${code}`));
    });
  });
}
