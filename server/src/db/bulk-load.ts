import { Readable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import { log } from '../log';

/**
 * Bulk writes on MySQL with LOAD DATA LOCAL INFILE, fed from memory. Measured on MariaDB: a
 * 100,000-row import into `transactions` takes about half the time of 1,000-row INSERTs (the
 * server parses one tab-separated stream instead of 100 statements of 20,000 parameters, and
 * mysql2 formats none of them).
 *
 * LOCAL INFILE is a classic hazard: the server names the file and the client sends it, so a
 * hostile server could ask for any path. Here the client sends only what this process staged
 * for the statement it is running, each stage once; any other name gets nothing.
 */
const staged = new Map<string, Buffer[]>();
let sequence = 0;

/**
 * mysql2's `infileStreamFactory` (set on the pool): serves staged data only. Any other name gets
 * an empty file, not an error: mysql2 (3.x) leaves a failed stream's query timer running, which
 * later kills the pooled connection. A load of ours that gets nothing fails on its row count.
 */
export function stagedInfile(name: string): Readable {
  const chunks = staged.get(name);
  staged.delete(name);
  if (!chunks) {
    log('warn', 'The database asked for a LOCAL INFILE that was not staged: sent nothing', {
      name,
    });
    return Readable.from([]);
  }
  return Readable.from(chunks);
}

/** Servers where LOCAL INFILE is off (MySQL 8's default): INSERTs are used there instead. */
const unavailable = new WeakSet<DataSource>();

/** Server errors meaning "LOAD DATA LOCAL is not allowed here", not a problem with the data. */
const NOT_ALLOWED = new Set([1148, 3948, 3950, 4166]);

/** Bytes per packet sent: the MySQL protocol's packets stay far below their 16 MB limit. */
const PIECE_BYTES = 64 * 1024;

export type LoadValue = string | number | bigint | boolean | Date | null;

/** A value as LOAD DATA's default format reads it: \N for NULL, with \, tab and newlines escaped. */
function field(value: LoadValue): string {
  if (value === null) return '\\N';
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value !== 'string') return String(value);
  return /[\\\t\n\r\0]/.test(value)
    ? value.replace(/[\\\t\n\r\0]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\0',
      )
    : value;
}

function pieces(rows: readonly LoadValue[][]): Buffer[] {
  const out: Buffer[] = [];
  let lines: string[] = [];
  let size = 0;
  for (const row of rows) {
    const line = row.map(field).join('\t');
    lines.push(line);
    size += line.length + 1;
    if (size >= PIECE_BYTES) {
      out.push(Buffer.from(`${lines.join('\n')}\n`, 'utf8'));
      lines = [];
      size = 0;
    }
  }
  if (lines.length > 0) out.push(Buffer.from(`${lines.join('\n')}\n`, 'utf8'));
  return out;
}

/**
 * Loads `rows` (values in `columns` order) into `table` in the caller's transaction. Answers the
 * first AUTO_INCREMENT id given (0 for a table without one), or null when the database cannot (SQLite, or a MySQL server with
 * LOCAL INFILE off): the caller then INSERTs. Every row must arrive: LOCAL turns data errors
 * into warnings, so any warning, or a count short of the rows, fails the statement's caller
 * (and so rolls back its transaction). Rows must be validated before: this is not a parser.
 */
export async function loadRows(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly LoadValue[][],
): Promise<{ firstId: number } | null> {
  const dataSource = manager.connection;
  if (dataSource.options.type !== 'mysql' || unavailable.has(dataSource) || rows.length === 0) {
    return null;
  }
  const name = `staged-${process.pid}-${++sequence}`;
  staged.set(name, pieces(rows));
  let result: { affectedRows: number; insertId: number; warningStatus: number };
  try {
    result = await manager.query(
      `LOAD DATA LOCAL INFILE '${name}' INTO TABLE ${table} CHARACTER SET utf8mb4 ` +
        `(${columns.map((c) => `\`${c}\``).join(', ')})`,
    );
  } catch (error) {
    const errno = (error as { driverError?: { errno?: number }; errno?: number }).driverError
      ?.errno;
    if (errno !== undefined && NOT_ALLOWED.has(errno)) {
      unavailable.add(dataSource);
      return null;
    }
    throw error;
  } finally {
    staged.delete(name);
  }
  if (result.affectedRows !== rows.length || result.warningStatus > 0) {
    throw await shortLoad(manager, table, rows.length, result.affectedRows);
  }
  // LOAD DATA's answer carries no id (0); the session's LAST_INSERT_ID() is its first one.
  const [{ id }]: { id: number | string }[] = await manager.query('SELECT LAST_INSERT_ID() AS id');
  return { firstId: Number(id) };
}

/**
 * The error of a load that skipped or changed rows, carrying the first warning's code: a
 * duplicate key (1062) reads as the unique violation an INSERT would have raised.
 */
async function shortLoad(
  manager: EntityManager,
  table: string,
  expected: number,
  written: number,
): Promise<Error> {
  const warnings: { Code: number; Message: string }[] =
    await manager.query('SHOW WARNINGS LIMIT 1');
  const first = warnings[0];
  const error = new Error(
    `LOAD DATA into ${table} wrote ${written} of ${expected} rows` +
      (first ? `: ${first.Message}` : ''),
  ) as Error & { code?: string; errno?: number };
  if (first) {
    error.errno = Number(first.Code);
    if (error.errno === 1062) error.code = 'ER_DUP_ENTRY';
  }
  return error;
}

/**
 * Runs `work` with this connection's foreign-key checks off: for bulk loads whose parents the
 * caller has locked (`lockParents`), so that InnoDB does not look each one up once per row.
 * The setting is the session's, so it is restored before the connection returns to the pool.
 */
export async function withoutForeignKeyChecks<T>(
  manager: EntityManager,
  work: () => Promise<T>,
): Promise<T> {
  await manager.query('SET SESSION foreign_key_checks = 0');
  try {
    return await work();
  } finally {
    await manager.query('SET SESSION foreign_key_checks = 1');
  }
}

/**
 * Share-locks the parent rows a bulk load refers to, as InnoDB's own foreign-key checks would,
 * and fails unless each exists: they can then be neither deleted nor changed until the caller's
 * transaction ends.
 */
export async function lockParents(
  manager: EntityManager,
  table: string,
  ids: Iterable<number>,
): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const found: unknown[] = await manager.query(
    `SELECT id FROM ${table} WHERE id IN (${wanted.map(() => '?').join(', ')}) LOCK IN SHARE MODE`,
    wanted,
  );
  if (found.length !== wanted.length) {
    throw new Error(`A row of ${table} referred to by the rows being written is gone`);
  }
}
