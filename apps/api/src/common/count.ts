import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** A list counts its matches up to this many; beyond, `total` is this and `totalCapped` is true. */
export const COUNT_CAP = 1000;

const capped = (n: number) => ({ total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP });

/**
 * The `total` of a list: a plain `count(*)` over the list's query without its order and page, of at most
 * COUNT_CAP + 1 rows. TypeORM's `getCount` counts `DISTINCT` ids, which hashes every match first; the lists here
 * have one row per item (a task or request joins its one detention), so the plain count is the same number. The
 * cap keeps the count's cost that of a few pages, whatever the scope: at 300,000 detentions the uncapped count of
 * a prison's task inbox took 400 ms, against 7 ms for the page itself (README, Benchmarks, Performance).
 */
export async function countOf<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
): Promise<{ total: number; totalCapped: boolean }> {
  const [sql, params] = qb
    .clone()
    .select('1')
    .orderBy()
    .skip(undefined)
    .take(undefined)
    .offset(undefined)
    .limit(undefined)
    .getQueryAndParameters();
  const count = `SELECT count(*)::int AS n FROM (${sql} LIMIT ${COUNT_CAP + 1}) counted`;
  if (qb.expressionMap.joinAttributes.length === 0) return capped((await qb.connection.query(count, params))[0].n);
  const runner = qb.connection.createQueryRunner();
  let n: number;
  try {
    await runner.startTransaction();
    // A join (a task or request to its detention): row by row, by index lookups, the count costs what the cap
    // costs. The planner cannot see that a prison's tasks are tasks of that prison's detentions, takes the join
    // for a small one and hashes every detention in scope instead: 190 ms against 17 ms for a prison's inbox at
    // 300,000 detentions. Nor parallel workers: starting them costs more than the at most 1,001 rows they share.
    await runner.query(
      'SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; SET LOCAL max_parallel_workers_per_gather = 0',
    );
    const rows: { n: number }[] = await runner.query(count, params);
    await runner.commitTransaction();
    n = rows[0].n;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
  return capped(n);
}
