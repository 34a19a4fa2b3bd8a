import { ConfigValidationError, CONFIG_KEYS, loadConfig } from '@terugkeer/config';

const minimal = {
  NODE_ENV: 'test',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/terugkeer',
  AUTH_JWT_SECRET: 'x'.repeat(32),
  TEMPORAL_PAYLOAD_KEY: Buffer.alloc(32, 1).toString('base64'),
};

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return (error as ConfigValidationError).problems.join('\n');
  }
  throw new Error('expected the configuration to be rejected');
}

describe('retention settings', () => {
  it('default to erasing 6 months after release, swept hourly', () => {
    expect(loadConfig(minimal)).toMatchObject({ RETENTION_PERIOD: 'P6M', RETENTION_SWEEP_INTERVAL: '1h' });
    expect(CONFIG_KEYS).toEqual(expect.arrayContaining(['RETENTION_PERIOD', 'RETENTION_SWEEP_INTERVAL']));
  });

  it('take a longer legal basis and another interval', () => {
    expect(loadConfig({ ...minimal, RETENTION_PERIOD: 'P1Y6M', RETENTION_SWEEP_INTERVAL: '15m' })).toMatchObject({
      RETENTION_PERIOD: 'P1Y6M',
      RETENTION_SWEEP_INTERVAL: '15m',
    });
  });

  it.each(['6 months', '6m', 'P', 'P0D', 'PT6H', 'P-1M', 'P6M2'])(
    'refuse the period %p, naming the format',
    (value) => {
      expect(problemsOf({ ...minimal, RETENTION_PERIOD: value })).toMatch(
        /RETENTION_PERIOD must be an ISO 8601 period of at least a day, like P6M/,
      );
    },
  );

  it.each(['0s', 'hourly', '1d', '-5m'])('refuse the interval %p', (value) => {
    expect(problemsOf({ ...minimal, RETENTION_SWEEP_INTERVAL: value })).toMatch(
      /RETENTION_SWEEP_INTERVAL must be a duration like '1h'/,
    );
  });
});
