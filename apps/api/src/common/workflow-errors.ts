import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  GatewayTimeoutException,
  HttpException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DETENTION_ERRORS } from '@terugkeer/contracts';
import { temporalUnanswered } from '@terugkeer/temporal';

/** What the API asked of Temporal, for the answer it gives when Temporal does not answer. */
export interface TemporalAsk {
  /** The action, as a noun: `the completion of the task`. */
  what: string;
  /** How long the API waited (the deadline of the call). */
  waitedMs: number;
  /**
   * What to look at before sending the request again after a timeout, when it may have taken effect; absent when
   * the same request again has no second effect (safe to retry in any case).
   */
  checkFirst?: string;
}

const TEMPORAL = 'Temporal (the workflow engine)';
const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

/**
 * Temporal not answering, as an answer that says what was not done: 503 when it could not be reached (nothing was
 * done: safe to try again), 504 when it did not answer in time (it may still happen: safe to retry or not, said).
 */
function notAnswered(how: 'unavailable' | 'timed-out', ask: TemporalAsk): HttpException {
  if (how === 'unavailable') {
    return new ServiceUnavailableException(
      `${TEMPORAL} could not be reached, so ${ask.what} was not carried out; it is safe to try again shortly`,
    );
  }
  const retry = ask.checkFirst
    ? `look at ${ask.checkFirst} before trying again`
    : 'it is safe to send the same request again: it takes effect once';
  return new GatewayTimeoutException(
    `${TEMPORAL} did not answer within ${seconds(ask.waitedMs)}: ${ask.what} may or may not have been carried out ` +
      `(it may still be); ${retry}`,
  );
}

/**
 * Turns a rejected update into the HTTP answer the contract asks for, and Temporal not answering into a 503 or 504
 * naming what was not done. Anything else is a fault of ours: it is thrown as it is, so that Nest logs it (message
 * and stack only) and answers 500 without internals.
 */
export function toHttpError(error: unknown, ask: TemporalAsk): unknown {
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
  const unanswered = temporalUnanswered(error);
  return unanswered ? notAnswered(unanswered, ask) : error;
}

export async function orHttpError<T>(work: Promise<T>, ask: TemporalAsk): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw toHttpError(error, ask);
  }
}
