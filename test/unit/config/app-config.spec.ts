import { ConfigValidationError, loadConfig } from '@terugkeer/config';

const minimal = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/terugkeer',
  AUTH_JWT_SECRET: 'x'.repeat(32),
  TEMPORAL_PAYLOAD_KEY: Buffer.alloc(32, 1).toString('base64'),
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return (error as ConfigValidationError).problems;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(minimal);
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      LOG_LEVEL: 'info',
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'terugkeer-detentions',
      WORKER_MAX_CACHED_WORKFLOWS: 1000,
      WORKER_SHUTDOWN_GRACE_TIME: '10s',
    });
  });

  it('converts numbers and keeps the given values', () => {
    const config = loadConfig({
      ...minimal,
      PORT: '8080',
      WORKER_MAX_CONCURRENT_ACTIVITIES: '7',
      NODE_ENV: 'production',
    });
    expect(config.PORT).toBe(8080);
    expect(config.WORKER_MAX_CONCURRENT_ACTIVITIES).toBe(7);
    expect(config.isProduction).toBe(true);
  });

  it('names every missing variable at once', () => {
    const problems = problemsOf({});
    expect(problems.join('\n')).toMatch(/DATABASE_URL/);
    expect(problems.join('\n')).toMatch(/AUTH_JWT_SECRET must be set/);
    expect(problems.join('\n')).toMatch(/TEMPORAL_PAYLOAD_KEY must be 32 random bytes/);
  });

  it('rejects a payload key that is not 32 bytes', () => {
    expect(problemsOf({ ...minimal, TEMPORAL_PAYLOAD_KEY: Buffer.alloc(16).toString('base64') }).join()).toMatch(
      /TEMPORAL_PAYLOAD_KEY/,
    );
  });

  it('names every invalid variable without echoing secrets', () => {
    const problems = problemsOf({
      ...minimal,
      PORT: 'eighty',
      TEMPORAL_ADDRESS: 'no-port',
      LOG_LEVEL: 'loud',
      AUTH_JWT_SECRET: 'short-secret-value',
    });
    const text = problems.join('\n');
    expect(text).toMatch(/PORT/);
    expect(text).toMatch(/TEMPORAL_ADDRESS must be host:port/);
    expect(text).toMatch(/LOG_LEVEL/);
    expect(text).toMatch(/AUTH_JWT_SECRET must be at least 32 characters/);
    expect(text).not.toContain('short-secret-value');
  });

  it('accepts AUTH_JWKS_URL instead of a shared secret', () => {
    const config = loadConfig({
      DATABASE_URL: minimal.DATABASE_URL,
      TEMPORAL_PAYLOAD_KEY: minimal.TEMPORAL_PAYLOAD_KEY,
      AUTH_JWKS_URL: 'https://idp.example/jwks.json',
    });
    expect(config.AUTH_JWT_SECRET).toBeUndefined();
    expect(config.AUTH_JWKS_URL).toBe('https://idp.example/jwks.json');
  });

  it('ignores variables it does not know', () => {
    expect(() => loadConfig({ ...minimal, SOMETHING_ELSE: 'x' })).not.toThrow();
  });
});
