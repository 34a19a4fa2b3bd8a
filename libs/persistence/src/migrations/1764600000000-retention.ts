import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention and erasure: a detention whose retention period has passed keeps its anonymous columns (prison,
 * municipality, phase, dates, needs, measurements) for the figures, loses the person's name, BSN, BSN hash and
 * date of birth (so those may now be NULL), and is marked erased. `erasures` is the evidence: which case, when, on
 * which rule, what was removed, which Temporal runs were deleted. Its rows are never deleted (a trigger refuses);
 * an update only completes the Temporal part of an erasure.
 */
export class Retention1764600000000 implements MigrationInterface {
  name = 'Retention1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE detentions
        ADD COLUMN erased_at timestamptz,
        ALTER COLUMN person_name DROP NOT NULL,
        ALTER COLUMN person_bsn DROP NOT NULL,
        ALTER COLUMN person_key DROP NOT NULL,
        ALTER COLUMN person_date_of_birth DROP NOT NULL;
      CREATE INDEX detentions_retention ON detentions (closed_date) WHERE phase = 'closed' AND erased_at IS NULL;
      CREATE TABLE erasures (
        id uuid PRIMARY KEY,
        detention_id uuid NOT NULL UNIQUE,
        workflow_id text NOT NULL,
        case_reference text,
        prison text NOT NULL,
        municipality text NOT NULL,
        rule text NOT NULL,
        retention_period text NOT NULL,
        counted_from text NOT NULL,
        counted_from_date date NOT NULL,
        due_date date NOT NULL,
        erased_at timestamptz NOT NULL,
        removed jsonb NOT NULL,
        temporal_runs jsonb NOT NULL DEFAULT '[]',
        temporal_erased_at timestamptz
      );
      CREATE INDEX erasures_erased_at ON erasures (erased_at);
      CREATE INDEX erasures_temporal_pending ON erasures (erased_at) WHERE temporal_erased_at IS NULL;
      CREATE TRIGGER erasures_no_delete BEFORE DELETE ON erasures
        FOR EACH ROW EXECUTE FUNCTION audit_append_only();
      CREATE TRIGGER erasures_no_truncate BEFORE TRUNCATE ON erasures
        FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // Erased rows cannot get their personal data back: the NOT NULL constraints stay dropped.
    await q.query(`
      DROP TABLE erasures;
      DROP INDEX detentions_retention;
      ALTER TABLE detentions DROP COLUMN erased_at;
    `);
  }
}
