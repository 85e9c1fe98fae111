import type { ParsedStatement, StatementError, StatementFormat } from '../statement';

/**
 * Problems of a whole file (not a statement, truncated, unreadable): thrown inside a parser and
 * turned into the one error of an empty statement by parseStatement. Row problems are not thrown:
 * they are collected with their line and field while the other rows are read.
 */
export class StatementFileError extends Error {
  constructor(
    message: string,
    readonly line = 1,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'StatementFileError';
  }
}

export function failedStatement(format: StatementFormat, error: StatementError): ParsedStatement {
  return { format, rows: [], errors: [error], account: null, csv: null };
}

/** Progress of a parse: `fraction` from 0 to 1, `rows` read so far. */
export type ProgressListener = (progress: { fraction: number; rows: number }) => void;
