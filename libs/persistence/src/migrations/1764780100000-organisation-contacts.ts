import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The contact registry (CONTRACT.md v1.1): functional mailboxes per organisation and role, for e-mail. */
export class OrganisationContacts1764780100000 implements MigrationInterface {
  name = 'OrganisationContacts1764780100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation_contacts (
        code text PRIMARY KEY,
        contacts jsonb NOT NULL DEFAULT '[]'::jsonb,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE organisation_contacts');
  }
}
