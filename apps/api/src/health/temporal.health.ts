import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Connection } from '@temporalio/client';
import { AppConfig } from '@terugkeer/config';

@Injectable()
export class TemporalHealthIndicator {
  constructor(
    private readonly connection: Connection,
    private readonly config: AppConfig,
    private readonly health: HealthIndicatorService,
  ) {}

  /** Up when the Temporal frontend answers and knows our namespace. */
  async check(key: 'temporal', timeoutMs = 2000) {
    const indicator = this.health.check(key);
    try {
      await this.connection.withDeadline(Date.now() + timeoutMs, () =>
        this.connection.workflowService.describeNamespace({ namespace: this.config.TEMPORAL_NAMESPACE }),
      );
      return indicator.up();
    } catch (error) {
      return indicator.down({
        message: `Temporal at ${this.config.TEMPORAL_ADDRESS} does not answer: ${firstLine(error)}`,
      });
    }
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 200);
}
