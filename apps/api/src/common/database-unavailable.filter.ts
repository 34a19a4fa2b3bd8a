import { ArgumentsHost, Catch, ServiceUnavailableException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';

/** Socket errors of a PostgreSQL that is gone, restarting or unreachable (node-pg passes them on as they are). */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);
/** SQLSTATE class 08 (connection exception) and 57P01–57P03 (the server shutting down, restarting, starting up). */
const SQLSTATE = /^(08...|57P0[1-3])$/;
/** What node-pg and its pool say when a connection broke or none could be had. */
const MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /is not queryable/,
  /^Client was closed and is not queryable/,
];

/** Whether `error` (or what it wraps: TypeORM's `driverError`, a `cause`) says PostgreSQL cannot be reached. */
export function databaseUnreachable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || SQLSTATE.test(code))) return true;
    if (typeof message === 'string' && MESSAGES.some((m) => m.test(message))) return true;
    e = (e as { driverError?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * PostgreSQL (the read models, the registrations) not answering is not a fault of the request nor of ours: it is
 * answered 503 naming the database, with nothing of the error itself, instead of Nest's bare 500. Everything
 * else goes to Nest's own handling.
 */
@Catch()
export class DatabaseUnavailableFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType() === 'http' && databaseUnreachable(exception)) {
      return super.catch(
        new ServiceUnavailableException(
          'PostgreSQL (the database) could not be reached, so the request could not be carried out; try again shortly',
        ),
        host,
      );
    }
    return super.catch(exception, host);
  }
}
