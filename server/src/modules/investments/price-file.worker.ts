import { parentPort, workerData } from 'node:worker_threads';
import { parsePriceFile, PriceFileError } from './price-file';

/** Parses one price file off the main thread; see price-file.ts. */
const { content } = workerData as { content: Uint8Array };
try {
  parentPort?.postMessage({
    ok: true,
    rows: parsePriceFile(Buffer.from(content).toString('utf8')),
  });
} catch (error) {
  parentPort?.postMessage({
    ok: false,
    message: error instanceof PriceFileError ? error.message : 'The file could not be read',
  });
}
