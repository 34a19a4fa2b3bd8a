import { httpLoggerOptions, loadConfig } from '@terugkeer/config';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pinoHttp from 'pino-http';

const env = {
  NODE_ENV: 'test',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/terugkeer',
  AUTH_JWT_SECRET: 'x'.repeat(32),
  TEMPORAL_PAYLOAD_KEY: Buffer.alloc(32, 1).toString('base64'),
};

/** A real HTTP server behind the apps' pino-http options, its log lines collected as JSON. */
async function serve(logLevel: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const logger = pinoHttp(httpLoggerOptions(loadConfig({ ...env, LOG_LEVEL: logLevel })), stream);
  const server: Server = createServer((req, res) => {
    logger(req, res);
    if (req.url === '/broken') {
      // What the API's UnexpectedErrorInterceptor does with an error that became a 500.
      const error = new TypeError('Cannot read properties of undefined (reading "x"): "Jansen"');
      (res as typeof res & { err?: Error }).err = error;
      res.statusCode = 500;
    } else if (req.url === '/missing') res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    lines,
    get: async (path: string) => void (await fetch(url + path)).status,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('request logging', () => {
  it('logs a 5xx at error with the error itself: type, message and stack, without quoted values', async () => {
    const app = await serve('info');
    await app.get('/broken');
    await app.close();
    const [line] = app.lines;
    expect(line).toMatchObject({ level: 50, res: { statusCode: 500 } });
    const err = line.err as Record<string, string>;
    expect(err.type).toBe('TypeError');
    expect(err.message).toMatch(/^Cannot read properties of undefined/);
    expect(err.stack).toMatch(/TypeError: Cannot read properties/);
    expect(JSON.stringify(line)).not.toContain('[object Object]');
    expect(JSON.stringify(line)).not.toContain('Jansen');
  });

  it('keeps successful requests out of the log at info, a 4xx at warn', async () => {
    const app = await serve('info');
    await app.get('/fine');
    await app.get('/missing');
    await app.close();
    expect(app.lines.map((l) => [l.level, (l.res as { statusCode: number }).statusCode])).toEqual([[40, 404]]);
  });

  it('shows successful requests at debug when LOG_LEVEL=debug', async () => {
    const app = await serve('debug');
    await app.get('/fine');
    await app.close();
    expect(app.lines).toEqual([expect.objectContaining({ level: 20, res: { statusCode: 200 } })]);
  });
});
