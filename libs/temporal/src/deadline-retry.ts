import { defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

type Interceptor = ReturnType<typeof makeGrpcRetryInterceptor>;

/**
 * The SDK's retry of failed gRPC calls (UNAVAILABLE and the like, with backoff), except that it gives up when the
 * next attempt would start after the call's deadline: the default sleeps its full backoff (up to 5 s) even past
 * the deadline, and then answers DEADLINE_EXCEEDED for a Temporal that could not be reached at all. This way an
 * unreachable Temporal is reported as such (UNAVAILABLE), within the deadline.
 */
export function deadlineAwareRetry(): Interceptor {
  const defaults = defaultGrpcRetryOptions();
  return (options, nextCall) => {
    const deadline = options.deadline === undefined ? Infinity : new Date(options.deadline).getTime();
    let delay = 0;
    return makeGrpcRetryInterceptor({
      retryableDecider: (attempt, status) => {
        if (!defaults.retryableDecider(attempt, status)) return false;
        delay = defaults.delayFunction(attempt, status);
        return Date.now() + delay < deadline;
      },
      delayFunction: () => delay,
    })(options, nextCall);
  };
}
