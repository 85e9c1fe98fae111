import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_LIMITS, type Limits } from './modules/rate-limits/limits';

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
  /** Public address of the app, for links in mail: never taken from a request's Host header. */
  appUrl: string;
  mail: { smtpUrl?: string; from: string };
  /** Who may introspect the schema: everyone, signed-in callers only, or nobody. */
  introspection: 'on' | 'signed-in' | 'off';
  /** Not read from the environment: the numbers of security.md. Tests may raise them. */
  rateLimits: Limits;
  /** UPLOAD_MAX_BYTES: the largest file POST /api/uploads takes (default 20 MB). */
  uploadMaxBytes: number;
  /** RATES_URL: where refreshExchangeRates fetches ECB-format daily rates; unset: never fetched. */
  ratesUrl?: string;
  receipts: {
    /** RECEIPT_STORAGE_MAX_BYTES: pictures a user may keep (default 200 MB). */
    storageBytesPerUser: number;
    /** RECEIPT_OCR_WORKERS: receipts read at once (default: 1 on 2 cores, 2 on more). */
    ocrWorkers: number;
  };
  /** PRICES_URL: where refreshPrices fetches `date,symbol,close` CSV; unset: never fetched. */
  pricesUrl?: string;
  /**
   * WEBHOOKS_ALLOW_PRIVATE=true: webhook endpoints may be plain HTTP and resolve to private,
   * loopback or link-local addresses (tests, self-hosters posting to their own network).
   */
  webhooksAllowPrivate: boolean;
  /**
   * ASSISTANT_URL: an OpenAI-compatible chat-completions server the user runs, asked only about
   * what the assistant's rules cannot classify; unset (the default): never used.
   */
  assistantModel?: AssistantModelSettings;
  /**
   * WEBHOOK_SECRET_KEY: what the key that encrypts webhook signing secrets at rest is derived
   * from. Unset: a random key kept in DATA_DIR/webhook-secret.key (see webhooks/secret-box.ts).
   */
  webhookSecretKey?: string;
}

