import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Parts of projection batches the read models refused (a value PostgreSQL would not store): which part of which
 * batch and why — an SQLSTATE, a constraint or a column, never the values. The case goes on without them; the
 * full batch stays in the workflow's (encrypted) history for whoever repairs it.
 */
export class ProjectionDeadLetters1764686400000 implements MigrationInterface {
  name = 'ProjectionDeadLetters1764686400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projection_dead_letters (
        detention_id uuid NOT NULL,
        seq integer NOT NULL,
        kind text NOT NULL,
        item_key text NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        PRIMARY KEY (detention_id, seq, kind, item_key)
      );
      CREATE INDEX projection_dead_letters_open ON projection_dead_letters (created_at) WHERE resolved_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE projection_dead_letters');
  }
}
