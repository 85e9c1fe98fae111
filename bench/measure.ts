import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

export interface Figures {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Non-2xx answers, socket errors and timeouts during the measured run. */
  failures: number;
  statementsPerRequest?: number;
}

export const CONNECTIONS = 10;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function figures(name: string, latencies: number[], seconds: number, failures = 0): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    name,
    requestsPerSecond: latencies.length / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    requests: latencies.length,
    failures,
  };
}

export interface HttpScenario {
  name: string;
  url: string;
  body: string;
  cookie?: string;
}

function cannon(scenario: HttpScenario, duration: number) {
  return autocannon({
    url: scenario.url,
    connections: CONNECTIONS,
    duration,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(scenario.cookie ? { cookie: scenario.cookie } : {}),
    },
    body: scenario.body,
  });
}

interface Slice {
  latencies: number[];
  seconds: number;
  failures: number;
}

async function slice(scenario: HttpScenario, seconds: number): Promise<Slice> {
  const latencies: number[] = [];
  const instance = cannon(scenario, seconds);
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
  });
  const started = performance.now();
  const result = await instance;
  return {
    latencies,
    seconds: Math.max((performance.now() - started) / 1000, seconds),
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/**
 * Warm-up, then a fixed-duration run with 10 connections. Latencies are taken from each response
 * (fractions of a millisecond), not from autocannon's whole-millisecond histogram.
 */
export async function runHttp(
  scenario: HttpScenario,
  seconds: number,
  warmupSeconds: number,
): Promise<Figures> {
  return (await runInterleaved([scenario], seconds, warmupSeconds, 1))[0];
}

/**
 * Scenarios compared with each other run in turns (a slice of each, `rounds` times), so that
 * whatever else the machine does at the time weighs on all of them alike.
 */
export async function runInterleaved(
  scenarios: HttpScenario[],
  seconds: number,
  warmupSeconds: number,
  rounds: number,
): Promise<Figures[]> {
  if (warmupSeconds > 0) {
    for (const scenario of scenarios) await cannon(scenario, warmupSeconds);
  }
  const totals: Slice[] = scenarios.map(() => ({ latencies: [], seconds: 0, failures: 0 }));
  const each = Math.max(1, Math.round(seconds / rounds));
  for (let round = 0; round < rounds; round++) {
    for (const [i, scenario] of scenarios.entries()) {
      const part = await slice(scenario, each);
      totals[i].latencies.push(...part.latencies);
      totals[i].seconds += part.seconds;
      totals[i].failures += part.failures;
    }
  }
  return scenarios.map((scenario, i) =>
    figures(scenario.name, totals[i].latencies, totals[i].seconds, totals[i].failures),
  );
}

/** Runs `once` back to back for `seconds` (after a warm-up): one client, no HTTP. */
export async function runLoop(
  name: string,
  once: () => Promise<unknown>,
  seconds: number,
  warmupSeconds: number,
): Promise<Figures> {
  const until = (s: number) => performance.now() + s * 1000;
  for (const end = until(warmupSeconds); performance.now() < end;) await once();
  const latencies: number[] = [];
  const started = performance.now();
  for (const end = until(seconds); performance.now() < end;) {
    const t0 = performance.now();
    await once();
    latencies.push(performance.now() - t0);
  }
  return figures(name, latencies, (performance.now() - started) / 1000);
}

/** A benchmark process (bench/*.ts through ts-node), talking over IPC. */
export class Child {
  private constructor(
    private readonly process: ChildProcess,
    readonly url: string,
  ) {}

  static start(script: string, env: Record<string, string>): Promise<Child> {
    const child = fork(path.join(__dirname, script), [], {
      execArgv: [
        '--expose-gc',
        '-r',
        'ts-node/register',
        // BENCH_CPU_PROF=<dir>: a V8 CPU profile of each benchmark process, for finding costs.
        ...(process.env.BENCH_CPU_PROF
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
          : []),
      ],
      env: {
        ...process.env,
        // As production runs: graphql-js and Express skip their development-time checks.
        NODE_ENV: 'production',
        ...env,
        TS_NODE_PROJECT: path.join(__dirname, '..', 'server', 'tsconfig.json'),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
      child.on('message', (message: { type: string; url?: string }) => {
        if (message.type === 'ready') resolve(new Child(child, message.url as string));
      });
    });
  }

  /** The process id: its memory is read from /proc. */
  get pid(): number {
    return this.process.pid as number;
  }

  /** The number of SQL statements the process has sent so far. */
  statements(): Promise<number> {
    return new Promise((resolve) => {
      const listener = (message: { type: string; statements?: number }) => {
        if (message.type !== 'statements') return;
        this.process.off('message', listener);
        resolve(message.statements as number);
      };
      this.process.on('message', listener);
      this.process.send({ type: 'statements' });
    });
  }

  /**
   * The process's V8 heap and the memory outside it (buffers, native modules), in MB; `liveMb`:
   * the heap after a full collection (asked last: it collects).
   */
  heap(): Promise<{
    heapUsedMb: number;
    heapTotalMb: number;
    externalMb: number;
    liveMb: number;
  }> {
    return new Promise((resolve) => {
      const listener = (message: { type: string; memory?: NodeJS.MemoryUsage; live?: number }) => {
        if (message.type !== 'memory' || !message.memory) return;
        this.process.off('message', listener);
        const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
        resolve({
          heapUsedMb: mb(message.memory.heapUsed),
          heapTotalMb: mb(message.memory.heapTotal),
          externalMb: mb(message.memory.external + message.memory.arrayBuffers),
          liveMb: mb(message.live ?? 0),
        });
      };
      this.process.on('message', listener);
      this.process.send({ type: 'memory' });
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.process.removeAllListeners('exit');
      this.process.once('exit', () => resolve());
      this.process.send({ type: 'stop' });
      setTimeout(() => this.process.kill(), 10_000).unref();
    });
  }
}