export interface AssistantModelSettings {
  /** The API's base, e.g. http://127.0.0.1:8080/v1: `/chat/completions` is added. */
  url: string;
  /** ASSISTANT_MODEL: the model name the server expects (default "local"). */
  model: string;
  /** ASSISTANT_API_KEY: sent as a bearer token when set. */
  apiKey?: string;
  /** ASSISTANT_TIMEOUT_MS: how long an answer may take (default 10 s). */
  timeoutMs: number;
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
  /** DB_IAM_AUTH=true: every new connection signs in with a fresh RDS IAM token, no password. */
  iam?: { region: string };
  /** DB_SSL_CA: CA bundle file; the connection is then TLS with the server certificate verified. */
  sslCa?: string;
  /** DB_READ_HOSTS: read replicas (`host` or `host:port`) for reads that tolerate lag. */
  readHosts?: { host: string; port: number }[];
  /** Milliseconds; unset means the defaults of db/data-source.ts. */
  connectTimeoutMs?: number;
  queryTimeoutMs?: number;
  acquireTimeoutMs?: number;
  /** Attempts to reach the database at start, with backoff between them; unset: 6. */
  startAttempts?: number;
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

function optionalInteger(env: Env, name: string, min: number, max: number): number | undefined {
  return read(env, name) === undefined ? undefined : integer(env, name, 0, min, max);
}

/** RDS settings of DB_DRIVER=mysql; each key is present only when its variable is set. */
function productionDatabase(env: Env): Partial<MysqlSettings> {
  const settings: Partial<MysqlSettings> = {};
  const sslCa = read(env, 'DB_SSL_CA');
  if (sslCa !== undefined) {
    if (!fs.existsSync(sslCa)) {
      throw new ConfigError(`DB_SSL_CA names a file that does not exist: ${sslCa}`);
    }
    settings.sslCa = path.resolve(sslCa);
  }
  if (boolean(env, 'DB_IAM_AUTH', false)) {
    const whenIam = 'when DB_IAM_AUTH=true';
    settings.iam = { region: required(env, 'AWS_REGION', whenIam) };
    if (read(env, 'DB_PASSWORD') !== undefined) {
      throw new ConfigError(`DB_PASSWORD must be empty ${whenIam}: the token replaces it`);
    }
    if (sslCa === undefined) {
      throw new ConfigError(`DB_SSL_CA is required ${whenIam}: RDS takes tokens over TLS only`);
    }
  }
  const readHosts = read(env, 'DB_READ_HOSTS');
  if (readHosts !== undefined) {
    settings.readHosts = readHosts.split(',').map((entry) => {
      const match = /^([A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(entry.trim());
      const port = Number(match?.[2] ?? read(env, 'DB_PORT') ?? 3306);
      if (!match || port < 1 || port > 65535) {
        throw new ConfigError(
          `DB_READ_HOSTS must be host or host:port, comma-separated (got "${entry.trim()}")`,
        );
      }
      return { host: match[1], port };
    });
  }
  const timeouts = [
    ['connectTimeoutMs', 'DB_CONNECT_TIMEOUT_MS'],
    ['queryTimeoutMs', 'DB_QUERY_TIMEOUT_MS'],
    ['acquireTimeoutMs', 'DB_ACQUIRE_TIMEOUT_MS'],
  ] as const;
  for (const [key, name] of timeouts) {
    const value = optionalInteger(env, name, 100, 600_000);
    if (value !== undefined) settings[key] = value;
  }
  const attempts = optionalInteger(env, 'DB_START_ATTEMPTS', 1, 100);
  if (attempts !== undefined) settings.startAttempts = attempts;
  return settings;
}

/** Mail and the public surface: APP_URL, SMTP_URL, MAIL_FROM, GRAPHQL_INTROSPECTION. */
function securitySettings(env: Env, nodeEnv: Config['nodeEnv']) {
  const port = integer(env, 'PORT', 4000, 0, 65535);
  const appUrl = read(env, 'APP_URL') ?? `http://localhost:${port}`;
  if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(appUrl)) {
    throw new ConfigError(
      `APP_URL must be an http(s) URL such as https://finance.example.com (got "${appUrl}")`,
    );
  }
  const smtpUrl = read(env, 'SMTP_URL');
  if (smtpUrl !== undefined && !/^smtps?:\/\//.test(smtpUrl)) {
    throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
  }
  return {
    appUrl: appUrl.replace(/\/$/, ''),
    rateLimits: DEFAULT_LIMITS,
    mail: { smtpUrl, from: read(env, 'MAIL_FROM') ?? 'Personal Finance <no-reply@localhost>' },
    introspection: oneOf(
      env,
      'GRAPHQL_INTROSPECTION',
      ['on', 'signed-in', 'off'],
      nodeEnv === 'production' ? 'signed-in' : 'on',
    ),
  };
}

function assistantModel(env: Env): AssistantModelSettings | undefined {
  const url = ratesUrl(env, 'ASSISTANT_URL');
  if (url === undefined) return undefined;
  return {
    url,
    model: read(env, 'ASSISTANT_MODEL') ?? 'local',
    apiKey: read(env, 'ASSISTANT_API_KEY'),
    timeoutMs: integer(env, 'ASSISTANT_TIMEOUT_MS', 10_000, 100, 60_000),
  };
}

function ratesUrl(env: Env, name = 'RATES_URL'): string | undefined {
  const url = read(env, name);
  if (url !== undefined && !/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(url)) {
    throw new ConfigError(`${name} must be an http(s) URL (got "${url}")`);
  }
  return url;
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
          ...productionDatabase(env),
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
    ...securitySettings(env, nodeEnv),
    uploadMaxBytes: integer(env, 'UPLOAD_MAX_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    ratesUrl: ratesUrl(env),
    receipts: {
      storageBytesPerUser: integer(
        env,
        'RECEIPT_STORAGE_MAX_BYTES',
        200 * 1024 * 1024,
        1024,
        1024 * 1024 * 1024 * 1024,
      ),
      // One core stays free for requests: OCR is the heaviest work the server does.
      ocrWorkers: integer(
        env,
        'RECEIPT_OCR_WORKERS',
        Math.min(2, Math.max(1, os.availableParallelism() - 1)),
        1,
        16,
      ),
    },
    pricesUrl: ratesUrl(env, 'PRICES_URL'),
    webhooksAllowPrivate: boolean(env, 'WEBHOOKS_ALLOW_PRIVATE', false),
    assistantModel: assistantModel(env),
    webhookSecretKey: webhookSecretKey(env),
  };
}

/** At least 32 characters: the whole of a key's strength comes from it. */
function webhookSecretKey(env: Env): string | undefined {
  const key = read(env, 'WEBHOOK_SECRET_KEY');
  if (key !== undefined && key.length < 32) {
    throw new ConfigError(
      'WEBHOOK_SECRET_KEY must be at least 32 characters (for example `openssl rand -base64 32`)',
    );
  }
  return key;
}
