import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How many hash chains the audit log has at most: a writer takes the lowest one no other writer holds. */
export const AUDIT_CHAINS = 16;

/**
 * The audit log in several hash chains instead of one (issue 11, item 3). One chain needed one lock, so every
 * audited read of the API waited for every other one. Now each row carries its `chain` (0 for every row written
 * before); `audit_append` takes the lowest chain whose lock is free (`pg_try_advisory_xact_lock`) and links the
 * row to that chain's newest row, so concurrent writers each extend their own chain and a quiet system keeps
 * writing chain 0. Within a chain sequence order and chain order stay the same (the sequence number is taken
 * under the chain's lock); the hash formula is unchanged, each chain starts at 'genesis', and `audit:verify`
 * walks every chain. Only when all chains are held does a writer wait, for the chain its connection maps to.
 */
export class AuditChains1764780600000 implements MigrationInterface {
  name = 'AuditChains1764780600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_log ADD COLUMN chain smallint NOT NULL DEFAULT 0;
      CREATE INDEX audit_log_chain ON audit_log (chain, seq);

      CREATE OR REPLACE FUNCTION audit_append(p_at timestamptz, p_actor text, p_role text, p_org text, p_action text,
                                              p_detentions uuid[], p_entry text) RETURNS bigint
      LANGUAGE plpgsql AS $$
      DECLARE
        previous text;
        next_seq bigint;
        c smallint := NULL;
      BEGIN
        FOR i IN 0..${AUDIT_CHAINS - 1} LOOP
          IF pg_try_advisory_xact_lock(7412094, i) THEN
            c := i;
            EXIT;
          END IF;
        END LOOP;
        IF c IS NULL THEN
          c := pg_backend_pid() % ${AUDIT_CHAINS};
          PERFORM pg_advisory_xact_lock(7412094, c);
        END IF;
        SELECT hash INTO previous FROM audit_log WHERE chain = c ORDER BY seq DESC LIMIT 1;
        previous := coalesce(previous, 'genesis');
        next_seq := nextval('audit_log_seq');
        INSERT INTO audit_log (seq, chain, at, actor, role, org, action, detention_ids, entry, prev_hash, hash)
        VALUES (next_seq, c, p_at, p_actor, p_role, p_org, p_action, p_detentions, p_entry, previous,
                encode(sha256(convert_to(previous || '|' || next_seq || '|' || p_entry, 'UTF8')), 'hex'));
        RETURN next_seq;
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // Back to one chain: only correct while every row is still in chain 0.
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_append(p_at timestamptz, p_actor text, p_role text, p_org text, p_action text,
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
      DROP INDEX audit_log_chain;
      ALTER TABLE audit_log DROP COLUMN chain;
    `);
  }
}
