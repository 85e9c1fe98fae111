import mysql2 from 'mysql2';
import type { AuthTokenSource } from './iam';

/**
 * mysql2 as TypeORM's MySQL driver loads it, with what production needs at the one point every
 * new connection passes: `getConnection` of each pool (the single pool, or each node of the
 * replication cluster).
 *
 * How an IAM token reaches each new connection: since mysql2 3.x a pool builds every new
 * connection from its own copy of `pool.config.connectionConfig`, taken synchronously inside
 * `getConnection` when no idle connection is free (`BasePool._createConnectionConfig`). Before
 * calling it we await a token (signed, or cached for at most 10 minutes) and set it as that
 * config's password, so the connection made in that call carries it in its own config. The
 * handshake reads it there: as the `mysql_native_password` scramble on MySQL/MariaDB users with
 * a password (the tests' stand-in), and, on RDS, where the AWSAuthenticationPlugin user makes
 * the server switch to `mysql_clear_password`, through the plugin below, over TLS only.
 * Connections already open are not re-authenticated: RDS checks a token only at sign-in.
 */
export interface DriverHooks {
  /** The token source of an endpoint, when IAM authentication is on. */
  tokensFor?: (host: string, port: number) => AuthTokenSource;
  /** Longest wait for a connection from a pool, new or idle. */
  acquireTimeoutMs: number;
  /** Called when a read found no replica and fell back to the primary. */
  onReplicaFallback?: (error: Error) => void;
}

type Callback = (error: Error | null, connection?: PooledConnection) => void;

interface PooledConnection {
  release(): void;
}

interface ConnectionConfig {
  host: string;
  port: number;
  password?: string;
  ssl?: unknown;
}

interface Pool {
  config: { connectionConfig: ConnectionConfig };
  _freeConnections?: { length: number };
  getConnection(callback: Callback): void;
}

interface PoolCluster {
  _nodes?: Record<string, { pool: Pool } | undefined>;
  add(id: string, options: object): void;
  getConnection(pattern: string, callback: Callback): void;
}

/** A pool gave no connection in time: the database is slow, gone, or the pool is exhausted. */
export class AcquireTimeoutError extends Error {
  readonly code = 'POOL_ACQUIRE_TIMEOUT';
  constructor(ms: number) {
    super(`No database connection became available within ${ms} ms`);
  }
}

const ACCESS_DENIED = new Set(['ER_ACCESS_DENIED_ERROR', 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR']);

function hookPool(pool: Pool, hooks: DriverHooks): void {
  const getConnection = pool.getConnection.bind(pool);
  const config = pool.config.connectionConfig;
  const tokens = hooks.tokensFor?.(config.host, config.port);

  pool.getConnection = (callback: Callback) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      callback(new AcquireTimeoutError(hooks.acquireTimeoutMs));
    }, hooks.acquireTimeoutMs);
    const done: Callback = (error, connection) => {
      // A connection that arrives after its caller gave up goes back to the pool.
      if (settled) return connection?.release();
      settled = true;
      clearTimeout(timer);
      callback(error, connection);
    };
    // An idle connection is handed out as it is (mysql2 pops it synchronously in this call):
    // only a new connection needs a token, so a signer outage spares the open ones.
    if (!tokens || (pool._freeConnections?.length ?? 0) > 0) return getConnection(done);

    const withToken = (retry: boolean) =>
      tokens.get().then(
        (token) => {
          if (settled) return;
          // Read by the connection this call creates, from its own copy of the config.
          config.password = token;
          getConnection((error, connection) => {
            const code = (error as { code?: string } | null)?.code;
            if (error && code && ACCESS_DENIED.has(code)) {
              // A cached token the database no longer takes: sign a new one, once.
              tokens.invalidate();
              if (retry) return void withToken(false);
            }
            done(error, connection);
          });
        },
        (error: Error) => done(error),
      );
    void withToken(true);
  };
}

function hookCluster(cluster: PoolCluster, hooks: DriverHooks): void {
  const add = cluster.add.bind(cluster);
  cluster.add = (id: string, options: object) => {
    add(id, options);
    const pool = cluster._nodes?.[id]?.pool;
    if (!pool) throw new Error(`mysql2's PoolCluster no longer keeps node ${id} where expected`);
    hookPool(pool, hooks);
  };
  const getConnection = cluster.getConnection.bind(cluster);
  cluster.getConnection = (pattern: string, callback: Callback) => {
    getConnection(pattern, (error, connection) => {
      if (error && pattern !== 'MASTER') {
        // No replica answers: the primary serves reads too, rather than nobody.
        hooks.onReplicaFallback?.(error);
        return getConnection('MASTER', callback);
      }
      callback(error, connection);
    });
  };
}

/**
 * RDS IAM users sign in through `mysql_clear_password`: the token (already in this connection's
 * config) is sent as it is, which is why it is refused without TLS.
 */
export function clearPasswordPlugin() {
  return ({ connection }: { connection: { config: ConnectionConfig } }) =>
    () => {
      if (!connection.config.ssl) {
        throw new Error('Refusing to send an auth token without TLS: set DB_SSL_CA');
      }
      return Buffer.from(`${connection.config.password ?? ''}\0`);
    };
}

/** The module TypeORM is given as `driver`: mysql2 itself, with hooked pools. */
export function hookedMysql2(hooks: DriverHooks): typeof mysql2 {
  return {
    ...mysql2,
    createPool: ((options: object) => {
      const pool = mysql2.createPool(options);
      hookPool(pool as unknown as Pool, hooks);
      return pool;
    }) as typeof mysql2.createPool,
    createPoolCluster: ((options: object) => {
      const cluster = mysql2.createPoolCluster(options);
      hookCluster(cluster as unknown as PoolCluster, hooks);
      return cluster;
    }) as typeof mysql2.createPoolCluster,
  };
}
