// PostgreSQL for `npm start`: DATABASE_URL when set, otherwise an embedded PostgreSQL under the data folder.
import path from 'node:path';
import { postgresAnswers, startEmbeddedPostgres } from './postgres.mjs';
import { StartError, track } from './supervisor.mjs';
import { ROOT, dim, portAnswers, step } from './util.mjs';

/**
 * Resolves `{ url, clusterDir }`: the DATABASE_URL the worker and the API use, and where the embedded PostgreSQL
 * keeps its cluster when it runs one (as root perhaps outside the data folder: embedded-postgres-home.mjs).
 */
export async function startPostgres({ env, dataDir, embeddedPgPort }) {
  if (env.DATABASE_URL) {
    const host = new URL(env.DATABASE_URL).host;
    if (!(await postgresAnswers(env.DATABASE_URL)))
      throw new StartError(`PostgreSQL at ${host} (DATABASE_URL) does not answer.`);
    step(`using PostgreSQL at ${host}`);
    return { url: env.DATABASE_URL };
  }
  if (await portAnswers(embeddedPgPort)) {
    throw new StartError(
      `Port ${embeddedPgPort} is in use, so the embedded PostgreSQL cannot start; set EMBEDDED_PG_PORT or DATABASE_URL.`,
    );
  }
  const pgDir = path.join(dataDir, 'postgres');
  step(`starting the embedded PostgreSQL (${dim(path.relative(ROOT, pgDir))}, port ${embeddedPgPort})`);
  try {
    const started = await startEmbeddedPostgres({ dataDir: pgDir, port: embeddedPgPort, database: 'terugkeer' });
    track('PostgreSQL', started.child);
    return { url: started.url, clusterDir: started.clusterDir };
  } catch (error) {
    // The reasons of the runner that name a way out (DATABASE_URL among them) say all in one line.
    const hint = error.message.includes('DATABASE_URL')
      ? ''
      : '\n  Or point DATABASE_URL at a PostgreSQL server of your own.';
    throw new StartError(`${error.message}${hint}`);
  }
}
