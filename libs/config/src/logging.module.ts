import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options as HttpLoggerOptions } from 'pino-http';
import { AppConfig } from './app-config';

/**
 * Error fields that can carry personal data (SQL parameters, constraint details with key values, request
 * bodies) never reach a log line.
 */
const PERSONAL_ERROR_FIELDS = new Set(['parameters', 'query', 'detail', 'driverError', 'body', 'data', 'where']);

/**
 * Values quoted in database messages (`invalid input syntax for type date: "1990-13-45"`, `Key (x)=(…)`) are
 * input, possibly personal: replaced by an ellipsis. Names of relations and constraints stay.
 */
export function redactValues(message: string): string {
  return message.replace(/: "[^"]*"/g, ': "…"').replace(/\)=\([^)]*\)/g, ')=(…)');
}

export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: redactValues(String(error)) };
  const message = redactValues(error.message);
  const stack = error.stack?.replace(error.message, message);
  const out: Record<string, unknown> = { type: error.name, message, stack };
  for (const [key, value] of Object.entries(error)) {
    if (PERSONAL_ERROR_FIELDS.has(key)) continue;
    if (typeof value === 'number') out[key] = value;
    else if (typeof value === 'string') out[key] = redactValues(value);
    else if (value instanceof Error) out[key] = serializeError(value);
  }
  return out;
}

/** Log metadata with every error in it serialized without personal data (SDK logs pass errors as `error`). */
export function safeLogMeta(meta: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!meta) return {};
  return Object.fromEntries(
    Object.entries(meta).map(([key, value]) => [key, value instanceof Error ? serializeError(value) : value]),
  );
}

/** Requests are logged by method and path only: query strings and bodies may hold personal data. */
export function serializeRequest(req: IncomingMessage & { id?: unknown }) {
  return { id: req.id, method: req.method, path: (req.url ?? '').split('?')[0] };
}

/** A caller's X-Request-Id when it is plain and short, else a new UUID; echoed back, and kept in the audit log. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * How the HTTP logger logs each request. At national load the successful ones (2xx, 3xx) are only worth a line at
 * `debug` (LOG_LEVEL=debug shows them); a refusal (4xx) is a `warn`, a failure (5xx) an `error` with its error.
 */
export function requestLogLevel(res: { statusCode: number }, err?: Error): 'debug' | 'warn' | 'error' {
  if (res.statusCode >= 500 || (err && res.statusCode < 400)) return 'error';
  return res.statusCode >= 400 ? 'warn' : 'debug';
}

/** The pino-http options of the apps (see {@link LoggingModule}); exported for the tests. */
export function httpLoggerOptions(config: AppConfig): HttpLoggerOptions {
  return {
    level: config.LOG_LEVEL,
    genReqId: requestId,
    serializers: {
      req: serializeRequest,
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      // pino-http hands its error serializer pino's own serialization of the error; the Error is at `raw`.
      err: (err: { raw?: unknown } | undefined) => serializeError(err?.raw ?? err),
    },
    redact: ['req.headers', 'res.headers'],
    customLogLevel: (_req, res, err) => requestLogLevel(res, err),
    autoLogging: { ignore: (req) => req.url === '/health' },
    transport:
      config.NODE_ENV === 'development' && process.stdout.isTTY
        ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss' } }
        : undefined,
  };
}

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ pinoHttp: httpLoggerOptions(config) }),
    }),
  ],
})
export class LoggingModule {}
