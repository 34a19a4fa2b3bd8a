import net from 'node:net';

// Below Linux's ephemeral range (32768–60999): the ports the OS hands out at random — a Temporal dev server opens
// half a dozen — never take a port a test chose and will listen on a few seconds later.
const LOW = 20_000;
const HIGH = 32_000;

function listens(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A TCP port nothing listens on right now (on the loopback interface), outside the ephemeral range. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (await listens(port)) return port;
  }
  throw new Error(`no free port between ${LOW} and ${HIGH}`);
}
