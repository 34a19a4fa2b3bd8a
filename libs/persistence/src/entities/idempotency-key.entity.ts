import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An `Idempotency-Key` of a registration: same key + same body → same detention. */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  @PrimaryColumn() scope: string;
  @PrimaryColumn() key: string;
  @Column({ name: 'request_hash' }) requestHash: string;
  @Column({ name: 'detention_id', type: 'uuid' }) detentionId: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
