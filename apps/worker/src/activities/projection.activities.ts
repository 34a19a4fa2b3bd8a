import { Injectable, Logger } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import type { DetentionActivities, ProjectionBatch, ProjectionResult } from '@terugkeer/contracts';
import { DetentionProjector } from '@terugkeer/persistence';

/** Attempts of a batch PostgreSQL refuses before the refused parts are left out as dead letters. */
export const PROJECTION_ATTEMPTS_BEFORE_SALVAGE = 3;

@Injectable()
export class ProjectionActivities implements Pick<DetentionActivities, 'projectDetention'> {
  private readonly logger = new Logger(ProjectionActivities.name);

  constructor(private readonly projector: DetentionProjector) {}

  /**
   * Writes the batch; a batch refused for its values is tried again a few times (the retry policy), then written
   * part by part without what is refused. An outage (no connection, …) is retried for as long as it lasts.
   */
  async projectDetention(batch: ProjectionBatch): Promise<ProjectionResult> {
    const salvage = Context.current().info.attempt >= PROJECTION_ATTEMPTS_BEFORE_SALVAGE;
    const result = await this.projector.apply(batch, { salvage });
    for (const letter of result.deadLetters) {
      this.logger.warn(
        `projection dead letter: detention ${batch.detentionId} seq ${batch.seq} ${letter.kind} ${letter.key} (${letter.reason})`,
      );
    }
    return result;
  }
}
