import { ConfigValidationError, loadConfig } from '@terugkeer/config';

const minimal = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/terugkeer',
  AUTH_JWT_SECRET: 'x'.repeat(32),
  TEMPORAL_PAYLOAD_KEY: Buffer.alloc(32, 1).toString('base64'),
  PARTNER_SECRET_KEY: Buffer.alloc(32, 2).toString('base64'),
  BSN_HASH_KEY: Buffer.alloc(32, 3).toString('base64'),
};
/** What production takes: secrets that look random. */
const strong = {
  ...minimal,
  AUTH_JWT_SECRET: 'q7Vd2kP9xL4mZ8rT1wY6nB3cF5hJ0sGa',
  TEMPORAL_PAYLOAD_KEY: Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256)).toString('base64'),
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
    const config = loadConfig({ ...minimal, NODE_ENV: 'test' });
    expect(config).toMatchObject({
      NODE_ENV: 'test',
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
      ...strong,
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
      TEMPORAL_PAYLOAD_KEY: strong.TEMPORAL_PAYLOAD_KEY,
      PARTNER_SECRET_KEY: minimal.PARTNER_SECRET_KEY,
      BSN_HASH_KEY: minimal.BSN_HASH_KEY,
      AUTH_JWKS_URL: 'https://idp.example/jwks.json',
      AUTH_JWT_ISSUER: 'https://idp.example',
      AUTH_JWT_AUDIENCE: 'terugkeer-api',
    });
    expect(config.AUTH_JWT_SECRET).toBeUndefined();
    expect(config.AUTH_JWKS_URL).toBe('https://idp.example/jwks.json');
  });

  it('is production unless told otherwise, without dev login', () => {
    const config = loadConfig(strong);
    expect(config).toMatchObject({ NODE_ENV: 'production', isProduction: true, devLogin: false });
    expect(loadConfig({ ...strong, NODE_ENV: 'development' }).devLogin).toBe(false);
    expect(loadConfig({ ...strong, NODE_ENV: 'development', DEV_LOGIN: 'true' }).devLogin).toBe(true);
  });

  it('refuses dev login in production and next to an identity provider', () => {
    expect(problemsOf({ ...strong, DEV_LOGIN: 'true' }).join()).toMatch(/DEV_LOGIN must not be true in production/);
    expect(
      problemsOf({
        ...strong,
        NODE_ENV: 'development',
        DEV_LOGIN: 'true',
        AUTH_JWKS_URL: 'https://idp.example/jwks.json',
      }).join(),
    ).toMatch(/DEV_LOGIN must not be true with AUTH_JWKS_URL/);
  });

  it('refuses example and non-random secrets in production, without echoing them', () => {
    const text = problemsOf(minimal).join('\n');
    expect(text).toMatch(/AUTH_JWT_SECRET looks like an example/);
    expect(text).toMatch(/TEMPORAL_PAYLOAD_KEY is not random/);
    expect(text).not.toContain(minimal.AUTH_JWT_SECRET);
    expect(problemsOf({ ...strong, AUTH_JWT_SECRET: 'please-change-this-secret-1234567890' }).join()).toMatch(
      /looks like an example/,
    );
    // Development and tests may use fixed keys (the committed replay histories are encrypted with one).
    expect(() => loadConfig({ ...minimal, NODE_ENV: 'development' })).not.toThrow();
  });

  it('ignores variables it does not know', () => {
    expect(() => loadConfig({ ...strong, SOMETHING_ELSE: 'x' })).not.toThrow();
  });
});
