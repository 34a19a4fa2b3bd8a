import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which rules a detention follows — detentions registered before the rules at the edges keep the old ones (false),
 * new ones follow them (the default from now on) — and when the partner of a request it had already closed was
 * told that the detainee withdrew consent.
 */
export class DetentionRules1764417600000 implements MigrationInterface {
  name = 'DetentionRules1764417600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE detentions ADD COLUMN IF NOT EXISTS edge_rules boolean NOT NULL DEFAULT false;
      ALTER TABLE detentions ALTER COLUMN edge_rules SET DEFAULT true;
      ALTER TABLE requests ADD COLUMN IF NOT EXISTS consent_withdrawn_at timestamptz;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE detentions DROP COLUMN edge_rules;
      ALTER TABLE requests DROP COLUMN consent_withdrawn_at;
    `);
  }
}
