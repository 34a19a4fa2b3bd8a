// Compiles the TypeScript sources to dist/ (incrementally), rewrites the path aliases, and bundles the
// workflow code for the Temporal sandbox into dist/workflow-bundle.js (only when its sources changed).
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureDependencies } from './lib/deps.mjs';
import { ROOT, bin, fail, run, step } from './lib/util.mjs';

const BUNDLE = path.join(ROOT, 'dist', 'workflow-bundle.js');
const BUNDLE_HASH = `${BUNDLE}.sha256`;
const BUNDLE_INPUTS = ['workflows/src', 'libs/domain/src', 'libs/contracts/src', 'package-lock.json'];

function sourceHash() {
  const hash = createHash('sha256');
  const visit = (p) => {
    const full = path.join(ROOT, p);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const entry of readdirSync(full).sort()) visit(path.join(p, entry));
    } else {
      hash.update(p).update(readFileSync(full));
    }
  };
  BUNDLE_INPUTS.forEach(visit);
  return hash.digest('hex');
}

export async function build({ quiet = false } = {}) {
  await ensureDependencies();
  if (!quiet) step('compiling TypeScript');
  try {
    await run(bin('tsc'), ['-p', 'tsconfig.build.json']);
    await run(bin('tsc-alias'), ['-p', 'tsconfig.build.json']);
  } catch (error) {
    fail(`The TypeScript build failed:\n${error.output ?? error.message}`);
  }
  // The web UI is static: copied next to the compiled API.
  cpSync(path.join(ROOT, 'apps/api/ui'), path.join(ROOT, 'dist/apps/api/ui'), { recursive: true });
  const hash = sourceHash();
  if (existsSync(BUNDLE) && existsSync(BUNDLE_HASH) && readFileSync(BUNDLE_HASH, 'utf8') === hash) return;
  if (!quiet) step('bundling workflows for the Temporal sandbox');
  const { writeWorkflowBundle } = await import(
    pathToFileURL(path.join(ROOT, 'dist/libs/temporal/src/workflow-bundle.js')).href
  );
  await writeWorkflowBundle(BUNDLE);
  writeFileSync(BUNDLE_HASH, hash);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await build();
  step('build complete: dist/');
}
