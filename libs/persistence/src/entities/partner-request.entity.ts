import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The partner request ledger. The workflow creates rows and withdraws them; the partner-facing status
 * (received … completed) is written by the API when a partner answers, under a row lock.
 */
@Entity('requests')
export class PartnerRequestEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'detention_id', type: 'uuid' }) detentionId: string;
  @Column({ name: 'step_instance_id' }) stepInstanceId: string;
  @Column() type: string;
  @Column() recipient: string;
  @Column({ name: 'routed_to' }) routedTo: string;
  @Column({ name: 'partner_id' }) partnerId: string;
  @Column() government: boolean;
  @Column() status: string;
  @Column({ name: 'due_date', type: 'date', nullable: true }) dueDate: string | null;
  @Column({ type: 'jsonb' }) data: Record<string, unknown>;
  @Column({ name: 'sent_at', type: 'timestamptz' }) sentAt: Date;
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true }) acknowledgedAt: Date | null;
  @Column({ name: 'chased_at', type: 'timestamptz', nullable: true }) chasedAt: Date | null;
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true }) escalatedAt: Date | null;
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt: Date | null;
  @Column({ name: 'withdraw_reason', type: 'text', nullable: true }) withdrawReason: string | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ type: 'text', nullable: true }) reference: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  /** inbox, pending (webhook not yet accepted), delivered, rejected (4xx), failed (outage). */
  @Column() delivery: string;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt: Date | null;
  @Column({ name: 'delivery_error', type: 'text', nullable: true }) deliveryError: string | null;
  @Column({ type: 'jsonb' }) deadlines: { name: string; dueDate: string; state: string; at: string | null }[];
  @Column({ name: 'disclosed_fields', type: 'text', array: true }) disclosedFields: string[];
  @Column({ name: 'disclosure_basis', type: 'text', nullable: true }) disclosureBasis: string | null;
  /** Aftercare ended while the service goes on: the partner was told coordination ended. */
  @Column({ name: 'coordination_ended_at', type: 'timestamptz', nullable: true }) coordinationEndedAt: Date | null;
  /** Closed before the detainee withdrew consent: the partner was told to stop processing what it holds. */
  @Column({ name: 'consent_withdrawn_at', type: 'timestamptz', nullable: true }) consentWithdrawnAt: Date | null;
  @Column({ type: 'integer' }) version: number;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
