import { readFileSync } from 'node:fs';

/**
 * Bounds for "the event loop keeps answering" checks. The app is held to 100 ms at the 95th
 * percentile; a single sample may be late because CI runs suites side by side on two cores (seen:
 * 120-600 ms at load 8 with nothing blocked), while a blocked loop holds one for seconds: every
 * sample stays under half a second.
 */
export const LATENCY_P95_MS = 100;
export const LATENCY_MAX_MS = 500;

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The figures a latency check asserts on, rounded for a readable failure. */
export function latencyFigures(samples: number[]) {
  return {
    p95Under: percentile(samples, 95) < LATENCY_P95_MS,
    maxUnder: Math.max(...samples) < LATENCY_MAX_MS,
    p95: Math.round(percentile(samples, 95)),
    max: Math.round(Math.max(...samples)),
  };
}

/**
 * For work that takes `workMs` in all: a loop blocked by that work holds one sample for about the
 * whole of it, so a sample is allowed a quarter of the work (never less than LATENCY_MAX_MS) and
 * scheduling noise on a loaded CI machine does not read as blocking.
 */
export function latencyFiguresDuring(samples: number[], workMs: number) {
  const allowed = Math.max(LATENCY_MAX_MS, workMs / 4);
  return { ...latencyFigures(samples), maxUnder: Math.max(...samples) < allowed, allowed };
}

/**
 * CPU time this process's main thread (the event loop) has used, in ms, or null where Linux's
 * /proc is not there. The kernel counts in USER_HZ ticks, 100 a second on every Linux ABI.
 */
export function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: utime and
    // stime are the 12th and 13th of them.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * One poll: how long the answer took once asked (`requestMs`), and over the whole cycle since
 * the previous answer, less the pause, how late it came on the clock (`wallMs`) and what the
 * main thread spent on the CPU meanwhile (`cpuMs`).
 */
export interface TimedSample {
  requestMs: number;
  wallMs: number;
  cpuMs: number | null;
}

/** Any cycle above this on the clock is a block, loaded machine or not. */
export const LATENCY_WALL_MAX_MS = 2000;

/**
 * For a server in the test's own process. A loop blocked by work is on the CPU for the whole of
 * the late cycle; a loop that is ready but not scheduled (other suites on the same two cores)
 * is not. So the single-sample bound applies to the main thread's CPU time, and the clock time
 * has the looser LATENCY_WALL_MAX_MS, which also catches a loop stuck off the CPU (a synchronous
 * wait). The 95th percentile is of the answers' times, as a client sees them.
 */
export function latencyFiguresOnCpu(samples: TimedSample[]) {
  const walls = samples.map((s) => s.wallMs);
  const busy = samples.map((s) => s.cpuMs ?? s.wallMs);
  return {
    ...latencyFigures(samples.map((s) => s.requestMs)),
    maxUnder: Math.max(...busy) < LATENCY_MAX_MS && Math.max(...walls) < LATENCY_WALL_MAX_MS,
    maxWall: Math.round(Math.max(...walls)),
    maxCpu: Math.round(Math.max(...busy)),
  };
}

/**
 * Asks `url` every `intervalMs` from this process, for a server in this process. The cycle
 * figures span the pause too: a loop blocked while the poller waits for its timer shows as well
 * as one blocked while a request is out.
 */
export function pollHealthInProcess(url: string, intervalMs = 50) {
  const samples: TimedSample[] = [];
  let polling = true;
  const done = (async () => {
    let since = performance.now();
    let cpuSince = mainThreadCpuMs();
    while (polling) {
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
      const asked = performance.now();
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
      const now = performance.now();
      const cpu = mainThreadCpuMs();
      samples.push({
        requestMs: now - asked,
        wallMs: Math.max(0, now - since - intervalMs),
        cpuMs: cpu === null || cpuSince === null ? null : Math.max(0, cpu - cpuSince - intervalMs),
      });
      since = now;
      cpuSince = cpu;
    }
  })();
  return {
    async stop(): Promise<TimedSample[]> {
      polling = false;
      await done;
      return samples;
    },
  };
}
