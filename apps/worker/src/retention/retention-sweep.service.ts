import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, durationMs, parseRetentionPeriod } from '@terugkeer/config';
import { amsterdamDate, type CalendarDate } from '@terugkeer/domain';
import { DataSource } from 'typeorm';
import { DetentionEraser } from './detention-eraser';
import { retentionDue, type RetentionFacts } from './retention-rule';
import { WorkflowHistoryEraser, type PendingErasure } from './workflow-history-eraser';

const BATCH = 100;
/** The first sweep after start-up, so that a worker restarted more often than the interval still sweeps. */
const FIRST_SWEEP_MS = 30_000;

export interface SweepResult {
  /** Cases whose personal data were erased from PostgreSQL by this sweep. */
  erased: number;
  /** Due cases left for a later sweep because a run of their workflow is still running. */
  waiting: number;
  /** Erasures whose Temporal histories were deleted by this sweep (this sweep's, or ones a crash left). */
  historiesDeleted: number;
}

interface Candidate extends RetentionFacts {
  id: string;
  workflowId: string;
}

/**
 * The retention sweep (DOMAIN.md, privacy): every RETENTION_SWEEP_INTERVAL, the personal data of closed cases
 * whose retention period has passed are erased from PostgreSQL (one transaction per case, with an erasure record),
 * then their workflow histories are deleted from Temporal. Crash-safe and idempotent: what a sweep did not finish,
 * the next one does; erased cases are never touched again. Safe with several workers (row locks, skip locked).
 */
@Injectable()
export class RetentionSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionSweep.name);
  private timers: NodeJS.Timeout[] = [];
  private running?: Promise<SweepResult>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly eraser: DetentionEraser,
    private readonly histories: WorkflowHistoryEraser,
  ) {}

  onApplicationBootstrap(): void {
    const interval = durationMs(this.config.RETENTION_SWEEP_INTERVAL);
    this.timers = [
      setTimeout(() => void this.tick(), Math.min(FIRST_SWEEP_MS, interval)),
      setInterval(() => void this.tick(), interval),
    ];
    for (const timer of this.timers) timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    await this.running?.catch(() => undefined);
  }

  private async tick() {
    if (this.running) return;
    this.running = this.sweep();
    try {
      const { erased, waiting, historiesDeleted } = await this.running;
      if (erased || waiting || historiesDeleted) {
        this.logger.log(
          `retention: ${erased} case(s) erased, ${historiesDeleted} history(ies) deleted, ${waiting} waiting`,
        );
      }
    } catch (error) {
      // The message of a database or Temporal error, never a row: it holds no personal data.
      this.logger.error(`retention sweep failed: ${(error as Error).message}`);
    } finally {
      this.running = undefined;
    }
  }

  /** One sweep as of `now`: erases what is due, then finishes the Temporal part of every erasure. */
  async sweep(now = new Date()): Promise<SweepResult> {
    const period = this.config.RETENTION_PERIOD;
    const today = amsterdamDate(now.getTime());
    const result: SweepResult = { erased: 0, waiting: 0, historiesDeleted: 0 };
    for (let after = ''; ;) {
      const batch = await this.candidates(today, after);
      for (const candidate of batch) {
        const due = retentionDue(candidate, period);
        if (!due || due.dueDate > today) continue;
        // A run still going could project personal data again after the erasure: wait until it has closed.
        if (await this.histories.isRunning(candidate.workflowId)) {
          result.waiting++;
          continue;
        }
        if (await this.eraser.erase(candidate.id, due, period, now)) result.erased++;
      }
      if (batch.length < BATCH) break;
      after = batch[batch.length - 1].id;
    }
    for (const erasure of await this.pendingHistories()) {
      if (await this.histories.erase(erasure)) result.historiesDeleted++;
    }
    return result;
  }

  /** Closed, not yet erased cases whose period has passed by `today` (the rule itself decides, per case). */
  private candidates(today: CalendarDate, after: string): Promise<Candidate[]> {
    const { months, days } = parseRetentionPeriod(this.config.RETENTION_PERIOD);
    return this.dataSource.query(
      `SELECT id, workflow_id AS "workflowId", phase, actual_release_date AS "actualReleaseDate",
              ended_reason AS "endedReason", ended_date AS "endedDate", closed_date AS "closedDate"
       FROM detentions
       WHERE phase = 'closed' AND erased_at IS NULL AND closed_date IS NOT NULL AND id::text > $4
         AND (COALESCE(actual_release_date, ended_date, closed_date) + make_interval(months => $1, days => $2))::date
             <= $3::date
       ORDER BY id::text LIMIT ${BATCH}`,
      [months, days, today, after],
    );
  }

  private pendingHistories(): Promise<PendingErasure[]> {
    return this.dataSource.query(
      `SELECT id, workflow_id AS "workflowId" FROM erasures WHERE temporal_erased_at IS NULL ORDER BY erased_at LIMIT 500`,
    );
  }
}
