import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Partner secrets (encrypted, rotatable), webhook delivery state and deadlines of requests, the disclosure log. */
export class PartnerDelivery1764158400000 implements MigrationInterface {
  name = 'PartnerDelivery1764158400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE partners
        ADD COLUMN secret_ciphertext text,
        ADD COLUMN previous_secret_ciphertext text,
        ADD COLUMN previous_secret_expires_at timestamptz,
        ADD COLUMN secret_rotated_at timestamptz;

      ALTER TABLE requests
        ADD COLUMN delivery text NOT NULL DEFAULT 'inbox',
        ADD COLUMN delivered_at timestamptz,
        ADD COLUMN delivery_error text,
        ADD COLUMN deadlines jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN disclosed_fields text[] NOT NULL DEFAULT '{}',
        ADD COLUMN disclosure_basis text;
      CREATE INDEX requests_delivery ON requests (delivery) WHERE delivery IN ('pending', 'failed', 'rejected');

      CREATE TABLE disclosures (
        key text PRIMARY KEY,
        detention_id uuid NOT NULL REFERENCES detentions (id) ON DELETE CASCADE,
        request_id uuid NOT NULL,
        partner_id text NOT NULL,
        event text NOT NULL,
        fields text[] NOT NULL,
        basis text NOT NULL,
        disclosed_at timestamptz NOT NULL
      );
      CREATE INDEX disclosures_detention ON disclosures (detention_id, disclosed_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE disclosures;
      ALTER TABLE requests DROP COLUMN delivery, DROP COLUMN delivered_at, DROP COLUMN delivery_error,
        DROP COLUMN deadlines, DROP COLUMN disclosed_fields, DROP COLUMN disclosure_basis;
      ALTER TABLE partners DROP COLUMN secret_ciphertext, DROP COLUMN previous_secret_ciphertext,
        DROP COLUMN previous_secret_expires_at, DROP COLUMN secret_rotated_at;
    `);
  }
}
