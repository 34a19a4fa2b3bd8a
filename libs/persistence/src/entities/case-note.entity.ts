import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A case note: what a casemanager, coordinator, probation officer or supervisor wrote about a detention. Append-only
 * (no edit, no delete; a trigger enforces it); never sent to partners. An erasure (retention) empties its text and
 * the author's display name and keeps the row for the record.
 */
@Entity('case_notes')
export class CaseNoteEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'detention_id', type: 'uuid' }) detentionId: string;
  /** null once erased. */
  @Column({ type: 'text', nullable: true }) text: string | null;
  @Column({ name: 'author_sub' }) authorSub: string;
  @Column({ name: 'author_role' }) authorRole: string;
  @Column({ name: 'author_org' }) authorOrg: string;
  /** The `name` claim of the author's token, when it carried one. */
  @Column({ name: 'author_name', type: 'text', nullable: true }) authorName: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true }) erasedAt: Date | null;
}
