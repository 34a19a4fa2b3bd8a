import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The detentions whose workflow has started but whose first projection batch has not arrived: the projection lag
 * that the API's metrics report at every scrape. Partial, so it holds only the few rows in flight.
 */
export class ProjectionLagIndex1764780500000 implements MigrationInterface {
  name = 'ProjectionLagIndex1764780500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX detentions_unprojected ON detentions (workflow_started_at)
        WHERE projected_seq = 0 AND workflow_started_at IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX detentions_unprojected');
  }
}
