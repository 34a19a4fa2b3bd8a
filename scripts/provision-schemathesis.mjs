// Finds or installs schemathesis, the OpenAPI fuzzer that test/e2e/schemathesis.e2e-spec.ts runs against a live
// stack. Like the Temporal binaries (provision-temporal.mjs): SCHEMATHESIS_PATH when set; else the project-local
// `.tools/schemathesis/schemathesis-<version>` folder, filled from PyPI with `pip install --target` (with its
// dependencies, isolated from the system's Python packages) on the first run and found again on later ones.
//
// Usage: `node scripts/provision-schemathesis.mjs` (prints what it found), or import { provisionSchemathesis }.
import { accessSync, constants, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, lastLines, run, step } from './lib/util.mjs';
import { findPip } from './provision-temporal.mjs';

// Pinned: its CLI changed between major versions (the spec uses the 4.x flags); bump with a run of the spec.
export const SCHEMATHESIS = { pypiPackage: 'schemathesis', version: '4.32.5', envVar: 'SCHEMATHESIS_PATH' };

const target = path.join(ROOT, '.tools', 'schemathesis', `${SCHEMATHESIS.pypiPackage}-${SCHEMATHESIS.version}`);

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** How to run the installed copy: its console script, with the folder on PYTHONPATH. */
const installed = (dir, source) => ({ path: path.join(dir, 'bin', 'schemathesis'), pythonPath: dir, source });

async function pipInstall() {
  const pip = await findPip();
  if (!pip) return { error: 'no Python 3 with pip found (tried python3 -m pip, python -m pip, pip3, pip)' };
  // Next to the final folder, then renamed: an interrupted or concurrent run never leaves half a tool.
  const staging = `${target}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(path.dirname(target), { recursive: true });
  step(`installing ${SCHEMATHESIS.pypiPackage}==${SCHEMATHESIS.version} from PyPI into ${path.relative(ROOT, target)}`);
  const [cmd, args] = pip;
  try {
    await run(cmd, [
      ...args,
      'install',
      '--disable-pip-version-check',
      '--no-input',
      '--quiet',
      '--target',
      staging,
      `${SCHEMATHESIS.pypiPackage}==${SCHEMATHESIS.version}`,
    ]);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    return { error: `pip install schemathesis==${SCHEMATHESIS.version} failed: ${lastLines(error.output, 3, ' | ')}` };
  }
  if (!isExecutable(path.join(staging, 'bin', 'schemathesis'))) {
    rmSync(staging, { recursive: true, force: true });
    return { error: 'schemathesis installed, but without its bin/schemathesis script' };
  }
  try {
    renameSync(staging, target);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another run won the race; its copy is as good
  }
  return installed(target, 'PyPI');
}

/**
 * Locates schemathesis. Returns `{ path, pythonPath, source }` (run `path` with PYTHONPATH=`pythonPath`), or
 * `{ error }` when it cannot be had here.
 */
export async function provisionSchemathesis() {
  const explicit = process.env[SCHEMATHESIS.envVar];
  if (explicit) {
    if (isExecutable(explicit)) return { path: explicit, pythonPath: '', source: SCHEMATHESIS.envVar };
    return { error: `${SCHEMATHESIS.envVar} is set to '${explicit}', but that is not an executable file` };
  }
  if (existsSync(path.join(target, 'schemathesis')) && isExecutable(path.join(target, 'bin', 'schemathesis'))) {
    return installed(target, '.tools');
  }
  return pipInstall();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const found = await provisionSchemathesis();
  console.log(found.path ? `schemathesis: ${found.path} (${found.source})` : `schemathesis: ${found.error}`);
  process.exit(found.path ? 0 : 1);
}
