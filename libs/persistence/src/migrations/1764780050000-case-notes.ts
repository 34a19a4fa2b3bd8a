import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case notes (CONTRACT.md v1.1): append-only. A trigger refuses DELETE, TRUNCATE and every UPDATE except the one an
 * erasure makes (text and author name emptied, `erased_at` set, nothing else changed); no cascade from detentions.
 */
export class CaseNotes1764780050000 implements MigrationInterface {
  name = 'CaseNotes1764780050000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_notes (
        id uuid PRIMARY KEY,
        detention_id uuid NOT NULL REFERENCES detentions (id),
        text text,
        author_sub text NOT NULL,
        author_role text NOT NULL,
        author_org text NOT NULL,
        author_name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz,
        CONSTRAINT case_notes_text_or_erased CHECK ((text IS NULL) = (erased_at IS NOT NULL))
      );
      CREATE INDEX case_notes_detention ON case_notes (detention_id, created_at);

      CREATE FUNCTION case_notes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL AND NEW.text IS NULL
           AND NEW.author_name IS NULL AND NEW.id = OLD.id AND NEW.detention_id = OLD.detention_id
           AND NEW.author_sub = OLD.author_sub AND NEW.author_role = OLD.author_role
           AND NEW.author_org = OLD.author_org AND NEW.created_at = OLD.created_at THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'case_notes is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER case_notes_append_only BEFORE UPDATE OR DELETE ON case_notes
        FOR EACH ROW EXECUTE FUNCTION case_notes_append_only();
      CREATE TRIGGER case_notes_no_truncate BEFORE TRUNCATE ON case_notes
        FOR EACH STATEMENT EXECUTE FUNCTION case_notes_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE case_notes;
      DROP FUNCTION case_notes_append_only();
    `);
  }
}
