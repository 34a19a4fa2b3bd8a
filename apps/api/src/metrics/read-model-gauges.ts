import { intakeBacklog } from '@terugkeer/intake';
import { Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/**
 * The gauges read from PostgreSQL when Prometheus scrapes: each one query on a partial index (only the rows that
 * are a problem are in it), so a scrape costs the same at 300 detentions as at 300,000. Labels are states and
 * partner ids (organisations, from the registry), never anything about a person.
 */
export class ReadModelGauges {
  private readonly backlog: Gauge<'state'>;
  private readonly projectionLag: Gauge;
  private readonly deadLetters: Gauge;
  private readonly oldestDeadLetter: Gauge;
  private readonly deliveryFailures: Gauge<'partner' | 'delivery'>;
  private readonly databaseUp: Gauge;

  constructor(
    private readonly dataSource: DataSource,
    registry: Registry,
  ) {
    const registers = [registry];
    this.backlog = new Gauge({
      name: 'terugkeer_intake_relay_backlog',
      help: 'Accepted intakes without their workflow: waiting for the relay (past its grace), or refused by Temporal',
      labelNames: ['state'],
      registers,
    });
    this.projectionLag = new Gauge({
      name: 'terugkeer_projection_lag_seconds',
      help: 'Age of the oldest started workflow whose first projection has not reached the read models (0: none)',
      registers,
    });
    this.deadLetters = new Gauge({
      name: 'terugkeer_projection_dead_letters_open',
      help: 'Parts of projection batches the read models refused and nobody has resolved yet',
      registers,
    });
    this.oldestDeadLetter = new Gauge({
      name: 'terugkeer_projection_dead_letter_age_seconds',
      help: 'Age of the oldest unresolved projection dead letter (0: none)',
      registers,
    });
    this.deliveryFailures = new Gauge({
      name: 'terugkeer_partner_delivery_failures',
      help: 'Partner requests whose webhook delivery failed (outage past the escalation) or was rejected (a 4xx)',
      labelNames: ['partner', 'delivery'],
      registers,
    });
    this.databaseUp = new Gauge({
      name: 'terugkeer_read_models_up',
      help: '1 when the last scrape could read the gauges from PostgreSQL, 0 when it could not',
      registers,
    });
  }

  /** Reads every gauge afresh; when PostgreSQL does not answer, says so and drops values that would be stale. */
  async refresh(): Promise<void> {
    try {
      const [backlog, lag, letters, failures] = await Promise.all([
        intakeBacklog(this.dataSource),
        this.dataSource.query(
          `SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(workflow_started_at)), 0)::float8 AS seconds
           FROM detentions WHERE projected_seq = 0 AND workflow_started_at IS NOT NULL`,
        ) as Promise<{ seconds: number }[]>,
        this.dataSource.query(
          `SELECT count(*)::int AS open, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS seconds
           FROM projection_dead_letters WHERE resolved_at IS NULL`,
        ) as Promise<{ open: number; seconds: number }[]>,
        this.dataSource.query(
          `SELECT partner_id, delivery, count(*)::int AS n FROM requests
           WHERE delivery IN ('failed', 'rejected') GROUP BY partner_id, delivery`,
        ) as Promise<{ partner_id: string; delivery: string; n: number }[]>,
      ]);
      this.backlog.set({ state: 'waiting' }, backlog.waiting);
      this.backlog.set({ state: 'refused' }, backlog.refused);
      this.projectionLag.set(lag[0].seconds);
      this.deadLetters.set(letters[0].open);
      this.oldestDeadLetter.set(letters[0].seconds);
      this.deliveryFailures.reset();
      for (const row of failures) this.deliveryFailures.set({ partner: row.partner_id, delivery: row.delivery }, row.n);
      this.databaseUp.set(1);
    } catch {
      for (const gauge of [this.backlog, this.projectionLag, this.deadLetters, this.oldestDeadLetter]) gauge.reset();
      this.deliveryFailures.reset();
      this.databaseUp.set(0);
    }
  }
}
