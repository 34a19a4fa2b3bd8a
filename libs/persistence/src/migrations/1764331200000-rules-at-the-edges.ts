import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rules at the edges: whether a detention follows them (those registered before do not: false; new ones do),
 * whether a release had a known address (a task for a first place to stay when not), and when a partner of an
 * accepted service was told that coordination ended.
 */
export class RulesAtTheEdges1764331200000 implements MigrationInterface {
  name = 'RulesAtTheEdges1764331200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE detentions ADD COLUMN release_address_known boolean;
      ALTER TABLE detentions ADD COLUMN edge_rules boolean NOT NULL DEFAULT false;
      ALTER TABLE detentions ALTER COLUMN edge_rules SET DEFAULT true;
      ALTER TABLE requests ADD COLUMN coordination_ended_at timestamptz;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE detentions DROP COLUMN release_address_known, DROP COLUMN edge_rules;
      ALTER TABLE requests DROP COLUMN coordination_ended_at;
    `);
  }
}
