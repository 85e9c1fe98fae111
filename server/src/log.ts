import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Structured logs: one JSON object per line on stderr (pino), each with the id of the request it
 * belongs to, and never a secret: cookies, authorization headers, passwords and tokens are
 * replaced wherever they appear in the logged fields.
 */
export type LogLevel = 'info' | 'warn' | 'error';

/** Field names whose values are never written, at the top level or one or two levels down. */
const SECRET_FIELDS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'authToken',
  'secret',
  'cookie',
  'authorization',
  'set-cookie',
  'sid',
  // SQL values: a query's parameters, and the SQL mysql2 reports with its values inlined.
  'parameters',
  'sql',
];

export const REDACTED = '[redacted]';

const redactPaths = SECRET_FIELDS.flatMap((name) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : `["${name}"]`;
  const child = key.startsWith('[') ? key : `.${key}`;
  return [key, `*${child}`, `*.*${child}`];
});

/** The request a log line belongs to, carried across awaits. */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();

function createLogger(level: string, destination: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { error: pino.stdSerializers.err, err: pino.stdSerializers.err },
      redact: { paths: redactPaths, censor: REDACTED },
      mixin: () => {
        const scope = requestScope.getStore();
        return scope ? { requestId: scope.requestId } : {};
      },
    },
    destination,
  );
}

let logger = createLogger('info', pino.destination({ dest: 2, sync: true }));

/** Sets the level (and, in tests, where lines go). `silent` writes nothing. */
export function configureLogger(options: {
  level: LogLevel | 'silent';
  destination?: DestinationStream;
}): void {
  logger = createLogger(
    options.level,
    options.destination ?? pino.destination({ dest: 2, sync: true }),
  );
}

/** Changes the level only, keeping where lines go. */
export function setLogLevel(level: LogLevel | 'silent'): void {
  logger.level = level;
}

export function log(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  logger[level](fields, message);
}

const REQUEST_ID = /^[\w.:/+=-]{1,128}$/;

/**
 * Express middleware: gives each request an id (the caller's X-Request-Id when it is a sane
 * token, as a load balancer's trace id is; a new UUID otherwise), echoes it in X-Request-Id,
 * tags every log line written while serving it, and logs one line when it is answered.
 */
export function requestLogging() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const started = performance.now();
    res.on('finish', () =>
      requestScope.run({ requestId }, () =>
        log('info', 'Request served', {
          method: req.method,
          // Never the query string: it may carry a token.
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        }),
      ),
    );
    requestScope.run({ requestId }, next);
  };
}
