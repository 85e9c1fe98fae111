import { parseStatement, parseStatementInWorker } from './parse';
import type { StatementParser } from './import.service';

/**
 * Bank files above this size are parsed in a worker thread, so that a 100,000-row CSV (about
 * a second of parsing) does not stall other requests; a statement of a few hundred rows parses
 * inline in a few milliseconds, less than starting a worker takes.
 */
const INLINE_STATEMENT_BYTES = 64 * 1024;

export const statementParser: StatementParser = (data, format, mapping) =>
  data.length <= INLINE_STATEMENT_BYTES
    ? Promise.resolve().then(() => parseStatement(data, format, mapping))
    : parseStatementInWorker(data, format, mapping);
