// Many detentions in the read models without as many workflows: the rows of real detentions (registered through the
// API, their first turns projected) copied in SQL until the database holds `total` detentions. Each copy gets ids of
// its own (derived from the original's and the copy's number), its own name, case reference and person key, and
// its tasks and partner requests; its dates, needs, consent and states are the original's, so the copies have the
// population's shape. Not copied: steps and timeline events (no list or dashboard reads them), and no workflow
// exists for a copy (nothing can change one; the reads do not ask Temporal).
//
// As a bulk load does: the secondary indexes of the copied tables are dropped first and built again afterwards from
// their own definitions, and the tables analysed.

/** Copies the detentions of the database (with their tasks and requests) until it holds `total`. */
export async function seedCopies(pg, total, { log = () => undefined } = {}) {
  const [{ originals }] = (await pg.query('SELECT count(*)::int AS originals FROM detentions')).rows;
  if (originals === 0) throw new Error('no detentions to copy');
  const copies = Math.ceil(total / originals) - 1;
  const tables = ['detentions', 'tasks', 'requests'];
  const { rows: indexes } = await pg.query(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = ANY ($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.indexname))::regclass)`,
    [tables],
  );
  const columns = async (table) =>
    (
      await pg.query(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
        [table],
      )
    ).rows.map((r) => r.column_name);
  // Ids of copy k: a UUID from the md5 of the original's and k, so that a copy's rows point at each other.
  const copyId = (column) => `md5(${column}::text || ':' || k)::uuid`;
  const overrides = {
    detentions: {
      id: copyId('o.id'),
      workflow_id: `'detention-' || ${copyId('o.id')}`,
      person_name: `o.person_name || ' (' || k || ')'`,
      person_key: `md5(o.person_key || ':' || k)`,
      case_reference: `o.case_reference || '-' || k`,
    },
    tasks: {
      id: copyId('o.id'),
      detention_id: copyId('o.detention_id'),
      context: `CASE WHEN o.context ? 'requestId'
                THEN jsonb_set(o.context, '{requestId}', to_jsonb(${copyId("(o.context ->> 'requestId')")}::text))
                ELSE o.context END`,
    },
    requests: { id: copyId('o.id'), detention_id: copyId('o.detention_id') },
  };
  const began = performance.now();
  log(`copying ${originals} detentions ${copies} times (to ${total}), their tasks and requests, in SQL`);
  await pg.query('BEGIN');
  try {
    for (const { indexname } of indexes) await pg.query(`DROP INDEX ${indexname}`);
    // The copies of detention n: k = 1 … while the copy's number (k·originals + n) is below `total`.
    await pg.query(`CREATE TEMP TABLE seed_copies ON COMMIT DROP AS
      SELECT d.id, k FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM detentions) d
        CROSS JOIN generate_series(1, ${copies}) AS k WHERE k * ${originals} + d.n < ${total}`);
    for (const table of tables) {
      const names = await columns(table);
      const values = names.map((c) => overrides[table][c] ?? `o.${c}`);
      const key = table === 'detentions' ? 'o.id' : 'o.detention_id';
      const { rowCount } = await pg.query(
        `INSERT INTO ${table} (${names.join(', ')})
         SELECT ${values.join(', ')} FROM ${table} o JOIN seed_copies s ON s.id = ${key}`,
      );
      log(`  … ${rowCount} ${table} copied (${((performance.now() - began) / 1000).toFixed(0)} s)`);
    }
    for (const { indexname, indexdef } of indexes) {
      await pg.query(indexdef);
      log(`  … index ${indexname} built (${((performance.now() - began) / 1000).toFixed(0)} s)`);
    }
    await pg.query('COMMIT');
  } catch (error) {
    await pg.query('ROLLBACK');
    throw error;
  }
  for (const table of tables) await pg.query(`ANALYZE ${table}`);
  const { rows } = await pg.query(`SELECT (SELECT count(*) FROM detentions)::int AS detentions,
    (SELECT count(*) FROM detentions WHERE phase = 'detained')::int AS detained,
    (SELECT count(*) FROM tasks)::int AS tasks, (SELECT count(*) FROM requests)::int AS requests`);
  return {
    originals,
    copies,
    ms: performance.now() - began,
    ...rows[0],
    indexesRebuilt: indexes.map((i) => i.indexname),
  };
}
