import { DataSource } from 'typeorm';
import { COUNT_CAP, countOf } from '../../apps/api/src/common/count';
import { createTestDatabase } from '../support/database';

/** A list's `total` (issue 11, item 3): a plain count of its query, without order and page, up to the cap. */
describe('list count', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await new DataSource({ type: 'postgres', url: db.url }).initialize();
    await dataSource.query(`CREATE TABLE numbers AS SELECT generate_series(1, ${2 * COUNT_CAP + 2}) AS n`);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const numbers = (upTo: number) =>
    dataSource
      .createQueryBuilder()
      .select('g.n', 'n')
      .from('numbers', 'g')
      .where('g.n % :every = 0 AND g.n <= :upTo', { every: 2, upTo })
      .orderBy('g.n', 'DESC')
      .offset(10)
      .limit(5);

  it('counts every match, ignoring order and page, with its parameters', async () => {
    await expect(countOf(numbers(600))).resolves.toEqual({ total: 300, totalCapped: false });
  });

  it('counts a joined list the same, one row per item', async () => {
    const joined = numbers(600).innerJoin('numbers', 'h', 'h.n = g.n');
    await expect(countOf(joined)).resolves.toEqual({ total: 300, totalCapped: false });
  });

  it('stops at the cap and says so', async () => {
    await expect(countOf(numbers(2 * COUNT_CAP))).resolves.toEqual({ total: COUNT_CAP, totalCapped: false });
    await expect(countOf(numbers(2 * COUNT_CAP + 2))).resolves.toEqual({ total: COUNT_CAP, totalCapped: true });
  });
});
