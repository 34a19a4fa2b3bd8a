import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the readiness lists and the search in every list: upcoming releases per scope (prison, municipality,
 * probation, or all) ordered by the expected release date, the tasks a person holds ("mine"), and trigram
 * indexes for a case-insensitive search on part of the name or the case reference. pg_trgm ships with PostgreSQL
 * and is a trusted extension; where it cannot be created the search still works, unindexed.
 */
export class ReadinessSearch1764780000000 implements MigrationInterface {
  name = 'ReadinessSearch1764780000000';

  async up(q: QueryRunner): Promise<void> {
    const upcoming = `WHERE phase = 'detained' AND erased_at IS NULL AND actual_release_date IS NULL`;
    await q.query(`
      CREATE INDEX detentions_upcoming ON detentions (expected_release_date) ${upcoming};
      CREATE INDEX detentions_upcoming_prison ON detentions (prison, expected_release_date) ${upcoming};
      CREATE INDEX detentions_upcoming_municipality ON detentions (municipality, expected_release_date) ${upcoming};
      CREATE INDEX detentions_upcoming_probation ON detentions (probation, expected_release_date) ${upcoming};
      CREATE INDEX tasks_claimed_by ON tasks (claimed_by) WHERE claimed_by IS NOT NULL;
      CREATE INDEX tasks_completed_by ON tasks (completed_by) WHERE completed_by IS NOT NULL;
    `);
    await q.query(`
      DO $$
      BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
      EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm not available: the name and case reference search runs without an index';
      END $$;
    `);
    const [{ trgm }] = (await q.query(
      `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') AS trgm`,
    )) as { trgm: boolean }[];
    if (trgm) {
      await q.query(`
        CREATE INDEX detentions_person_name_trgm ON detentions USING gin (person_name gin_trgm_ops);
        CREATE INDEX detentions_case_reference_trgm ON detentions USING gin (case_reference gin_trgm_ops);
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    // The extension stays: other database objects may use it.
    await q.query(`
      DROP INDEX IF EXISTS detentions_person_name_trgm;
      DROP INDEX IF EXISTS detentions_case_reference_trgm;
      DROP INDEX detentions_upcoming;
      DROP INDEX detentions_upcoming_prison;
      DROP INDEX detentions_upcoming_municipality;
      DROP INDEX detentions_upcoming_probation;
      DROP INDEX tasks_claimed_by;
      DROP INDEX tasks_completed_by;
    `);
  }
}
