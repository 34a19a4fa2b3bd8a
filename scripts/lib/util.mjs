// Small helpers shared by the scripts. Node built-ins only: these run before `npm ci`.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** An executable of the project's npm dependencies (`node_modules/.bin/<name>`). */
export const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);

const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (useColour ? `\u001b[${code}m${text}\u001b[0m` : text);
export const bold = (t) => paint(1, t);
export const dim = (t) => paint(2, t);
export const red = (t) => paint(31, t);
export const green = (t) => paint(32, t);
export const yellow = (t) => paint(33, t);

export function step(message) {
  console.log(`${dim('terugkeer')} ${message}`);
}

export function fail(message) {
  console.error(`\n${red(bold('✖'))} ${message}\n`);
  process.exit(1);
}

/** The last `n` lines of a command's output, for error messages. */
export function lastLines(text = '', n = 5, separator = '\n') {
  return String(text).trim().split('\n').slice(-n).join(separator);
}

/** Runs a command to completion; rejects with its output when it fails. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: options.stdio ?? 'pipe', env: options.env ?? process.env });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(output)
        : reject(Object.assign(new Error(`${command} ${args.join(' ')} exited with ${code}`), { output, code })),
    );
  });
}

/** Resolves true once something accepts TCP connections on host:port. */
export function portAnswers(port, host = '127.0.0.1', timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function waitFor(what, probe, { timeoutMs = 60_000, intervalMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** A free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function hashFile(file) {
  return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'none';
}
