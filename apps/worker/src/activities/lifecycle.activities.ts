import { Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  DETENTION_ERRORS,
  detentionWorkflowId,
  endDetentionUpdate,
  type DetentionActivities,
} from '@terugkeer/contracts';

@Injectable()
export class LifecycleActivities implements Pick<DetentionActivities, 'closePreviousDetention'> {
  private readonly logger = new Logger(LifecycleActivities.name);

  constructor(private readonly client: Client) {}

  /** Re-detention during aftercare: the old case closes with reason `re-detained` (already closed is fine). */
  async closePreviousDetention(input: { previousDetentionId: string; newDetentionId: string; date: string }) {
    try {
      await this.client.workflow
        .getHandle(detentionWorkflowId(input.previousDetentionId))
        .executeUpdate(endDetentionUpdate, {
          args: [{ reason: 're-detained', date: input.date, actor: { sub: 'terugkeer', role: 'system', org: '*' } }],
        });
    } catch (error) {
      const closed =
        error instanceof WorkflowNotFoundError ||
        (error instanceof WorkflowUpdateFailedError &&
          error.cause instanceof ApplicationFailure &&
          error.cause.type === DETENTION_ERRORS.conflict);
      if (!closed) throw error;
      this.logger.log(`previous detention ${input.previousDetentionId} was already closed`);
    }
  }
}
