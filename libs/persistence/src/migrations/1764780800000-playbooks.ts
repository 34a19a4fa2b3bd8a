import { DEFAULT_PLAYBOOK_V1, DEFAULT_PLAYBOOK_V2 } from '@terugkeer/domain';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Playbooks as versioned data (issue 12): a playbook and its numbered versions, each definition as jsonb, seeded
 * with the versions the code knows (1 and 2) so that data and code agree. A version is used once any detention
 * names it (playbook_id, playbook_version): a trigger on detentions records the first use in `used_at`, and a
 * used version can be neither changed nor deleted. Which version an intake gets is still the code's choice.
 */
export class Playbooks1764780800000 implements MigrationInterface {
  name = 'Playbooks1764780800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE playbooks (
        id text PRIMARY KEY,
        title text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL
      );
      CREATE TABLE playbook_versions (
        playbook_id text NOT NULL REFERENCES playbooks (id),
        version integer NOT NULL CHECK (version > 0),
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        used_at timestamptz,
        PRIMARY KEY (playbook_id, version),
        CHECK (definition ->> 'id' = playbook_id AND (definition ->> 'version')::integer = version)
      );

      CREATE FUNCTION playbook_version_used() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE playbook_versions SET used_at = now()
          WHERE playbook_id = NEW.playbook_id AND version = NEW.playbook_version AND used_at IS NULL;
        RETURN NULL;
      END $$;
      CREATE TRIGGER detentions_playbook_used AFTER INSERT ON detentions
        FOR EACH ROW EXECUTE FUNCTION playbook_version_used();

      CREATE FUNCTION playbook_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.used_at IS NOT NULL AND (TG_OP = 'DELETE' OR NEW.definition IS DISTINCT FROM OLD.definition) THEN
          RAISE EXCEPTION 'playbook % version % is in use and cannot be changed', OLD.playbook_id, OLD.version
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$;
      CREATE TRIGGER playbook_versions_immutable BEFORE UPDATE OR DELETE ON playbook_versions
        FOR EACH ROW EXECUTE FUNCTION playbook_version_immutable();
    `);
    await q.query(`INSERT INTO playbooks (id, title, created_by) VALUES ($1, $2, 'terugkeer')`, [
      DEFAULT_PLAYBOOK_V1.id,
      DEFAULT_PLAYBOOK_V1.title,
    ]);
    for (const playbook of [DEFAULT_PLAYBOOK_V1, DEFAULT_PLAYBOOK_V2]) {
      await q.query(
        `INSERT INTO playbook_versions (playbook_id, version, definition, created_by, used_at)
         VALUES ($1, $2, $3::jsonb, 'terugkeer',
           (SELECT min(registered_at) FROM detentions WHERE playbook_id = $1 AND playbook_version = $2))`,
        [playbook.id, playbook.version, JSON.stringify(playbook)],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER detentions_playbook_used ON detentions;
      DROP TABLE playbook_versions;
      DROP TABLE playbooks;
      DROP FUNCTION playbook_version_used();
      DROP FUNCTION playbook_version_immutable();
    `);
  }
}
