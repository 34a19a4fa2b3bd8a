import { migrate } from '@terugkeer/persistence/migrate';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { testDatabaseAdminUrl, testDatabaseUrl } from './test-env';

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testDatabaseAdminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A migrated database of its own for one test file, named `<run's database>_<hex>` so that scripts/test.mjs
 * drops it with the run (every database whose name starts with the run's), also when the file never got to call
 * its drop function. Returns its URL and a drop function.
 */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const runUrl = new URL(testDatabaseUrl());
  const name = `${runUrl.pathname.slice(1)}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  runUrl.pathname = `/${name}`;
  const url = runUrl.toString();
  await migrate(url);
  return {
    url,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
