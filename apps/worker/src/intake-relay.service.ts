import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DetentionEntity } from '@terugkeer/persistence';
import { DetentionStarter, RELAY_GRACE } from '@terugkeer/intake';
import { DataSource } from 'typeorm';

const INTERVAL_MS = 5_000;
/** Registrations one run looks at, at most. */
const BATCH = 50;

/** What one run did: workflows started, starts Temporal refused for good, and registrations left for a later run. */
export interface RelayResult {
  started: number;
  refused: number;
  waiting: number;
}

/**
 * Every accepted intake reaches its workflow, even when the API process died between storing the registration
 * and starting the workflow, or Temporal did not answer it: this relay starts workflows for registrations left
 * unstarted. A start Temporal refuses for good (see `StartOutcome`) is recorded on the row and left alone —
 * /health counts it, the prison's mailboxes hear of it — so that one bad registration never holds up the others.
 */
@Injectable()
export class IntakeRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IntakeRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<RelayResult>;

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
      const { started } = await this.running;
      if (started) this.logger.warn(`started ${started} detention workflow(s) left unstarted at registration`);
    } catch (error) {
      this.logger.error(`intake relay failed: ${(error as Error).message}`);
    } finally {
      this.running = undefined;
    }
  }

  /**
   * Starts the workflows of unstarted registrations, each in a transaction of its own that holds its row (so it
   * is safe with several workers, and one row's outcome is kept whatever happens to the next). Each row is tried
   * once per run, the one not tried for longest first; when Temporal does not answer, the rest waits for the next
   * run, as it would not answer them either.
   */
  async relay(): Promise<RelayResult> {
    const result: RelayResult = { started: 0, refused: 0, waiting: 0 };
    const [{ since }]: { since: Date }[] = await this.dataSource.query('SELECT now() AS since');
    while (result.started + result.refused + result.waiting < BATCH) {
      const attempt = await this.dataSource.transaction(async (tx) => {
        const row = await tx
          .getRepository(DetentionEntity)
          .createQueryBuilder('d')
          .where('d.workflow_started_at IS NULL AND d.workflow_start_refused_at IS NULL')
          .andWhere(`d.registered_at < now() - interval '${RELAY_GRACE}'`)
          .andWhere('(d.workflow_start_attempted_at IS NULL OR d.workflow_start_attempted_at < :since)', { since })
          .orderBy('d.workflow_start_attempted_at', 'ASC', 'NULLS FIRST')
          .addOrderBy('d.registered_at')
          .limit(1)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getOne();
        return row ? { id: row.id, outcome: await this.starter.start(row, tx) } : undefined;
      });
      if (!attempt) break;
      const { id, outcome } = attempt;
      if (outcome.kind === 'started') {
        result.started++;
        continue;
      }
      if (outcome.kind === 'refused') {
        result.refused++;
        this.logger.error(`workflow of detention ${id} refused by Temporal for good (${outcome.reason}); reported`);
        continue;
      }
      result.waiting++;
      if (outcome.kind === 'no-answer') break;
      this.logger.error(`workflow of detention ${id} not started (${outcome.reason}); tried again later`);
    }
    return result;
  }
}
