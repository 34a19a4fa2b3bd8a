import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Every answer a partner sent, with what it did (applied, duplicate, stale, after withdrawal). */
@Entity('request_responses')
export class RequestResponseEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'request_id', type: 'uuid' }) requestId: string;
  @Column({ name: 'partner_id' }) partnerId: string;
  @Column() status: string;
  @Column() verdict: string;
  @Column({ type: 'text', nullable: true }) reference: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
}
