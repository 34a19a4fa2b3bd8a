import { HttpException, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, throwError, type Observable } from 'rxjs';

/**
 * An error that is no HttpException is what Nest answers with a 500: it is put on the response, where the
 * request log line of pino-http finds it, so that the 5xx line names the error (type, message, stack, serialized
 * without personal data) instead of only "failed with status code 500". Answers the API chose (4xx, 503) stay
 * out: their line says the status, at warn.
 */
export class UnexpectedErrorInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!(error instanceof HttpException) && context.getType() === 'http') {
          context.switchToHttp().getResponse<Response>().err = error as Error;
        }
        return throwError(() => error);
      }),
    );
  }
}
