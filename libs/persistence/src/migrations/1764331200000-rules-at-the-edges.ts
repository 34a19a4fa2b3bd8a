import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rules at the edges: whether a release had a known address (a task for a first place to stay when not), and
 * when a partner of an accepted service was told that coordination ended.
 */
export class RulesAtTheEdges1764331200000 implements MigrationInterface {
  name = 'RulesAtTheEdges1764331200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE detentions ADD COLUMN release_address_known boolean;
      ALTER TABLE requests ADD COLUMN coordination_ended_at timestamptz;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE detentions DROP COLUMN release_address_known;
      ALTER TABLE requests DROP COLUMN coordination_ended_at;
    `);
  }
}
