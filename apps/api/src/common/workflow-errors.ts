import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  isGrpcServiceError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DETENTION_ERRORS } from '@terugkeer/contracts';

/** gRPC status codes (grpc/status.proto) that mean "Temporal did not answer in time; try again". */
const GRPC_RETRYABLE = new Set([
  4, // DEADLINE_EXCEEDED
  8, // RESOURCE_EXHAUSTED (rate limited)
  14, // UNAVAILABLE
]);

/**
 * Temporal could not be reached or did not answer in time: the request may be retried as it is. A gRPC error
 * anywhere in the cause chain decides by its status; a client `ServiceError` without one is a connection failure.
 */
function orchestratorUnavailable(error: unknown): boolean {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    if (isGrpcServiceError(e)) return GRPC_RETRYABLE.has(e.code);
  }
  return error instanceof ServiceError;
}

/**
 * Turns a rejected update into the HTTP answer the contract asks for, and Temporal being unreachable into a 503
 * (the request can be retried). Anything else is a fault of ours: it is thrown as it is, so that Nest logs it
 * (message and stack only) and answers 500 without internals.
 */
export function toHttpError(error: unknown): unknown {
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
  if (orchestratorUnavailable(error)) {
    return new ServiceUnavailableException('The orchestrator did not answer; try again shortly');
  }
  return error;
}

export async function orHttpError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw toHttpError(error);
  }
}
