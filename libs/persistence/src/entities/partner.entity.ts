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
  /** The current secret, encrypted (see PartnerSecrets); signs webhooks and the partner's answers. */
  @Column({ name: 'secret_ciphertext', type: 'text', nullable: true }) secretCiphertext: string | null;
  /** During a rotation, the previous secret stays valid until `previousSecretExpiresAt`. */
  @Column({ name: 'previous_secret_ciphertext', type: 'text', nullable: true }) previousSecretCiphertext: string | null;
  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt: Date | null;
  @Column({ name: 'secret_rotated_at', type: 'timestamptz', nullable: true }) secretRotatedAt: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
