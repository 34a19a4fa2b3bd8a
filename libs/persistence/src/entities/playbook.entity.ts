import type { Playbook } from '@terugkeer/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A playbook: the process one or more municipalities follow, in numbered versions. */
@Entity('playbooks')
export class PlaybookEntity {
  @PrimaryColumn() id: string;
  @Column() title: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'created_by' }) createdBy: string;
}

/** One version of a playbook: its whole definition, immutable once a detention uses it (`usedAt`). */
@Entity('playbook_versions')
export class PlaybookVersionEntity {
  @PrimaryColumn({ name: 'playbook_id' }) playbookId: string;
  @PrimaryColumn({ type: 'integer' }) version: number;
  @Column({ type: 'jsonb' }) definition: Playbook;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'created_by' }) createdBy: string;
  /** When a detention first named this version (set by a trigger on detentions); null while unused. */
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt: Date | null;
}
