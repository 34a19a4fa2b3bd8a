import { Injectable } from '@nestjs/common';
import type { DetentionActivities, ProjectionBatch } from '@terugkeer/contracts';
import { DetentionProjector } from '@terugkeer/persistence';

@Injectable()
export class ProjectionActivities implements Pick<DetentionActivities, 'projectDetention'> {
  constructor(private readonly projector: DetentionProjector) {}

  async projectDetention(batch: ProjectionBatch): Promise<void> {
    await this.projector.apply(batch);
  }
}
