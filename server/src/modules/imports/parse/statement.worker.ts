import { setPriority } from 'node:os';
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
// Parsing yields the CPU to the thread serving requests: on Linux the nice value of pid 0 is the
// calling thread's own, so this lowers only this worker (elsewhere it may be refused: no matter).
try {
  setPriority(10);
} catch {
  // Not permitted here: parse at normal priority.
}
// The main thread asks for each slice when it has handled the previous one: Node delivers all
// queued messages of a port in one go, so slices sent at once would block it all the same.
const asked: (() => void)[] = [];
parentPort?.on('message', () => asked.shift()?.());
const sendWhenAsked = (message: WorkerMessage) =>
  new Promise<void>((resolve) => {
    asked.push(resolve);
    post(message);
  });

async function run(): Promise<void> {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const statement = parseStatement(buffer, format, mapping, {
    onProgress: (progress) => post({ type: 'progress', ...progress }),
  });
  // In slices: one message of 100,000 rows would take the main thread long to deserialise.
  for (let i = 0; i < statement.rows.length; i += WORKER_CHUNK) {
    await sendWhenAsked({ type: 'rows', rows: statement.rows.slice(i, i + WORKER_CHUNK) });
  }
  for (let i = 0; i < statement.errors.length; i += WORKER_CHUNK) {
    await sendWhenAsked({ type: 'errors', errors: statement.errors.slice(i, i + WORKER_CHUNK) });
  }
  post({ type: 'done', format: statement.format, account: statement.account, csv: statement.csv });
}

run().catch((error: unknown) => {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
});
