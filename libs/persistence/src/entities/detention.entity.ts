import type { ConditionStatuses, Consent, Needs } from '@terugkeer/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One detention as people read it. Written by registration (API) and by projections (worker). */
@Entity('detentions')
export class DetentionEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'workflow_id' }) workflowId: string;
  @Column() prison: string;
  @Column() municipality: string;
  @Column() probation: string;
  @Column() phase: string;
  // The person. NULL once the case is erased (`erasedAt`): typed as always present because every read of a case
  // (detentionScope) leaves erased ones out; only the dashboard's anonymous figures still count them.
  @Column({ name: 'person_name', type: 'text', nullable: true }) personName: string;
  @Column({ name: 'person_bsn', type: 'text', nullable: true }) personBsn: string;
  /** Keyed hash of the BSN: finds a person's earlier detentions without searching on the BSN itself. */
  @Column({ name: 'person_key', type: 'text', nullable: true }) personKey: string;
  @Column({ name: 'person_date_of_birth', type: 'date', nullable: true }) personDateOfBirth: string;
  @Column({ type: 'jsonb' }) casemanager: { name: string; email: string; phone: string };
  @Column({ name: 'intake_date', type: 'date' }) intakeDate: string;
  @Column({ name: 'expected_release_date', type: 'date', nullable: true }) expectedReleaseDate: string | null;
  @Column({ name: 'actual_release_date', type: 'date', nullable: true }) actualReleaseDate: string | null;
  @Column({ name: 'release_address_known', type: 'boolean', nullable: true }) releaseAddressKnown: boolean | null;
  /** Follows DOMAIN.md's rules at the edges: every detention registered since them (its workflow says so). */
  @Column({ name: 'edge_rules', type: 'boolean', default: true }) edgeRules: boolean;
  @Column({ name: 'screening_completed_date', type: 'date', nullable: true }) screeningCompletedDate: string | null;
  @Column({ name: 'id_document_expiry', type: 'date', nullable: true }) idDocumentExpiry: string | null;
  @Column({ type: 'jsonb' }) needs: Needs;
  @Column({ type: 'jsonb' }) consent: Consent;
  @Column({ type: 'jsonb' }) measurements: Partial<Record<string, ConditionStatuses>>;
  @Column({ name: 'ended_reason', type: 'text', nullable: true }) endedReason: string | null;
  @Column({ name: 'ended_date', type: 'date', nullable: true }) endedDate: string | null;
  @Column({ name: 'closed_reason', type: 'text', nullable: true }) closedReason: string | null;
  @Column({ name: 'closed_date', type: 'date', nullable: true }) closedDate: string | null;
  @Column({ name: 'case_reference', type: 'text', nullable: true }) caseReference: string | null;
  @Column({ name: 'playbook_id' }) playbookId: string;
  @Column({ name: 'playbook_version', type: 'integer' }) playbookVersion: number;
  @Column({ name: 'previous_detention_id', type: 'uuid', nullable: true }) previousDetentionId: string | null;
  @Column({ name: 'registered_by' }) registeredBy: string;
  @Column({ name: 'registered_at', type: 'timestamptz' }) registeredAt: Date;
  @Column({ name: 'workflow_started_at', type: 'timestamptz', nullable: true }) workflowStartedAt: Date | null;
  /** While not started: the last attempt, its error, and when Temporal refused the start for good (if it did). */
  @Column({ name: 'workflow_start_attempted_at', type: 'timestamptz', nullable: true })
  workflowStartAttemptedAt: Date | null;
  @Column({ name: 'workflow_start_error', type: 'text', nullable: true }) workflowStartError: string | null;
  @Column({ name: 'workflow_start_refused_at', type: 'timestamptz', nullable: true })
  workflowStartRefusedAt: Date | null;
  @Column({ name: 'projected_seq', type: 'integer' }) projectedSeq: number;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  /** When the retention sweep erased the person's data (see `erasures`); erased cases are out of every read. */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true }) erasedAt: Date | null;
}
