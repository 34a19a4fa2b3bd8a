import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A human task (projected from the workflow, which owns it). */
@Entity('tasks')
export class TaskEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'detention_id', type: 'uuid' }) detentionId: string;
  @Column({ name: 'step_instance_id', type: 'text', nullable: true }) stepInstanceId: string | null;
  @Column() type: string;
  @Column() role: string;
  @Column() org: string;
  @Column() title: string;
  @Column({ name: 'due_date', type: 'date', nullable: true }) dueDate: string | null;
  @Column() status: string;
  @Column({ name: 'claimed_by', type: 'text', nullable: true }) claimedBy: string | null;
  @Column({ type: 'text', nullable: true }) outcome: string | null;
  @Column({ type: 'jsonb', nullable: true }) data: Record<string, unknown> | null;
  @Column({ type: 'jsonb', nullable: true }) context: Record<string, unknown> | null;
  @Column({ type: 'integer' }) version: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ name: 'completed_by', type: 'text', nullable: true }) completedBy: string | null;
  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true }) remindedAt: Date | null;
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true }) escalatedAt: Date | null;
}
