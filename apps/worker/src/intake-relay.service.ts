import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DetentionEntity } from '@terugkeer/persistence';
import { DetentionStarter } from '@terugkeer/intake';
import { DataSource } from 'typeorm';

const INTERVAL_MS = 5_000;
/** The API starts the workflow itself right after registering; the relay only picks up what it left. */
const GRACE = '10 seconds';

/**
 * Every accepted intake reaches its workflow, even when the API process died between storing the registration
 * and starting the workflow: this relay starts workflows for registrations left unstarted.
 */
@Injectable()
export class IntakeRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IntakeRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly starter: DetentionStarter,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async tick() {
    if (this.running) return;
    this.running = this.relay();
    try {
      const started = await this.running;
      if (started) this.logger.warn(`started ${started} detention workflow(s) left unstarted at registration`);
    } catch (error) {
      this.logger.error(`intake relay failed: ${(error as Error).message}`);
    } finally {
      this.running = undefined;
    }
  }

  /** Starts the workflows of unstarted registrations; returns how many. Safe with several workers. */
  relay(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const rows = await tx
        .getRepository(DetentionEntity)
        .createQueryBuilder('d')
        .where('d.workflow_started_at IS NULL')
        .andWhere(`d.registered_at < now() - interval '${GRACE}'`)
        .orderBy('d.registered_at')
        .limit(50)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      for (const row of rows) await this.starter.start(row, tx);
      return rows.length;
    });
  }
}
