import { ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { temporalRefusedForGood, temporalUnanswered } from '@terugkeer/temporal';

/** What @grpc/grpc-js rejects a call with: a status code, details and metadata. */
const grpcError = (code: number, details: string) =>
  Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });

describe('how Temporal did not answer, or refused', () => {
  it('tells an unreachable Temporal from one that did not answer in time', () => {
    const failed = (code: number) => new ServiceError('Failed to start Workflow', { cause: grpcError(code, 'x') });
    expect(temporalUnanswered(failed(14))).toBe('unavailable');
    expect(temporalUnanswered(failed(8))).toBe('unavailable');
    expect(temporalUnanswered(new ServiceError('Unexpected error', { cause: new Error('socket hang up') }))).toBe(
      'unavailable',
    );
    expect(temporalUnanswered(failed(4))).toBe('timed-out');
    expect(temporalUnanswered(new WorkflowUpdateRPCTimeoutOrCancelledError('timeout'))).toBe('timed-out');
    expect(temporalUnanswered(failed(3))).toBeUndefined();
    expect(temporalUnanswered(new TypeError('a bug'))).toBeUndefined();
  });

  it('takes INVALID_ARGUMENT as a refusal for good, with its reason; nothing else', () => {
    const invalid = new ServiceError('Failed to start Workflow', {
      cause: grpcError(3, 'search attribute TerugkeerPrison value size 3002 exceeds size limit 2048\nmore'),
    });
    expect(temporalRefusedForGood(invalid)).toBe(
      'INVALID_ARGUMENT: search attribute TerugkeerPrison value size 3002 exceeds size limit 2048',
    );
    for (const code of [4, 7, 14, 16]) {
      expect(temporalRefusedForGood(new ServiceError('x', { cause: grpcError(code, 'x') }))).toBeUndefined();
    }
  });
});
