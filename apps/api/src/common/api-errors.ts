import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';

/** The one shape of every error this API answers (Nest's HttpException body, CONTRACT.md "Errors"). */
export class ErrorDto {
  @ApiProperty({ type: 'integer', example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request', description: 'the HTTP reason phrase' })
  error: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['intakeDate must be a date (YYYY-MM-DD)'],
    description: 'what is wrong; for bad input every offending field, named',
  })
  message: string | string[];
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503 | 504;

const WHY: Record<ErrorStatus, string> = {
  400: 'bad input: every offending field is named (unknown fields, control characters, too deep or too long too)',
  401: 'missing, invalid or expired bearer token',
  403: 'your role may not do this',
  404: 'not found, or outside your scope (its existence is not revealed)',
  409: 'an illegal state transition, or a conflict with what exists',
  413: 'request body over 256 KiB',
  415: 'request body is not UTF-8 JSON',
  429: 'rate limit reached: see the Retry-After header (seconds)',
  503: 'a dependency (the audit log, Temporal) could not be reached, so nothing was done: retry shortly',
  504: 'Temporal did not answer in time: the action may or may not have been carried out (the message says whether a retry is safe)',
};

/** Statuses every authenticated route can answer. */
export const AUTHENTICATED = [401, 429] as const;
/** Statuses every route with a JSON body can answer besides its own validation (400). */
export const WITH_BODY = [400, 413, 415] as const;

/**
 * Declares error answers in the shared {@link ErrorDto} shape, each with what it means here (`description`
 * overrides, per status, say why this operation answers it). On a controller it applies to every route.
 */
export function ApiErrors(statuses: readonly ErrorStatus[], description: Partial<Record<ErrorStatus, string>> = {}) {
  return applyDecorators(
    ...[...new Set(statuses)].map((status) =>
      ApiResponse({
        status,
        type: ErrorDto,
        description: description[status] ?? WHY[status],
        ...(status === 429
          ? { headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } } } }
          : {}),
      }),
    ),
  );
}
