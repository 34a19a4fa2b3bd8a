import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { AppConfig, durationMs } from '@terugkeer/config';

/** `rpc`: one call (a workflow start, a signal); `update`: an update until the workflow's answer. */
export type TemporalCallKind = 'rpc' | 'update';

/**
 * Every call the apps make to Temporal has a deadline (TEMPORAL_RPC_TIMEOUT, TEMPORAL_UPDATE_TIMEOUT): the gRPC
 * deadline of the SDK, which bounds every request `fn` makes — an update's request and its polls for the outcome
 * alike — and makes the SDK reject with DEADLINE_EXCEEDED once it has passed.
 */
@Injectable()
export class TemporalDeadlines {
  constructor(
    private readonly client: Client,
    private readonly config: AppConfig,
  ) {}

  timeoutMs(kind: TemporalCallKind): number {
    return durationMs(kind === 'update' ? this.config.TEMPORAL_UPDATE_TIMEOUT : this.config.TEMPORAL_RPC_TIMEOUT);
  }

  within<T>(kind: TemporalCallKind, fn: () => Promise<T>): Promise<T> {
    return this.client.withDeadline(Date.now() + this.timeoutMs(kind), fn);
  }
}
