import type { JobTroubles } from './job.service';

const ERROR_SHOWN = 200;

/** `npm run jobs`'s text: counts, then one block per failing job with its last error. */
export function jobsReport({ counts, failing }: JobTroubles, now: Date): string {
  const lines = [
    `Jobs: ${counts.pending} pending, ${counts.running} running, ${counts.done} done, ` +
      `${counts.failed} failed`,
  ];
  if (failing.length === 0) {
    lines.push('No job is failing.');
    return lines.join('\n');
  }
  lines.push('', 'Failing jobs, most recent first:');
  for (const job of failing) {
    const error = (job.lastError ?? '').replace(/\s+/g, ' ');
    const next =
      job.status === 'failed'
        ? 'gave up'
        : job.runAt <= now
          ? 'retry due now'
          : `next try ${job.runAt.toISOString()}`;
    lines.push(
      `#${job.id} ${job.type} (${job.key}): ${job.status}, ${job.attempts} attempt` +
        `${job.attempts === 1 ? '' : 's'}, ${next}, last at ${job.updatedAt.toISOString()}`,
      `    ${error.length > ERROR_SHOWN ? `${error.slice(0, ERROR_SHOWN)}…` : error}`,
    );
  }
  return lines.join('\n');
}
