import path from 'node:path';
import { Worker, type TransferListItem } from 'node:worker_threads';

export interface WorkerTaskOptions {
  /** The worker thread is ended, and the task answers null, after this long. */
  timeoutMs: number;
  /** The JavaScript heap of the worker; WebAssembly memory and buffers come on top. */
  maxOldGenerationSizeMb: number;
  transferList?: TransferListItem[];
}

/**
 * Runs one task in a worker thread of its own (`<name>.worker.ts` next to this file) and answers
 * its single message, or null when it failed, ran out of memory, exited or took too long: a
 * hostile file must take neither the event loop nor the process with it. At most `size` tasks of
 * one kind run at once, the rest wait: decoding a large picture takes hundreds of megabytes.
 */
export class WorkerTasks {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly name: string,
    private readonly size: number,
  ) {}

  async run<T>(workerData: unknown, options: WorkerTaskOptions): Promise<T | null> {
    if (this.running >= this.size) await new Promise<void>((go) => this.waiting.push(go));
    this.running++;
    try {
      return await runWorker<T>(this.name, workerData, options);
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

function runWorker<T>(name: string, workerData: unknown, options: WorkerTaskOptions) {
  // Built code runs the compiled worker; tests and `ts-node` run the TypeScript source.
  const fromSource = __filename.endsWith('.ts');
  const worker = new Worker(path.join(__dirname, `${name}.worker.${fromSource ? 'ts' : 'js'}`), {
    workerData,
    transferList: options.transferList,
    // Resolved here: the process may run from any directory.
    execArgv: fromSource ? ['--require', require.resolve('ts-node/register/transpile-only')] : [],
    resourceLimits: { maxOldGenerationSizeMb: options.maxOldGenerationSizeMb },
  });
  return new Promise<T | null>((resolve) => {
    let settled = false;
    const settle = (answer: T | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(answer);
    };
    const timer = setTimeout(() => settle(null), options.timeoutMs);
    worker.once('message', (answer: T) => settle(answer));
    worker.once('error', () => settle(null));
    worker.once('exit', () => settle(null));
  });
}
