import { ConfigValidationError, CONFIG_KEYS, durationMs, loadConfig } from '@terugkeer/config';

const minimal = {
  NODE_ENV: 'test',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/terugkeer',
  AUTH_JWT_SECRET: 'x'.repeat(32),
  TEMPORAL_PAYLOAD_KEY: Buffer.alloc(32, 1).toString('base64'),
};

describe('deadlines of the calls to Temporal', () => {
  it('default to 5 s for a call and 10 s for an update', () => {
    const config = loadConfig(minimal);
    expect(durationMs(config.TEMPORAL_RPC_TIMEOUT)).toBe(5_000);
    expect(durationMs(config.TEMPORAL_UPDATE_TIMEOUT)).toBe(10_000);
    expect(CONFIG_KEYS).toEqual(expect.arrayContaining(['TEMPORAL_RPC_TIMEOUT', 'TEMPORAL_UPDATE_TIMEOUT']));
  });

  it('take other durations, and refuse what is not a positive one in ms or s', () => {
    const config = loadConfig({ ...minimal, TEMPORAL_RPC_TIMEOUT: '800ms', TEMPORAL_UPDATE_TIMEOUT: '30s' });
    expect([durationMs(config.TEMPORAL_RPC_TIMEOUT), durationMs(config.TEMPORAL_UPDATE_TIMEOUT)]).toEqual([
      800, 30_000,
    ]);
    for (const bad of ['0s', '5', '1m', 'soon']) {
      expect(() => loadConfig({ ...minimal, TEMPORAL_UPDATE_TIMEOUT: bad })).toThrow(ConfigValidationError);
      expect(() => loadConfig({ ...minimal, TEMPORAL_UPDATE_TIMEOUT: bad })).toThrow(/TEMPORAL_UPDATE_TIMEOUT/);
    }
  });
});
