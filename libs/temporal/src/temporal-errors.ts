import { isGrpcServiceError, ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';

/** gRPC status codes (grpc/status.proto) the answers below turn on. */
const GRPC = { CANCELLED: 1, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, RESOURCE_EXHAUSTED: 8, UNAVAILABLE: 14 };

/** The gRPC error anywhere in the cause chain: it decides. */
function grpcCause(error: unknown): { code: number; details: string; message: string } | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    if (isGrpcServiceError(e)) return e;
  }
  return undefined;
}

/**
 * Whether, and how, Temporal did not answer a call: `unavailable` — it could not be reached (or refused for load),
 * so nothing was done; `timed-out` — no answer before the deadline, so it may or may not have been done.
 * `undefined` for every other error (Temporal answered, with a refusal). A client `ServiceError` without a gRPC
 * status is a connection failure.
 */
export function temporalUnanswered(error: unknown): 'unavailable' | 'timed-out' | undefined {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return 'timed-out';
  const grpc = grpcCause(error);
  if (grpc) {
    if (grpc.code === GRPC.DEADLINE_EXCEEDED || grpc.code === GRPC.CANCELLED) return 'timed-out';
    if (grpc.code === GRPC.UNAVAILABLE || grpc.code === GRPC.RESOURCE_EXHAUSTED) return 'unavailable';
    return undefined;
  }
  return error instanceof ServiceError ? 'unavailable' : undefined;
}

/**
 * Temporal refused the request for what it holds (INVALID_ARGUMENT: a value over a size limit, a search attribute
 * the namespace does not know, …): sending it again gets the same answer. Returns Temporal's reason, first line.
 */
export function temporalRefusedForGood(error: unknown): string | undefined {
  const grpc = grpcCause(error);
  if (grpc?.code !== GRPC.INVALID_ARGUMENT) return undefined;
  return `INVALID_ARGUMENT: ${(grpc.details || grpc.message).split('\n')[0]}`.slice(0, 300);
}
