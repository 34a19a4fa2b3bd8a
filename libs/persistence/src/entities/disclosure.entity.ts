import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One disclosure of personal data to a partner: what, to whom, when, on which basis. */
@Entity('disclosures')
export class DisclosureEntity {
  @PrimaryColumn() key: string;
  @Column({ name: 'detention_id', type: 'uuid' }) detentionId: string;
  @Column({ name: 'request_id', type: 'uuid' }) requestId: string;
  @Column({ name: 'partner_id' }) partnerId: string;
  @Column() event: string;
  @Column({ type: 'text', array: true }) fields: string[];
  @Column() basis: string;
  @Column({ name: 'disclosed_at', type: 'timestamptz' }) disclosedAt: Date;
}
