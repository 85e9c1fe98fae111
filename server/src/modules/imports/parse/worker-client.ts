import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type {
  CsvMapping,
  ParsedStatement,
  StatementError,
  StatementFormat,
  StatementRow,
} from '../statement';
import { failedStatement, type ProgressListener } from './errors';

/** Rows or errors per message from the worker: each takes about a millisecond to receive. */
export const WORKER_CHUNK = 1_000;

/**
 * A parse taking longer than this is stopped: every parser is linear, and 100,000 CSV rows take
 * about a second, so only a pathological file gets near it.
 */
export const WORKER_TIME_LIMIT_MS = 120_000;

export type WorkerMessage =
  | { type: 'progress'; fraction: number; rows: number }
  | { type: 'rows'; rows: StatementRow[] }
  | { type: 'errors'; errors: StatementError[] }
  | {
      type: 'done';
      format: ParsedStatement['format'];
      account: ParsedStatement['account'];
      csv: ParsedStatement['csv'];
    }
  | { type: 'failed'; message: string };

/**
 * `parseStatement` in a worker thread, so that a 100,000-row file never blocks the event loop.
 * Resolves with the statement (a file the worker could not finish, for its size or time, is a
 * statement with one error); rejects only on a bug in the parsers.
 */
export function parseStatementInWorker(
  data: Buffer,
  format: StatementFormat | 'AUTO',
  mapping?: CsvMapping | null,
  onProgress?: ProgressListener,
): Promise<ParsedStatement> {
  // Built code runs the compiled worker; tests and `ts-node` run the TypeScript source.
  const fromSource = __filename.endsWith('.ts');
  const worker = new Worker(path.join(__dirname, `statement.worker.${fromSource ? 'ts' : 'js'}`), {
    workerData: { data: new Uint8Array(data), format, mapping: mapping ?? null },
    execArgv: fromSource ? ['--require', 'ts-node/register/transpile-only'] : [],
    // A hostile file must not take the process's memory with it.
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
  });
  const rows: StatementRow[] = [];
  const errors: StatementError[] = [];
  const unfinished = (message: string) =>
    failedStatement(format === 'AUTO' ? 'CSV' : format, { line: 1, field: null, message });
  return new Promise((resolve, reject) => {
    let settled = false;
    // After timers and I/O have had their turn (setImmediate), so that slices never pile up.
    const askForMore = () => {
      if (!settled) worker.postMessage('more');
    };
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      finish();
    };
    const timer = setTimeout(
      () => settle(() => resolve(unfinished('The file took too long to read'))),
      WORKER_TIME_LIMIT_MS,
    );
    worker.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'progress':
          onProgress?.({ fraction: message.fraction, rows: message.rows });
          break;
        case 'rows':
          for (const row of message.rows) rows.push(row);
          setImmediate(askForMore);
          break;
        case 'errors':
          for (const error of message.errors) errors.push(error);
          setImmediate(askForMore);
          break;
        case 'done':
          settle(() =>
            resolve({
              format: message.format,
              rows,
              errors,
              account: message.account,
              csv: message.csv,
            }),
          );
          break;
        case 'failed':
          settle(() => reject(new Error(`Parsing the statement failed: ${message.message}`)));
          break;
      }
    });
    worker.once('error', (error: Error & { code?: string }) => {
      settle(() =>
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? resolve(unfinished('The file is too large to read'))
          : reject(error),
      );
    });
    worker.once('exit', (code) => {
      settle(() => reject(new Error(`The statement worker stopped with code ${code}`)));
    });
  });
}
