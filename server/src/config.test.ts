import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from './config';
import { DEFAULT_LIMITS } from './modules/rate-limits/limits';

const repoRoot = path.resolve(__dirname, '..', '..');

const MYSQL = {
  DB_DRIVER: 'mysql',
  DB_HOST: 'db.internal',
  DB_USER: 'finance',
  DB_NAME: 'finance',
};

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  test('receipt storage and OCR workers are read, and out-of-range values refused', () => {
    expect(
      loadConfig({ RECEIPT_STORAGE_MAX_BYTES: '1048576', RECEIPT_OCR_WORKERS: '2' }).receipts,
    ).toEqual({ storageBytesPerUser: 1048576, ocrWorkers: 2 });
    expect(() => loadConfig({ RECEIPT_OCR_WORKERS: '0' })).toThrow(/RECEIPT_OCR_WORKERS/);
    expect(() => loadConfig({ RECEIPT_STORAGE_MAX_BYTES: 'lots' })).toThrow(
      /RECEIPT_STORAGE_MAX_BYTES/,
    );
  });

  test('ASSISTANT_URL turns the model fallback on, with its model, key and timeout', () => {
    expect(loadConfig({}).assistantModel).toBeUndefined();
    expect(loadConfig({ ASSISTANT_URL: 'http://127.0.0.1:8080/v1' }).assistantModel).toEqual({
      url: 'http://127.0.0.1:8080/v1',
      model: 'local',
      apiKey: undefined,
      timeoutMs: 10_000,
    });
    expect(
      loadConfig({
        ASSISTANT_URL: 'http://127.0.0.1:8080/v1',
        ASSISTANT_MODEL: 'qwen2.5-7b-instruct',
        ASSISTANT_API_KEY: 'k',
        ASSISTANT_TIMEOUT_MS: '5000',
      }).assistantModel,
    ).toEqual({
      url: 'http://127.0.0.1:8080/v1',
      model: 'qwen2.5-7b-instruct',
      apiKey: 'k',
      timeoutMs: 5000,
    });
    expect(() => loadConfig({ ASSISTANT_URL: 'localhost:8080' })).toThrow(/ASSISTANT_URL/);
    expect(() =>
      loadConfig({ ASSISTANT_URL: 'http://127.0.0.1:8080/v1', ASSISTANT_TIMEOUT_MS: '0' }),
    ).toThrow(/ASSISTANT_TIMEOUT_MS/);
  });

  test('defaults: port 4000, SQLite at DATA_DIR/finance.db, migrations on start', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      nodeEnv: 'development',
      port: 4000,
      dataDir: path.join(repoRoot, 'data'),
      migrateOnStart: true,
      trustProxy: false,
      clientDir: path.join(repoRoot, 'client', 'dist'),
      db: { driver: 'sqlite', file: path.join(repoRoot, 'data', 'finance.db') },
      ratesUrl: undefined,
      pricesUrl: undefined,
      webhooksAllowPrivate: false,
      assistantModel: undefined,
      webhookSecretKey: undefined,
      // One OCR worker on this 2-core machine leaves a core for requests.
      receipts: {
        storageBytesPerUser: 200 * 1024 * 1024,
        ocrWorkers: Math.min(2, Math.max(1, os.availableParallelism() - 1)),
      },
      uploadMaxBytes: 20 * 1024 * 1024,
      scryptLogN: 17,
      appUrl: 'http://localhost:4000',
      mail: { smtpUrl: undefined, from: 'Personal Finance <no-reply@localhost>' },
      introspection: 'on',
      rateLimits: DEFAULT_LIMITS,
    });
    const dataDir = path.join(os.tmpdir(), 'finance-config-test');
    const custom = loadConfig({ DATA_DIR: dataDir, PORT: '8080', MIGRATE_ON_START: 'false' });
    expect(custom.dataDir).toBe(dataDir);
    expect(custom.db).toEqual({ driver: 'sqlite', file: path.join(dataDir, 'finance.db') });
    expect(custom.port).toBe(8080);
    expect(custom.migrateOnStart).toBe(false);
    // A relative DATA_DIR is taken from the working directory, once, at start.
    expect(loadConfig({ DATA_DIR: 'some/dir' }).dataDir).toBe(path.resolve('some/dir'));
  });

  test('WEBHOOK_SECRET_KEY: at least 32 characters', () => {
    const key = 'k'.repeat(32);
    expect(loadConfig({ WEBHOOK_SECRET_KEY: key }).webhookSecretKey).toBe(key);
    expect(() => loadConfig({ WEBHOOK_SECRET_KEY: 'short' })).toThrow(
      /WEBHOOK_SECRET_KEY must be at least 32 characters/,
    );
  });

  test('APP_URL, SMTP_URL, MAIL_FROM and GRAPHQL_INTROSPECTION', () => {
    const config = loadConfig({
      APP_URL: 'https://finance.example.com/',
      SMTP_URL: 'smtp://user:secret@mail.example.com:587',
      MAIL_FROM: 'Finance <finance@example.com>',
    });
    expect(config.appUrl).toBe('https://finance.example.com');
    expect(config.mail).toEqual({
      smtpUrl: 'smtp://user:secret@mail.example.com:587',
      from: 'Finance <finance@example.com>',
    });
    expect(loadConfig({ PORT: '5000' }).appUrl).toBe('http://localhost:5000');
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe('signed-in');
    expect(loadConfig({ GRAPHQL_INTROSPECTION: 'off' }).introspection).toBe('off');
    expect(() => loadConfig({ APP_URL: 'finance.example.com' })).toThrow(
      /^APP_URL must be an http/,
    );
    // The message never repeats an SMTP URL: it may hold a password.
    expect(() => loadConfig({ SMTP_URL: 'http://user:secret@x' })).toThrow(
      'SMTP_URL must start with smtp:// or smtps://',
    );
    expect(() => loadConfig({ GRAPHQL_INTROSPECTION: 'yes' })).toThrow(
      /^GRAPHQL_INTROSPECTION must be one of/,
    );
  });

  test('DB_DRIVER=mysql takes its settings, with defaults for port, password and pool', () => {
    expect(loadConfig(MYSQL).db).toEqual({
      driver: 'mysql',
      host: 'db.internal',
      port: 3306,
      user: 'finance',
      password: '',
      database: 'finance',
      poolSize: 10,
    });
    expect(
      loadConfig({ ...MYSQL, DB_PORT: '3307', DB_PASSWORD: ' s3cret ', DB_POOL_SIZE: '4' }).db,
    ).toEqual({
      driver: 'mysql',
      host: 'db.internal',
      port: 3307,
      user: 'finance',
      password: 's3cret',
      database: 'finance',
      poolSize: 4,
    });
  });

  test.each(['DB_HOST', 'DB_USER', 'DB_NAME'])(
    'DB_DRIVER=mysql without %s is refused, naming it',
    (name) => {
      expect(refusal({ ...MYSQL, [name]: '' })).toBe(`${name} is required when DB_DRIVER=mysql`);
      const { [name as keyof typeof MYSQL]: _left, ...without } = MYSQL;
      expect(refusal(without)).toBe(`${name} is required when DB_DRIVER=mysql`);
    },
  );

  test.each([
    ['PORT must be a whole number from 0 to 65535 (got "abc")', { PORT: 'abc' }],
    ['PORT must be a whole number from 0 to 65535 (got "65536")', { PORT: '65536' }],
    ['PORT must be a whole number from 0 to 65535 (got "-1")', { PORT: '-1' }],
    ['PORT must be a whole number from 0 to 65535 (got "80.5")', { PORT: '80.5' }],
    ['PORT must be a whole number from 0 to 65535 (got "1e3")', { PORT: '1e3' }],
    ['PORT must be a whole number from 0 to 65535 (got "0x50")', { PORT: '0x50' }],
    ['PORT must be a whole number from 0 to 65535 (got "4000abc")', { PORT: '4000abc' }],
    ['DB_PORT must be a whole number from 1 to 65535 (got "abc")', { ...MYSQL, DB_PORT: 'abc' }],
    ['DB_PORT must be a whole number from 1 to 65535 (got "0")', { ...MYSQL, DB_PORT: '0' }],
    [
      'DB_PORT must be a whole number from 1 to 65535 (got "70000")',
      { ...MYSQL, DB_PORT: '70000' },
    ],
    ['DB_DRIVER must be one of sqlite, mysql (got "postgres")', { DB_DRIVER: 'postgres' }],
    ['DB_DRIVER must be one of sqlite, mysql (got "MySQL")', { DB_DRIVER: 'MySQL' }],
    ['MIGRATE_ON_START must be true or false (got "maybe")', { MIGRATE_ON_START: 'maybe' }],
    ['MIGRATE_ON_START must be true or false (got "2")', { MIGRATE_ON_START: '2' }],
    [
      'NODE_ENV must be one of production, development, test (got "staging")',
      { NODE_ENV: 'staging' },
    ],
    ['TRUST_PROXY must be true or false (got "sometimes")', { TRUST_PROXY: 'sometimes' }],
  ])('refused: %s', (message: string, env: Record<string, string>) => {
    expect(refusal(env)).toBe(message);
  });

  test.each([
    ['true', true],
    ['YES', true],
    ['1', true],
    ['false', false],
    ['No', false],
    ['0', false],
  ])('MIGRATE_ON_START=%s reads as %s', (text, value) => {
    expect(loadConfig({ MIGRATE_ON_START: text }).migrateOnStart).toBe(value);
  });
});

/** Runs the real entry point as an operator would, and collects what it says. */
function runMain(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register', 'server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      TS_NODE_PROJECT: 'server/tsconfig.json',
      NODE_ENV: 'production',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the entry point', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finance-main-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test('PORT=abc: exits non-zero with one line on stderr naming PORT', async () => {
    const result = await runMain({ PORT: 'abc', DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'Invalid configuration: PORT must be a whole number from 0 to 65535 (got "abc")\n',
    );
  });

  test('a PORT already in use: exits non-zero with one line on stderr naming PORT', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const result = await runMain({ PORT: String(port), DATA_DIR: dataDir });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `Invalid configuration: PORT ${port} is already in use by another process\n`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
