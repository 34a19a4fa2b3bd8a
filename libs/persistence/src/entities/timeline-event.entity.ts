import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('timeline_events')
export class TimelineEventEntity {
  @PrimaryColumn({ name: 'detention_id', type: 'uuid' }) detentionId: string;
  @PrimaryColumn({ type: 'integer' }) seq: number;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column() type: string;
  @Column() summary: string;
  @Column({ name: 'actor_kind' }) actorKind: string;
  @Column({ name: 'actor_id', type: 'text', nullable: true }) actorId: string | null;
  @Column({ name: 'actor_label' }) actorLabel: string;
  @Column({ name: 'step_instance_id', type: 'text', nullable: true }) stepInstanceId: string | null;
  @Column({ name: 'task_id', type: 'uuid', nullable: true }) taskId: string | null;
  @Column({ name: 'request_id', type: 'uuid', nullable: true }) requestId: string | null;
  @Column({ type: 'jsonb', nullable: true }) data: Record<string, unknown> | null;
}
