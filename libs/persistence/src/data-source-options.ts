import { types } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

// Calendar dates stay `YYYY-MM-DD` strings: node-pg would turn a DATE into a JS Date at local midnight.
types.setTypeParser(types.builtins.DATE, (value) => value);

/** One definition of the read-model database for the apps, the migration runner and the tests. */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    // The schema changes only through migrations (`npm run migrate`, run by `npm start`).
    synchronize: false,
    migrationsRun: false,
    extra: { max: poolSize, connectionTimeoutMillis: 5000 },
  };
}
