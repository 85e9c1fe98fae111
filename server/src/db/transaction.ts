import type { DataSource, EntityManager } from 'typeorm';

// better-sqlite3 gives TypeORM a single connection: two transactions started from concurrent
// requests would share it ("cannot start a transaction within a transaction"), so on SQLite
// transactions take turns. MySQL gives each transaction its own pooled connection.
const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

/** Runs `work` as one transaction: all of its writes land, or none do. */
export function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource.transaction(work);
  const previous = sqliteQueues.get(dataSource) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => dataSource.transaction(work));
  sqliteQueues.set(dataSource, next);
  return next;
}

/** True when `error` is a unique-key violation, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string; errno?: number } }).driverError;
  const code = driverError?.code ?? (error as { code?: string }).code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** True when `error` is a row still referenced by a foreign key (RESTRICT), on either database. */
export function isForeignKeyViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string } }).driverError;
  const code = driverError?.code ?? (error as { code?: string }).code;
  // SQLite reports ON DELETE RESTRICT through its foreign-key trigger machinery.
  return (
    code === 'ER_ROW_IS_REFERENCED_2' ||
    code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ||
    code === 'SQLITE_CONSTRAINT_TRIGGER'
  );
}
