import net, { type AddressInfo } from 'node:net';

/**
 * A real TCP forwarder to a server, which a test can cut to make that server unreachable for the app under test
 * (e.g. PostgreSQL going away), or pause to make it hang — connections stay open, nothing gets through, as with a
 * server that stopped answering — without touching the server itself.
 */
export async function startTcpProxy(targetHost: string, targetPort: number) {
  const sockets = new Set<net.Socket>();
  let cut = false;
  let paused = false;
  let held: [net.Socket, Buffer][] = [];
  const forward = (from: net.Socket, to: net.Socket) => {
    from.on('data', (chunk: Buffer) => (paused ? held.push([to, chunk]) : to.write(chunk)));
    from.on('end', () => to.end());
  };
  const server = net.createServer((client) => {
    if (cut) return client.destroy();
    const upstream = net.connect(targetPort, targetHost);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => {
        sockets.delete(s);
        (s === client ? upstream : client).destroy();
      });
      s.on('error', () => s.destroy());
    }
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    /** Drops every connection and refuses new ones. */
    cut() {
      cut = true;
      held = [];
      sockets.forEach((s) => s.destroy());
    },
    /** Holds every byte, both ways, on open and new connections: the server seems to hang. */
    pause() {
      paused = true;
    },
    /** Lets the held bytes through, and what follows. */
    resume() {
      paused = false;
      for (const [to, chunk] of held) if (!to.destroyed) to.write(chunk);
      held = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        sockets.forEach((s) => s.destroy());
      }),
  };
}
