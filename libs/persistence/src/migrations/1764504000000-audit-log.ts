import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log: who read or changed which personal data, and every disclosure attempt. Append-only (a trigger
 * refuses UPDATE, DELETE and TRUNCATE; no foreign key, so nothing cascades) and hash-chained: each row's hash
 * covers the previous row's hash, its sequence number and its canonical entry, so `npm run audit:verify` detects
 * an altered or removed row. Rows are appended by `audit_append`, which serialises writers with an advisory lock
 * so that sequence order and chain order are the same. The disclosure log loses its cascade too.
 */
export class AuditLog1764504000000 implements MigrationInterface {
  name = 'AuditLog1764504000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE SEQUENCE audit_log_seq;
      CREATE TABLE audit_log (
        seq bigint PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        role text NOT NULL,
        org text NOT NULL,
        action text NOT NULL,
        detention_ids uuid[] NOT NULL,
        entry text NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL
      );
      CREATE INDEX audit_log_detentions ON audit_log USING gin (detention_ids);
      CREATE INDEX audit_log_at ON audit_log (at);

      CREATE FUNCTION audit_append(p_at timestamptz, p_actor text, p_role text, p_org text, p_action text,
                                   p_detentions uuid[], p_entry text) RETURNS bigint
      LANGUAGE plpgsql AS $$
      DECLARE
        previous text;
        next_seq bigint;
      BEGIN
        PERFORM pg_advisory_xact_lock(7412094);
        SELECT hash INTO previous FROM audit_log ORDER BY seq DESC LIMIT 1;
        previous := coalesce(previous, 'genesis');
        next_seq := nextval('audit_log_seq');
        INSERT INTO audit_log (seq, at, actor, role, org, action, detention_ids, entry, prev_hash, hash)
        VALUES (next_seq, p_at, p_actor, p_role, p_org, p_action, p_detentions, p_entry, previous,
                encode(sha256(convert_to(previous || '|' || next_seq || '|' || p_entry, 'UTF8')), 'hex'));
        RETURN next_seq;
      END $$;

      CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

      ALTER TABLE disclosures DROP CONSTRAINT IF EXISTS disclosures_detention_id_fkey;
      CREATE TRIGGER disclosures_append_only BEFORE UPDATE OR DELETE ON disclosures
        FOR EACH ROW EXECUTE FUNCTION audit_append_only();
      CREATE TRIGGER disclosures_no_truncate BEFORE TRUNCATE ON disclosures
        FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER disclosures_append_only ON disclosures;
      DROP TRIGGER disclosures_no_truncate ON disclosures;
      DROP TABLE audit_log;
      DROP FUNCTION audit_append_only();
      DROP FUNCTION audit_append(timestamptz, text, text, text, text, uuid[], text);
      DROP SEQUENCE audit_log_seq;
    `);
  }
}
