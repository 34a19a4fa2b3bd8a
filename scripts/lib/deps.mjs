// Installs npm dependencies when they are missing or older than package-lock.json, so that
// `npm start` and `npm test` work on a fresh clone without a separate `npm ci`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, hashFile, run, step } from './util.mjs';

const MARKER = path.join(ROOT, 'node_modules', '.terugkeer-lock-hash');

export async function ensureDependencies() {
  const lockHash = hashFile(path.join(ROOT, 'package-lock.json'));
  if (existsSync(MARKER) && readFileSync(MARKER, 'utf8') === lockHash) return;
  step('installing npm dependencies (npm ci) — only needed after a fresh clone or a dependency change');
  await run('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  writeFileSync(MARKER, lockHash);
}
