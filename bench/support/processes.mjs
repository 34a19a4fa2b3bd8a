// The processes a benchmark starts (Temporal, the worker, the API): started with their output in a log file,
// watched (one that dies early fails the run with its last log lines), and stopped in reverse order at the end,
// on an error or on Ctrl-C. Also reads their memory from /proc.
import { spawn } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';

/** Every process started and not yet stopped, oldest first. */
const running = [];

/** A process that stopped while it was needed: named, with the end of its log. */
export class ProcessDiedError extends Error {}

function tail(file, lines = 15) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Starts `command` with its stdout and stderr appended to `logFile`. `died` rejects when it exits before `stop()`:
 * race it against what the benchmark waits for, so that a crash fails the run instead of hanging it.
 */
export function startProcess(name, command, args, { env = process.env, logFile, cwd } = {}) {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let stopping = false;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const died = new Promise((_, reject) => {
    child.once('error', (error) => reject(new ProcessDiedError(`${name} could not start: ${error.message}`)));
    void exited.then(({ code, signal }) => {
      if (stopping) return;
      reject(
        new ProcessDiedError(
          `${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); its log ends:\n${tail(logFile)}`,
        ),
      );
    });
  });
  died.catch(() => undefined); // observed by whoever races it; never an unhandled rejection
  const entry = {
    name,
    pid: child.pid,
    logFile,
    died,
    /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
    stop: async (graceMs = 15_000) => {
      stopping = true;
      const index = running.indexOf(entry);
      if (index >= 0) running.splice(index, 1);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  running.push(entry);
  return entry;
}

/** Stops everything still running, newest first. */
export async function stopAll() {
  for (const entry of [...running].reverse()) await entry.stop().catch(() => undefined);
}

let interrupted = false;
/** Whether Ctrl-C (or SIGTERM) came: what fails afterwards fails because of it. */
export const wasInterrupted = () => interrupted;
/** Ctrl-C or SIGTERM: stop what was started (and run `cleanup`, e.g. drop databases), then exit. */
export function stopOnSignals(cleanup = async () => undefined) {
  const onSignal = (signal) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping what the benchmark started …`);
    void stopAll()
      .then(cleanup)
      .finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** Waits for `promise`, failing early when one of the processes dies meanwhile. */
export function unlessDied(promise, processes) {
  return Promise.race([promise, ...processes.map((p) => p.died)]);
}

function statusField(pid, field) {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0; // gone, or not ours to read
  }
}

function pssOf(pid) {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The pid and its descendants (a CLI that runs the real server as a child counts with it). */
export function processTree(pid) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name may hold spaces and parentheses: the parent pid follows the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {
      // exited while we looked
    }
  }
  const tree = [];
  const visit = (p) => {
    tree.push(p);
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return tree;
}

/** Resident memory of a process and its descendants, in bytes (0 when it is gone). */
export const treeRss = (pid) => processTree(pid).reduce((sum, p) => sum + statusField(p, 'VmRSS'), 0);
/** Peak resident memory of one process (the kernel's high-water mark), in bytes. */
export const peakRss = (pid) => statusField(pid, 'VmHWM');
/** Proportional set size of some processes (shared pages divided among their users), in bytes. */
export const totalPss = (pids) => pids.reduce((sum, p) => sum + pssOf(p), 0);
export const rssOf = (pid) => statusField(pid, 'VmRSS');

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU time (user + system) the processes used so far, in seconds; children that exited are not counted. */
export function cpuSeconds(pids) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      // gone
    }
  }
  return ticks / TICKS_PER_SECOND;
}
