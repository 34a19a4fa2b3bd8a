import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DETENTION_ERRORS } from '@terugkeer/contracts';

/**
 * Turns a rejected update into the HTTP answer the contract asks for; anything else about Temporal being
 * unreachable is a 503 (the request can be retried), never a 500 with internals.
 */
export function toHttpError(error: unknown): HttpException {
  if (error instanceof HttpException) return error;
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const message = error.cause.message;
    switch (error.cause.type) {
      case DETENTION_ERRORS.notFound:
        return new NotFoundException(message);
      case DETENTION_ERRORS.forbidden:
        return new ForbiddenException(message);
      case DETENTION_ERRORS.conflict:
        return new ConflictException(message);
      case DETENTION_ERRORS.invalid:
        return new BadRequestException([message]);
    }
  }
  if (error instanceof WorkflowNotFoundError) {
    return new ConflictException('The detention workflow is not running (the case may be closed)');
  }
  return new ServiceUnavailableException('The orchestrator did not answer; try again shortly');
}

export async function orHttpError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw toHttpError(error);
  }
}
