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

describe('e-mail settings', () => {
  it('default to no e-mail, a sweep every minute and the digest at 7', () => {
    const config = loadConfig(minimal);
    expect(config.SMTP_URL).toBeUndefined();
    expect(config).toMatchObject({ MAIL_SWEEP_INTERVAL: '1m', MAIL_DIGEST_HOUR: 7 });
    expect(config.MAIL_FROM).toMatch(/@/);
    expect(CONFIG_KEYS).toEqual(
      expect.arrayContaining(['SMTP_URL', 'MAIL_FROM', 'MAIL_SWEEP_INTERVAL', 'MAIL_DIGEST_HOUR']),
    );
  });

  it('take an SMTP server, a sender and another rhythm', () => {
    const env = {
      ...minimal,
      SMTP_URL: 'smtps://mailer:s3cret@smtp.example.nl:465',
      MAIL_FROM: 'Terugkeer Almelo <terugkeer@almelo.nl>',
      MAIL_SWEEP_INTERVAL: '30s',
      MAIL_DIGEST_HOUR: '0',
    };
    expect(loadConfig(env)).toMatchObject({ ...env, MAIL_DIGEST_HOUR: 0 });
  });

  it.each([
    ['SMTP_URL', 'http://smtp.example.nl', 'SMTP_URL must be an smtp:// or smtps:// URL'],
    ['MAIL_FROM', 'nobody', 'MAIL_FROM must be an e-mail address'],
    ['MAIL_SWEEP_INTERVAL', '0s', 'MAIL_SWEEP_INTERVAL must be a duration'],
    ['MAIL_DIGEST_HOUR', '24', 'MAIL_DIGEST_HOUR must be an hour from 0 to 23'],
  ])('refuses %s=%s, naming it without its value', (key, value, message) => {
    const problems = problemsOf({ ...minimal, [key]: value });
    expect(problems).toContain(message);
    expect(problems).not.toContain(value === '0s' || value === '24' ? `=${value}` : value);
  });
});
