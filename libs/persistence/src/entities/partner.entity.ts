import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A chain organisation in the registry: which request types it handles, for which municipalities. */
@Entity('partners')
export class PartnerEntity {
  @PrimaryColumn() id: string;
  @Column() name: string;
  @Column({ type: 'text', array: true }) types: string[];
  /** CBS codes served, or `*` for all. */
  @Column({ type: 'text', array: true }) municipalities: string[];
  @Column({ name: 'webhook_url', type: 'text', nullable: true }) webhookUrl: string | null;
  /** Government bodies may receive the BSN. */
  @Column() government: boolean;
  @Column() active: boolean;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
