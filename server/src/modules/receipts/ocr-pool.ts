import path from 'node:path';
import { createWorker, OEM, type Worker } from 'tesseract.js';

/**
 * Tesseract workers (each a worker thread running tesseract's WebAssembly), at most `size` of
 * them, made on first use and ended after a minute without work. A reading waits for a free
 * worker, so however many receipts are queued, no more than `size` cores read at once and the
 * event loop stays free for requests.
 *
 * Nothing is fetched: the English model comes from the @tesseract.js-data/eng package (langPath)
 * and the core from tesseract.js-core; cacheMethod 'none' keeps tesseract.js from writing
 * eng.traineddata into the working directory.
 */
export interface OcrResult {
  text: string;
  /** Tesseract's mean word confidence, 0..1. */
  confidence: number;
}

// The "best_int" model: LSTM-only, integer weights; more exact on receipts than "fast".
const LANG_PATH = path.join(
  path.dirname(require.resolve('@tesseract.js-data/eng/package.json')),
  '4.0.0_best_int',
);
const IDLE_MS = 60_000;

interface PooledWorker {
  worker: Worker;
  busy: boolean;
}

export class OcrPool {
  private readonly workers: Promise<PooledWorker>[] = [];
  private readonly waiting: ((worker: PooledWorker) => void)[] = [];
  private idleTimer: NodeJS.Timeout | null = null;
  private active = 0;

  constructor(readonly size: number) {}

  async read(image: Buffer): Promise<OcrResult> {
    const pooled = await this.acquire();
    try {
      const { data } = await pooled.worker.recognize(image);
      return { text: data.text, confidence: Math.max(0, Math.min(1, data.confidence / 100)) };
    } finally {
      this.release(pooled);
    }
  }

  /** Ends every worker (the server's shutdown, a test's end). */
  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const all = this.workers.splice(0);
    await Promise.all(
      all.map(async (p) => {
        try {
          await (await p).worker.terminate();
        } catch {
          // A worker that failed to start has nothing to end.
        }
      }),
    );
  }

  private async acquire(): Promise<PooledWorker> {
    this.active++;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    for (const pending of this.workers) {
      const pooled = await pending;
      if (!pooled.busy) {
        pooled.busy = true;
        return pooled;
      }
    }
    if (this.workers.length < this.size) {
      const started = this.start();
      this.workers.push(started);
      try {
        const pooled = await started;
        pooled.busy = true;
        return pooled;
      } catch (error) {
        this.workers.splice(this.workers.indexOf(started), 1);
        this.active--;
        throw error;
      }
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(pooled: PooledWorker): void {
    this.active--;
    const next = this.waiting.shift();
    if (next) {
      next(pooled);
      return;
    }
    pooled.busy = false;
    if (this.active === 0) {
      this.idleTimer = setTimeout(() => void this.close(), IDLE_MS);
      this.idleTimer.unref();
    }
  }

  private async start(): Promise<PooledWorker> {
    const worker = await createWorker('eng', OEM.LSTM_ONLY, {
      langPath: LANG_PATH,
      gzip: true,
      cacheMethod: 'none',
    });
    // The pictures carry no resolution (metadata is stripped): tesseract is told a scanner's.
    await worker.setParameters({ preserve_interword_spaces: '1', user_defined_dpi: '300' });
    return { worker, busy: false };
  }
}
