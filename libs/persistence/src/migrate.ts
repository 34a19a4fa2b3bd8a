import { loadConfig } from '@terugkeer/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

// Any fixed number: held while migrating so that two starting deployments never migrate at once.
const MIGRATION_LOCK = 7_412_093;

/** Applies pending migrations; safe to run concurrently and repeatedly. Returns the names applied. */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl, 2), logging: false });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
    await dataSource.destroy();
  }
}

if (require.main === module) {
  const config = loadConfig();
  migrate(config.DATABASE_URL).then(
    (names) => {
      console.log(names.length ? `migrations applied: ${names.join(', ')}` : 'database schema is up to date');
    },
    (error: unknown) => {
      const host = new URL(config.DATABASE_URL).host;
      console.error(`migration failed against PostgreSQL at ${host}: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
