import {
  ConflictException,
  GatewayTimeoutException,
  HttpException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DETENTION_ERRORS } from '@terugkeer/contracts';
import { toHttpError, type TemporalAsk } from '../../../apps/api/src/common/workflow-errors';

/** What @grpc/grpc-js rejects a call with: a status code, details and metadata. */
const grpcError = (code: number, details: string) =>
  Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });

const completion: TemporalAsk = { what: 'the completion of the task', waitedMs: 10_000, checkFirst: 'the task' };
const response: TemporalAsk = { what: 'the recording of the response', waitedMs: 1_500 };
const messageOf = (answer: unknown) => (answer as HttpException).message;

describe('workflow errors as HTTP answers', () => {
  it('maps the workflow’s rejections to 4xx', () => {
    const rejected = (type: string) =>
      toHttpError(
        new WorkflowUpdateFailedError('update failed', ApplicationFailure.create({ type, message: 'no such task' })),
        completion,
      );
    expect(rejected(DETENTION_ERRORS.notFound)).toBeInstanceOf(NotFoundException);
    expect(rejected(DETENTION_ERRORS.conflict)).toBeInstanceOf(ConflictException);
    expect(toHttpError(new WorkflowNotFoundError('gone', 'detention-x', undefined), completion)).toBeInstanceOf(
      ConflictException,
    );
  });

  it('answers 503 naming Temporal and what was not done when Temporal cannot be reached: safe to retry', () => {
    const unreachable = [
      new ServiceError('Workflow Update failed', { cause: grpcError(14, 'No connection established') }),
      new ServiceError('Failed to signal Workflow', { cause: grpcError(8, 'namespace rate limit exceeded') }),
      new ServiceError('Unexpected error while making gRPC request', { cause: new Error('socket hang up') }),
    ];
    for (const error of unreachable) {
      const answer = toHttpError(error, completion);
      expect(answer).toBeInstanceOf(ServiceUnavailableException);
      expect(messageOf(answer)).toBe(
        'Temporal (the workflow engine) could not be reached, so the completion of the task was not carried out; ' +
          'it is safe to try again shortly',
      );
    }
  });

  it('answers 504 when Temporal does not answer in time, saying how long and whether a retry is safe', () => {
    const update = new WorkflowUpdateRPCTimeoutOrCancelledError('Deadline exceeded', {
      cause: grpcError(4, 'Deadline exceeded'),
    });
    const answer = toHttpError(update, completion);
    expect(answer).toBeInstanceOf(GatewayTimeoutException);
    expect(messageOf(answer)).toBe(
      'Temporal (the workflow engine) did not answer within 10 s: the completion of the task may or may not have ' +
        'been carried out (it may still be); look at the task before trying again',
    );
    const signal = new ServiceError('Failed to signal Workflow', { cause: grpcError(4, 'Deadline exceeded') });
    expect(messageOf(toHttpError(signal, response))).toBe(
      'Temporal (the workflow engine) did not answer within 1.5 s: the recording of the response may or may not ' +
        'have been carried out (it may still be); it is safe to send the same request again: it takes effect once',
    );
  });

  it('passes anything else on as it is, for Nest to log and answer 500', () => {
    const invalid = new ServiceError('Workflow Update failed', { cause: grpcError(3, 'invalid argument') });
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    const unknownFailure = new WorkflowUpdateFailedError(
      'update failed',
      ApplicationFailure.create({ type: 'Surprise', message: 'unexpected' }),
    );
    for (const error of [invalid, bug, unknownFailure]) {
      const answer = toHttpError(error, completion);
      expect(answer).toBe(error);
      expect(answer).not.toBeInstanceOf(HttpException);
    }
  });
});
