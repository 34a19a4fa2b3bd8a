import { ConflictException, HttpException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DETENTION_ERRORS } from '@terugkeer/contracts';
import { toHttpError } from '../../../apps/api/src/common/workflow-errors';

/** What @grpc/grpc-js rejects a call with: a status code, details and metadata. */
const grpcError = (code: number, details: string) =>
  Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });

describe('workflow errors as HTTP answers', () => {
  it('maps the workflow’s rejections to 4xx', () => {
    const rejected = (type: string) =>
      toHttpError(
        new WorkflowUpdateFailedError('update failed', ApplicationFailure.create({ type, message: 'no such task' })),
      );
    expect(rejected(DETENTION_ERRORS.notFound)).toBeInstanceOf(NotFoundException);
    expect(rejected(DETENTION_ERRORS.conflict)).toBeInstanceOf(ConflictException);
    expect(toHttpError(new WorkflowNotFoundError('gone', 'detention-x', undefined))).toBeInstanceOf(ConflictException);
  });

  it('answers 503 when Temporal cannot be reached or does not answer in time', () => {
    const unavailable = [
      new ServiceError('Workflow Update failed', { cause: grpcError(14, 'No connection established') }),
      new ServiceError('Failed to signal Workflow', { cause: grpcError(4, 'Deadline exceeded') }),
      new WorkflowUpdateRPCTimeoutOrCancelledError('Deadline exceeded', { cause: grpcError(4, 'Deadline exceeded') }),
      new ServiceError('Unexpected error while making gRPC request', { cause: new Error('socket hang up') }),
    ];
    for (const error of unavailable) expect(toHttpError(error)).toBeInstanceOf(ServiceUnavailableException);
  });

  it('passes anything else on as it is, for Nest to log and answer 500', () => {
    const invalid = new ServiceError('Workflow Update failed', { cause: grpcError(3, 'invalid argument') });
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    const unknownFailure = new WorkflowUpdateFailedError(
      'update failed',
      ApplicationFailure.create({ type: 'Surprise', message: 'unexpected' }),
    );
    for (const error of [invalid, bug, unknownFailure]) {
      const answer = toHttpError(error);
      expect(answer).toBe(error);
      expect(answer).not.toBeInstanceOf(HttpException);
    }
  });
});
