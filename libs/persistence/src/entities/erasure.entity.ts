import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What an erasure removed from one table: which fields (or whole rows), and how many rows it touched. */
export interface ErasedTable {
  table: string;
  fields: string[];
  /** `pseudonymised`: the fields were emptied and the rows kept for the figures; `deleted`: the rows are gone. */
  action: 'pseudonymised' | 'deleted';
  rows: number;
}

/** A Temporal run of the case's workflow deleted with its history. */
export interface ErasedRun {
  runId: string;
  status: string;
}

/**
 * The evidence of one erasure (DOMAIN.md, privacy: "with evidence of deletion"): which case, when, on which rule,
 * what was removed. Never deleted; `temporalErasedAt` is set once every run of the workflow is deleted.
 */
@Entity('erasures')
export class ErasureEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'detention_id', type: 'uuid' }) detentionId: string;
  @Column({ name: 'workflow_id' }) workflowId: string;
  @Column({ name: 'case_reference', type: 'text', nullable: true }) caseReference: string | null;
  @Column() prison: string;
  @Column() municipality: string;
  /** In words, e.g. `6 months after release (RETENTION_PERIOD=P6M)`. */
  @Column() rule: string;
  @Column({ name: 'retention_period' }) retentionPeriod: string;
  /** `release`, `ending` or `closing`: the date the period ran from. */
  @Column({ name: 'counted_from' }) countedFrom: string;
  @Column({ name: 'counted_from_date', type: 'date' }) countedFromDate: string;
  @Column({ name: 'due_date', type: 'date' }) dueDate: string;
  @Column({ name: 'erased_at', type: 'timestamptz' }) erasedAt: Date;
  @Column({ type: 'jsonb' }) removed: ErasedTable[];
  @Column({ name: 'temporal_runs', type: 'jsonb' }) temporalRuns: ErasedRun[];
  @Column({ name: 'temporal_erased_at', type: 'timestamptz', nullable: true }) temporalErasedAt: Date | null;
}
