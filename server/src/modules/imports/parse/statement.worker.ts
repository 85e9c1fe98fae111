import { parentPort, workerData } from 'node:worker_threads';
import type { CsvMapping, StatementFormat } from '../statement';
import { parseStatement } from './index';
import { WORKER_CHUNK, type WorkerMessage } from './worker-client';

/** Parses one bank file off the main thread; see worker-client.ts. */
const { data, format, mapping } = workerData as {
  data: Uint8Array;
  format: StatementFormat | 'AUTO';
  mapping: CsvMapping | null;
};
const post = (message: WorkerMessage) => parentPort?.postMessage(message);
try {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const statement = parseStatement(buffer, format, mapping, {
    onProgress: (progress) => post({ type: 'progress', ...progress }),
  });
  // In slices: one message of 100,000 rows would take the main thread long to deserialise.
  for (let i = 0; i < statement.rows.length; i += WORKER_CHUNK) {
    post({ type: 'rows', rows: statement.rows.slice(i, i + WORKER_CHUNK) });
  }
  for (let i = 0; i < statement.errors.length; i += WORKER_CHUNK) {
    post({ type: 'errors', errors: statement.errors.slice(i, i + WORKER_CHUNK) });
  }
  post({ type: 'done', format: statement.format, account: statement.account, csv: statement.csv });
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
