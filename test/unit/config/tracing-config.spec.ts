import { ConfigValidationError, CONFIG_KEYS, loadConfig } from '@terugkeer/config';
import { startTracing, workflowTracingSinks } from '@terugkeer/temporal';

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

describe('tracing settings', () => {
  it('default to off, with the OpenTelemetry default endpoint and a service name per app', () => {
    const config = loadConfig(minimal);
    expect(config).toMatchObject({ OTEL_ENABLED: 'false', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318' });
    expect(config.OTEL_SERVICE_NAME).toBeUndefined();
    expect(config.tracingEnabled).toBe(false);
    expect(CONFIG_KEYS).toEqual(
      expect.arrayContaining(['OTEL_ENABLED', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_SERVICE_NAME']),
    );
  });

  it('take a collector and a service name', () => {
    const env = {
      ...minimal,
      OTEL_ENABLED: 'true',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'https://jaeger.internal:4318',
      OTEL_SERVICE_NAME: 'terugkeer-almelo',
    };
    const config = loadConfig(env);
    expect(config).toMatchObject(env);
    expect(config.tracingEnabled).toBe(true);
  });

  it('name the variable that is wrong, without echoing it', () => {
    const problems = problemsOf({
      ...minimal,
      OTEL_ENABLED: 'yes',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'jaeger:4318',
      OTEL_SERVICE_NAME: 'terugkeer api',
    });
    expect(problems).toContain('OTEL_ENABLED must be true or false');
    expect(problems).toContain('OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL');
    expect(problems).toContain('OTEL_SERVICE_NAME must be');
    expect(problems).not.toContain('jaeger:4318');
  });

  it('start nothing when off: no SDK, and a workflow sink that drops the spans', async () => {
    await expect(startTracing(loadConfig(minimal), 'api')).resolves.toBeUndefined();
    const sinks = workflowTracingSinks();
    expect(() => sinks.exporter.export.fn({} as never, [])).not.toThrow();
  });
});
