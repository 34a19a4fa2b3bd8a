import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './ports';

const ROOT = path.resolve(__dirname, '../..');
const READY_WITHIN_MS = 120_000;

/**
 * A real PostgreSQL of its own (the embedded one `npm start` runs, scripts/lib/embedded-postgres.mjs) that a test
 * can stop and start again on the same data folder and port: a database that goes away and comes back. As root
 * it runs as the `postgres` user, so its folder is a 0755 one under the system's temporary folder; where that user
 * cannot reach the binaries or the folder, the runner keeps them in EMBEDDED_PG_HOME (embedded-postgres-home.mjs).
 */
export async function embeddedPostgres(database = 'terugkeer') {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'terugkeer-pg-'));
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  let child: ChildProcess | undefined;
  let clusterDir = path.join(dataDir, 'cluster');

  const start = () =>
    new Promise<string>((resolve, reject) => {
      const runner = spawn(
        process.execPath,
        [path.join(ROOT, 'scripts/lib/embedded-postgres.mjs'), dataDir, String(port), database],
        {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child = runner;
      let stdout = '';
      let stderr = '';
      const timer = setTimeout(
        () => reject(new Error(`embedded PostgreSQL not ready within ${READY_WITHIN_MS} ms`)),
        READY_WITHIN_MS,
      );
      runner.stderr!.on('data', (d) => (stderr += d));
      runner.stdout!.on('data', (d) => {
        stdout += d;
        const line = stdout.split('\n').find((l) => l.startsWith('{'));
        if (!line) return;
        clearTimeout(timer);
        const ready = JSON.parse(line) as { url: string; clusterDir: string };
        clusterDir = ready.clusterDir;
        resolve(ready.url);
      });
      runner.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`embedded PostgreSQL exited (${code}): ${stderr.trim() || 'no output'}`));
      });
    });

  /** Stops the server cleanly (SIGTERM to its runner, which stops PostgreSQL) and waits until it is gone. */
  const stop = async () => {
    const runner = child;
    child = undefined;
    if (!runner || runner.exitCode !== null || runner.signalCode !== null) return;
    await new Promise((resolve) => {
      runner.once('exit', resolve);
      runner.kill('SIGTERM');
    });
  };

  const url = await start();
  return {
    url,
    port,
    stop,
    /** Starts it again on the same folder and port. */
    start: async () => void (await start()),
    remove: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(clusterDir, { recursive: true, force: true });
    },
  };
}
