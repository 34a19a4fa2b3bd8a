import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Overdue follow-up of tasks: when the reminder went out, when the supervisor was flagged. */
export class TaskFollowUps1764244800000 implements MigrationInterface {
  name = 'TaskFollowUps1764244800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tasks ADD COLUMN reminded_at timestamptz, ADD COLUMN escalated_at timestamptz;
      CREATE INDEX tasks_escalated ON tasks (escalated_at) WHERE escalated_at IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks DROP COLUMN reminded_at, DROP COLUMN escalated_at`);
  }
}
