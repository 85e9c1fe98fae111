import type { DataSource, Migration } from 'typeorm';
import type { Config } from '../config';
import { log } from '../log';
import { createDataSource, type DatabaseDeps } from './data-source';
import { AuthTokenError, oneLine } from './iam';

/** Where the database is, for messages: never a password or token. */
export function describeDatabase(db: Config['db']): string {
  if (db.driver === 'sqlite') return `sqlite ${db.file}`;
  const where = `mysql ${db.user}@${db.host}:${db.port}/${db.database}`;
  return db.iam ? `${where}, IAM auth, region ${db.iam.region}` : where;
}

/** A database problem at start: its message is one line for the operator. */
export class DatabaseStartError extends Error {}

/** The error inside TypeORM's or mysql2's wrapping that says what went wrong. */
function tokenErrorIn(error: unknown): AuthTokenError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof AuthTokenError) return current;
    current =
      (current as { driverError?: unknown }).driverError ?? (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The one line an operator sees for a database that cannot be used, at start and in /readyz:
 * "Could not generate auth token (user@host:port, region r): cause" when no IAM token could be
 * made, else "Unable to connect to database (mysql user@host:port/db...): cause".
 */
export function databaseProblem(db: Config['db'], error: unknown): string {
  const tokenError = tokenErrorIn(error);
  if (tokenError) return tokenError.message;
  let cause = oneLine(error);
  if (db.driver === 'mysql' && db.password) cause = cause.split(db.password).join('[redacted]');
  return `Unable to connect to database (${describeDatabase(db)}): ${cause}`;
}

export interface ConnectOptions extends DatabaseDeps {
  /** Waits between attempts; tests may shorten it. */
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_START_ATTEMPTS = 6;
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Opens a data source, waiting for the database with bounded retries: DB_START_ATTEMPTS tries
 * (6 by default), 0.5 s apart, doubling up to 8 s (about 16 s in all), then one line saying why.
 */
async function openWithRetries(
  db: Config['db'],
  options: ConnectOptions & { purpose?: 'serve' | 'migrate' },
): Promise<DataSource> {
  const attempts = db.driver === 'mysql' ? (db.startAttempts ?? DEFAULT_START_ATTEMPTS) : 1;
  const sleep = options.sleep ?? wait;
  for (let attempt = 1; ; attempt++) {
    const dataSource = createDataSource(db, options);
    try {
      return await dataSource.initialize();
    } catch (error) {
      await closeQuietly(dataSource);
      const problem = databaseProblem(db, error);
      if (attempt >= attempts) {
        throw new DatabaseStartError(
          attempts > 1 ? `${problem} (gave up after ${attempts} attempts)` : problem,
        );
      }
      const delayMs = Math.min(FIRST_DELAY_MS * 2 ** (attempt - 1), MAX_DELAY_MS);
      log('warn', 'Database not reachable yet; retrying', { attempt, attempts, delayMs, problem });
      await sleep(delayMs);
    }
  }
}

/** A data source whose initialize failed may still hold a pool (replication opens none early). */
async function closeQuietly(dataSource: DataSource): Promise<void> {
  try {
    if (dataSource.isInitialized) await dataSource.destroy();
    else await dataSource.driver.disconnect();
  } catch {
    // Nothing was open.
  }
}

/**
 * Applies pending migrations once, however many instances start together: on MySQL the work is
 * done under a named lock (GET_LOCK) of this database, so a second instance waits, then finds
 * nothing left to do. Uses a data source without the query timeout: a migration may be long.
 */
export async function migrateDatabase(
  db: Config['db'],
  options: ConnectOptions = {},
): Promise<Migration[]> {
  const dataSource = await openWithRetries(db, { ...options, purpose: 'migrate' });
  try {
    return await migrateLocked(db, dataSource);
  } catch (error) {
    if (error instanceof DatabaseStartError) throw error;
    throw new DatabaseStartError(`Migrations failed (${describeDatabase(db)}): ${oneLine(error)}`);
  } finally {
    await dataSource.destroy();
  }
}

async function migrateLocked(db: Config['db'], dataSource: DataSource): Promise<Migration[]> {
  if (db.driver === 'sqlite') return await dataSource.runMigrations({ transaction: 'each' });
  const lock = `migrations:${db.database}`.slice(0, 64);
  const runner = dataSource.createQueryRunner('master');
  try {
    const [row] = (await runner.query('SELECT GET_LOCK(?, 600) AS got', [lock])) as {
      got: number | string | null;
    }[];
    if (Number(row?.got) !== 1) {
      throw new Error(`Another instance held the migration lock "${lock}" for 10 minutes`);
    }
    try {
      return await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [lock]).catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}

/** Opens the database, waiting for it, and, when configured to, brings its schema up to date. */
export async function connectDatabase(
  config: Pick<Config, 'db' | 'migrateOnStart'>,
  options: ConnectOptions = {},
): Promise<DataSource> {
  if (config.migrateOnStart) await migrateDatabase(config.db, options);
  return openWithRetries(config.db, options);
}

/**
 * Closes the pool, waiting at most `timeoutMs`: a database that is frozen or unreachable keeps
 * mysql2's goodbye unanswered for ever, and a stopping server must not wait on it. Returns
 * whether the pool closed in time; if not, its sockets go when the process ends.
 */
export async function closeDatabase(dataSource: DataSource, timeoutMs: number): Promise<boolean> {
  // Already closed (by a previous close, or by whoever tore the database down): nothing to do.
  if (!dataSource.isInitialized) return true;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    const closed = dataSource.destroy().then(() => true as const);
    const inTime = await Promise.race([closed, late]);
    if (!inTime) log('warn', 'The database did not answer while closing; leaving its connections');
    return inTime;
  } finally {
    clearTimeout(timer);
  }
}
