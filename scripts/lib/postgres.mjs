// Where the scripts get PostgreSQL from: DATABASE_URL, a server on 127.0.0.1:5432, or an embedded one.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './util.mjs';

/** Resolves true when a PostgreSQL at `url` accepts a query. Needs `pg` installed. */
export async function postgresAnswers(url, timeoutMs = 2000) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Starts an embedded PostgreSQL as a child process and resolves once it is ready.
 * Returns `{ url, adminUrl, clusterDir, child }` (clusterDir: where its files are, which as root may be outside
 * `dataDir`, see embedded-postgres-home.mjs); stop it with `child.kill('SIGTERM')`. Rejects with the runner's
 * one-line reason when it cannot start.
 */
export function startEmbeddedPostgres({ dataDir, port, database }) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'scripts/lib/embedded-postgres.mjs'), dataDir, String(port), database],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => {
      stdout += d;
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ ...JSON.parse(line), child });
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      reject(new Error(`The embedded PostgreSQL did not start: ${stderr.trim() || `its runner exited (${code})`}`)),
    );
  });
}

export async function withAdminClient(adminUrl, fn) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** `postgres://u:p@h:5432/name` → the same server's `postgres` database, for CREATE/DROP DATABASE. */
export function adminUrlOf(url) {
  const parsed = new URL(url);
  parsed.pathname = '/postgres';
  return parsed.toString();
}

export function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
