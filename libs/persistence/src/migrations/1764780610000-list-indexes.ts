import type { MigrationInterface, QueryRunner } from 'typeorm';

const UPCOMING_BEFORE = `WHERE phase = 'detained' AND erased_at IS NULL AND actual_release_date IS NULL`;
const READY = `${UPCOMING_BEFORE} AND ended_reason IS NULL`;
const UPCOMING = [
  ['detentions_upcoming', ''],
  ['detentions_upcoming_prison', 'prison, '],
  ['detentions_upcoming_municipality', 'municipality, '],
  ['detentions_upcoming_probation', 'probation, '],
];

/**
 * Indexes in the order the lists are read (issue 11, item 3), so that a page is the first rows of an index scan
 * instead of a sort of everything in scope: the detentions of a prison, municipality, probation organisation or
 * the whole country by expected release date (then newest registration first); a role's task inbox by status and
 * due date (then creation); a partner's requests newest first; readiness's upcoming releases by date, then id. A
 * count joined to the detentions (inbox, partner requests) still visits rows: lists count up to a cap (count.ts).
 * Measured at 300,000 detentions: see README, Benchmarks, Performance.
 */
export class ListIndexes1764780610000 implements MigrationInterface {
  name = 'ListIndexes1764780610000';

  async up(q: QueryRunner): Promise<void> {
    const live = 'WHERE erased_at IS NULL';
    await q.query(`
      CREATE INDEX detentions_list ON detentions (expected_release_date, registered_at DESC) ${live};
      CREATE INDEX detentions_list_prison ON detentions (prison, expected_release_date, registered_at DESC) ${live};
      CREATE INDEX detentions_list_municipality ON detentions (municipality, expected_release_date, registered_at DESC) ${live};
      CREATE INDEX detentions_list_probation ON detentions (probation, expected_release_date, registered_at DESC) ${live};
      DROP INDEX tasks_inbox;
      CREATE INDEX tasks_inbox ON tasks (role, org, status, due_date, created_at);
      CREATE INDEX requests_partner ON requests (partner_id, sent_at);
    `);
    // Readiness: its tie-breaker (id) and its whole condition in the index, so the page needs no sort of the
    // day's releases and the count no visit to the table.
    for (const [name, column] of UPCOMING) {
      await q.query(`DROP INDEX ${name}`);
      await q.query(`CREATE INDEX ${name} ON detentions (${column}expected_release_date, id) ${READY}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX detentions_list;
      DROP INDEX detentions_list_prison;
      DROP INDEX detentions_list_municipality;
      DROP INDEX detentions_list_probation;
      DROP INDEX tasks_inbox;
      CREATE INDEX tasks_inbox ON tasks (role, org, status, due_date);
      DROP INDEX requests_partner;
    `);
    for (const [name, column] of UPCOMING) {
      await q.query(`DROP INDEX ${name}`);
      await q.query(`CREATE INDEX ${name} ON detentions (${column}expected_release_date) ${UPCOMING_BEFORE}`);
    }
  }
}
