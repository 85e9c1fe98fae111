/** One JSON object per line on stderr: easy to read for people and for log collectors. */
export type LogLevel = 'info' | 'warn' | 'error';

export function log(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  if (process.env.NODE_ENV === 'test' && level !== 'error') return;
  const entry: Record<string, unknown> = {
    time: new Date().toISOString(),
    level,
    message,
    ...fields,
  };
  const error = fields.error;
  if (error instanceof Error)
    entry.error = { name: error.name, message: error.message, stack: error.stack };
  process.stderr.write(`${JSON.stringify(entry)}\n`);
}
