import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One step instance of a detention's plan, as the planner last computed it. */
@Entity('detention_steps')
export class DetentionStepEntity {
  @PrimaryColumn({ name: 'detention_id', type: 'uuid' }) detentionId: string;
  @PrimaryColumn({ name: 'instance_id' }) instanceId: string;
  @Column({ name: 'step_id' }) stepId: string;
  @Column({ type: 'integer' }) occurrence: number;
  @Column() kind: string;
  @Column() title: string;
  @Column() rule: string;
  @Column() state: string;
  @Column({ name: 'planned_date', type: 'date', nullable: true }) plannedDate: string | null;
  @Column({ name: 'due_date', type: 'date', nullable: true }) dueDate: string | null;
  @Column({ name: 'fire_at', type: 'timestamptz', nullable: true }) fireAt: Date | null;
  @Column() late: boolean;
  @Column({ name: 'waiting_for', type: 'text', nullable: true }) waitingFor: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ name: 'fired_at', type: 'timestamptz', nullable: true }) firedAt: Date | null;
  @Column({ type: 'integer' }) position: number;
}
