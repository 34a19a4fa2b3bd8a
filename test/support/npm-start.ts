import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** Every process below `pid` (children, grandchildren, …). */
export function descendants(pid: number): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  const visit = (parent: number) =>
    table.filter(([, ppid]) => ppid === parent).forEach(([child]) => (found.push(child), visit(child)));
  visit(pid);
  return found;
}

export function alive(pids: number[]): number[] {
  return pids.filter((pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  });
}

export interface Started {
  child: ChildProcess;
  output: () => string;
}

/**
 * Runs `npm start`'s script (of the checkout `root`) the way a user does, from that checkout, and resolves once it
 * says it is running; rejects with its output when it exits before.
 */
export function startScript(env: NodeJS.ProcessEnv, args: string[] = [], root = ROOT): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs'), ...args], { cwd: root, env });
    let output = '';
    const onData = (d: Buffer) => {
      output += d;
      if (output.includes('Terugkeer is running')) resolve({ child, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) =>
      reject(
        Object.assign(new Error(`npm start exited (${code}) before it was running:\n${output}`), { output, code }),
      ),
    );
  });
}

/** Ctrl-C, as a user stops it; resolves with its exit code. */
export function stopScript(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}
