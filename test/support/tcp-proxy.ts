import net, { type AddressInfo } from 'node:net';

/**
 * A real TCP forwarder to a server, which a test can cut to make that server unreachable for the app
 * under test (e.g. PostgreSQL going away) without touching the server itself.
 */
export async function startTcpProxy(targetHost: string, targetPort: number) {
  const sockets = new Set<net.Socket>();
  let cut = false;
  const server = net.createServer((client) => {
    if (cut) return client.destroy();
    const upstream = net.connect(targetPort, targetHost);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    /** Drops every connection and refuses new ones. */
    cut() {
      cut = true;
      sockets.forEach((s) => s.destroy());
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
