import path from 'node:path';

/** Every setting of the server, read once from the environment and validated at start. */
export interface Config {
  nodeEnv: 'production' | 'development' | 'test';
  port: number;
  dataDir: string;
  migrateOnStart: boolean;
  trustProxy: boolean | number;
  clientDir: string;
  db: SqliteSettings | MysqlSettings;
  /** scrypt cost as log2(N). Not read from the environment: production always uses OWASP's 17. */
  scryptLogN: number;
}

export interface SqliteSettings {
  driver: 'sqlite';
  file: string;
}

export interface MysqlSettings {
  driver: 'mysql';
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  poolSize: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function required(env: Env, name: string, why: string): string {
  const value = read(env, name);
  if (value === undefined) throw new ConfigError(`${name} is required ${why}`);
  return value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = read(env, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${text}")`);
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const text = read(env, name);
  if (text === undefined) return fallback;
  if (/^(true|1|yes)$/i.test(text)) return true;
  if (/^(false|0|no)$/i.test(text)) return false;
  throw new ConfigError(`${name} must be true or false (got "${text}")`);
}

function oneOf<T extends string>(env: Env, name: string, choices: readonly T[], fallback: T): T {
  const text = read(env, name) ?? fallback;
  if (!choices.includes(text as T)) {
    throw new ConfigError(`${name} must be one of ${choices.join(', ')} (got "${text}")`);
  }
  return text as T;
}

function trustProxy(env: Env): boolean | number {
  const text = read(env, 'TRUST_PROXY');
  if (text === undefined) return false;
  if (/^\d+$/.test(text)) return Number(text);
  return boolean(env, 'TRUST_PROXY', false);
}

const repoRoot = path.resolve(__dirname, '..', '..');

/** Throws ConfigError naming the first missing or malformed variable. */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['production', 'development', 'test'], 'development');
  const dataDir = path.resolve(read(env, 'DATA_DIR') ?? path.join(repoRoot, 'data'));
  const driver = oneOf(env, 'DB_DRIVER', ['sqlite', 'mysql'], 'sqlite');
  const whenMysql = 'when DB_DRIVER=mysql';
  const db: Config['db'] =
    driver === 'sqlite'
      ? { driver, file: path.join(dataDir, 'finance.db') }
      : {
          driver,
          host: required(env, 'DB_HOST', whenMysql),
          port: integer(env, 'DB_PORT', 3306, 1, 65535),
          user: required(env, 'DB_USER', whenMysql),
          password: read(env, 'DB_PASSWORD') ?? '',
          database: required(env, 'DB_NAME', whenMysql),
          poolSize: integer(env, 'DB_POOL_SIZE', 10, 1, 1000),
        };
  return {
    nodeEnv,
    port: integer(env, 'PORT', 4000, 0, 65535),
    dataDir,
    migrateOnStart: boolean(env, 'MIGRATE_ON_START', true),
    trustProxy: trustProxy(env),
    clientDir: path.resolve(read(env, 'CLIENT_DIR') ?? path.join(repoRoot, 'client', 'dist')),
    db,
    scryptLogN: 17,
  };
}
