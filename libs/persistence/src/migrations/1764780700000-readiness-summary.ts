import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refreshReadinessSummary } from '../readiness-summary';

const BATCH = 500;

/**
 * The dashboard from indexed queries and a summary kept beside each case (issue 11, item 3): the weight of its
 * lights at both moments (for readers who see every condition and for those who see what is shared), and what was
 * arranged by release (`refreshReadinessSummary`, written with every projection), and an
 * index of the open escalated tasks, which weigh in the board's ranking. Existing cases get their summary here.
 */
export class ReadinessSummary1764780700000 implements MigrationInterface {
  name = 'ReadinessSummary1764780700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE detentions
        ADD COLUMN board_weight_normal smallint, ADD COLUMN board_weight_urgent smallint,
        ADD COLUMN board_weight_shared_normal smallint, ADD COLUMN board_weight_shared_urgent smallint,
        ADD COLUMN release_valid_id boolean, ADD COLUMN release_housing boolean,
        ADD COLUMN release_income_decided boolean, ADD COLUMN release_insurance_resumed boolean;
      CREATE INDEX tasks_escalated_open ON tasks (detention_id)
        WHERE escalated_at IS NOT NULL AND status IN ('open', 'claimed');
    `);
    const now = Date.now();
    for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
      const rows: { id: string }[] = await q.query('SELECT id FROM detentions WHERE id > $1 ORDER BY id LIMIT $2', [
        after,
        BATCH,
      ]);
      for (const { id } of rows) await refreshReadinessSummary(q.manager, id, now);
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1].id;
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX tasks_escalated_open;
      ALTER TABLE detentions
        DROP COLUMN board_weight_normal, DROP COLUMN board_weight_urgent,
        DROP COLUMN board_weight_shared_normal, DROP COLUMN board_weight_shared_urgent,
        DROP COLUMN release_valid_id, DROP COLUMN release_housing,
        DROP COLUMN release_income_decided, DROP COLUMN release_insurance_resumed;
    `);
  }
}
