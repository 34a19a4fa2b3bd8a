// What `npm start` started, and how it stops: every child process is tracked; one that exits on its own stops the
// whole stack, and Ctrl-C (SIGINT) or SIGTERM stops them all, newest first.
import { red, step } from './util.mjs';

/** A start-up problem the user can fix; shown without a stack trace. */
export class StartError extends Error {}

/** Every process this script started, newest last; stopped in reverse order. */
const children = [];
let stopping = false;

/** True once the stack is being stopped: what is still starting should give up. */
export const isStopping = () => stopping;

/** Tracks a child process; its exit, unless we stop it, stops everything. */
export function track(name, child, { stop = 'SIGTERM' } = {}) {
  const entry = { name, child, stop, exited: false };
  child.on('exit', (code, signal) => {
    entry.exited = true;
    if (!stopping) {
      console.error(`\n${red('✖')} ${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); shutting down.`);
      void shutdown(1);
    }
  });
  children.push(entry);
  return child;
}

/** Tracks something that is not a child process but stops like one (`once('exit')`, `kill()`). */
export function adopt(name, handle) {
  children.push({ name, exited: false, child: handle });
}

export async function shutdown(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  step('stopping …');
  for (const entry of [...children].reverse()) {
    if (entry.exited) continue;
    const gone = new Promise((resolve) => entry.child.once('exit', resolve));
    entry.child.kill(entry.stop);
    const timer = setTimeout(() => entry.child.kill('SIGKILL'), 15_000);
    await gone;
    clearTimeout(timer);
  }
  process.exit(exitCode);
}

export function stopOnSignals() {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
}
