import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The e-mail outbox: one row per notification and recipient, unique by (event_key, recipient), so that a sweep
 * run twice, or by two workers, never mails the same event to the same mailbox twice. Rows hold case references,
 * links and counts only, never personal data.
 */
export class MailOutbox1764780200000 implements MigrationInterface {
  name = 'MailOutbox1764780200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mail_outbox (
        id uuid PRIMARY KEY,
        event_key text NOT NULL,
        recipient text NOT NULL,
        kind text NOT NULL,
        org text NOT NULL,
        detention_ids uuid[] NOT NULL DEFAULT '{}',
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        sent_at timestamptz,
        last_error text,
        CONSTRAINT mail_outbox_once UNIQUE (event_key, recipient)
      );
      CREATE INDEX mail_outbox_pending ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE mail_outbox');
  }
}
