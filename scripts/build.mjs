// Compiles the TypeScript sources to dist/ (incrementally), rewrites the path aliases, bundles the workflow code
// for the Temporal sandbox into dist/workflow-bundle.js and builds the web UI (apps/web, Vite) into dist/web — each
// bundle only when its sources changed.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureDependencies } from './lib/deps.mjs';
import { ROOT, bin, fail, run, step } from './lib/util.mjs';

const BUNDLE = path.join(ROOT, 'dist', 'workflow-bundle.js');
const BUNDLE_HASH = `${BUNDLE}.sha256`;
const BUNDLE_INPUTS = ['workflows/src', 'libs/domain/src', 'libs/contracts/src', 'package-lock.json'];
const WEB = path.join(ROOT, 'dist', 'web');
const WEB_HASH = path.join(ROOT, 'dist', 'web.sha256');
// The task forms come from the API's formSchema(): a change there rebuilds the UI too.
const WEB_INPUTS = [
  'apps/web/src',
  'apps/web/index.html',
  'apps/web/vite.config.mts',
  'apps/api/src/tasks/task-forms.ts',
  'package-lock.json',
];

function sourceHash(inputs = BUNDLE_INPUTS) {
  const hash = createHash('sha256');
  const visit = (p) => {
    const full = path.join(ROOT, p);
    // The web UI's generated form validators are an output of its build, not an input.
    if (!existsSync(full) || p === path.join('apps', 'web', 'src', 'generated')) return;
    if (statSync(full).isDirectory()) {
      for (const entry of readdirSync(full).sort()) visit(path.join(p, entry));
    } else {
      hash.update(p).update(readFileSync(full));
    }
  };
  inputs.forEach(visit);
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
  await buildWeb({ quiet });
  const hash = sourceHash();
  if (existsSync(BUNDLE) && existsSync(BUNDLE_HASH) && readFileSync(BUNDLE_HASH, 'utf8') === hash) return;
  if (!quiet) step('bundling workflows for the Temporal sandbox');
  const { writeWorkflowBundle } = await import(
    pathToFileURL(path.join(ROOT, 'dist/libs/temporal/src/workflow-bundle.js')).href
  );
  await writeWorkflowBundle(BUNDLE);
  writeFileSync(BUNDLE_HASH, hash);
}

/** The web UI: type-checked (Vite does not), then bundled by Vite into dist/web. */
async function buildWeb({ quiet }) {
  const hash = sourceHash(WEB_INPUTS);
  if (existsSync(path.join(WEB, 'index.html')) && existsSync(WEB_HASH) && readFileSync(WEB_HASH, 'utf8') === hash) {
    return;
  }
  if (!quiet) step('building the web UI (apps/web)');
  try {
    const { writeFormValidators } = await import('./web-form-validators.mjs');
    writeFormValidators();
    await run(bin('tsc'), ['-p', 'apps/web/tsconfig.json']);
    await run(bin('vite'), ['build', '--config', 'apps/web/vite.config.mts']);
  } catch (error) {
    fail(`The web UI build failed:\n${error.output ?? error.message}`);
  }
  writeFileSync(WEB_HASH, hash);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await build();
  step('build complete: dist/');
}
