import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How the start of a detention's workflow went, while it has not started: the last attempt and its error and,
 * when Temporal refused the start for good (a value it will never take, a workflow id taken by another
 * workflow), when that was decided — the relay then leaves the row alone, /health lists it and the prison's
 * mailboxes hear of it. The errors are Temporal's answers: no personal data.
 */
export class WorkflowStartFailures1764780300000 implements MigrationInterface {
  name = 'WorkflowStartFailures1764780300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE detentions
        ADD COLUMN workflow_start_attempted_at timestamptz,
        ADD COLUMN workflow_start_error text,
        ADD COLUMN workflow_start_refused_at timestamptz;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE detentions
        DROP COLUMN workflow_start_attempted_at,
        DROP COLUMN workflow_start_error,
        DROP COLUMN workflow_start_refused_at;
    `);
  }
}
