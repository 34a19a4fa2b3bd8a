// `npm run audit:verify` — walks the audit log's hash chain and reports any altered, inserted or removed row.
// Uses DATABASE_URL (environment or `.env`), else the embedded PostgreSQL of a running `npm start`
// (EMBEDDED_PG_PORT, default 54329). Prints the number of entries and the head hash; keep the head somewhere
// else (a ticket, a mail to the privacy officer) to detect later that the newest rows were removed.
// Exit code 0 when the chain is intact, 1 when it is not, 2 when the database cannot be read.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from './build.mjs';
import { loadEnv } from './lib/dev-auth.mjs';
import { ROOT } from './lib/util.mjs';

const env = loadEnv();
const databaseUrl =
  env.DATABASE_URL ??
  // The embedded PostgreSQL's fixed local credentials (scripts/lib/embedded-postgres.mjs).
  `postgres://postgres:postgres@127.0.0.1:${env.EMBEDDED_PG_PORT ?? 54329}/terugkeer`;

const auditModule = path.join(ROOT, 'dist/libs/persistence/src/audit-log.js');
if (!existsSync(auditModule)) await build({ quiet: true });
const { verifyAuditLog } = await import(pathToFileURL(auditModule).href);
const { DataSource } = await import('typeorm');

const dataSource = new DataSource({ type: 'postgres', url: databaseUrl, logging: false });
try {
  await dataSource.initialize();
} catch (error) {
  console.error(`cannot read the audit log at ${new URL(databaseUrl).host}: ${error.message}`);
  process.exit(2);
}
try {
  const result = await verifyAuditLog(dataSource);
  if (result.ok) {
    console.log(`audit log intact: ${result.rows} entries, head ${result.head} (${result.chains} chain(s))`);
  } else {
    console.error(`audit log BROKEN: ${result.problems.length} problem(s) in ${result.rows} entries`);
    for (const problem of result.problems.slice(0, 50)) console.error(`  ${problem}`);
    if (result.problems.length > 50) console.error(`  … and ${result.problems.length - 50} more`);
    process.exitCode = 1;
  }
} finally {
  await dataSource.destroy();
}
