// How `npm start` shows its services' logs: readable lines on a developer's console (pino-pretty), the JSON
// itself where a machine reads it (LOG_FORMAT=json, or NODE_ENV=production). The services always write JSON.

/** The stdio of a service started by `npm start`, and how to hook its output to the console. */
export async function consoleLogs(env) {
  const json = env.LOG_FORMAT === 'json' || env.NODE_ENV === 'production';
  if (json) return { stdio: 'inherit', attach: () => {} };
  // Imported here, not at the top: `npm start` installs the dependencies before it gets this far.
  const { default: pretty } = await import('pino-pretty');
  return {
    stdio: ['inherit', 'pipe', 'pipe'],
    attach(child) {
      const options = {
        colorize: Boolean(process.stdout.isTTY),
        translateTime: 'SYS:HH:MM:ss',
        ignore: 'pid,hostname',
      };
      child.stdout.pipe(pretty({ ...options, destination: 1 }));
      child.stderr.pipe(pretty({ ...options, destination: 2 }));
    },
  };
}
