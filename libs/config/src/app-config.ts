import { plainToInstance } from 'class-transformer';
import { IsIn, validateSync } from 'class-validator';
import { jwksProblems, weakSecrets } from './config-checks';
import { DATABASE_CONFIG_KEYS } from './database-config';
import { HTTP_CONFIG_KEYS } from './http-config';
import { MAIL_CONFIG_KEYS } from './mail-config';
import { ObservabilitySettings, OBSERVABILITY_CONFIG_KEYS } from './observability-config';
import { RETENTION_CONFIG_KEYS } from './retention-config';
import { SECURITY_CONFIG_KEYS } from './security-config';
import { TEMPORAL_CONFIG_KEYS } from './temporal-config';
import { TEMPORAL_DEADLINE_CONFIG_KEYS } from './temporal-deadlines';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Every setting of both apps, read once from the environment at start-up and validated. The settings are grouped
 * per concern in the classes this one extends: {@link ObservabilitySettings}, {@link HttpSettings}, {@link SecuritySettings} (tokens and keys),
 * {@link TemporalSettings} (and the worker's), {@link DatabaseSettings}, {@link TemporalDeadlineSettings} (how
 * long to wait for Temporal), {@link MailSettings} and {@link RetentionSettings}.
 * `.env.example` lists them all with their defaults; nothing else in the code reads `process.env`.
 */
export class AppConfig extends ObservabilitySettings {
  /** The compiled apps behave as production unless told otherwise; `npm start` says `development`. */
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'production';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  get devLogin(): boolean {
    return this.DEV_LOGIN === 'true';
  }

  /** Where webhooks may go: https only outside development and tests; private networks only when allowed. */
  get webhookUrlPolicy(): { allowHttp: boolean; allowPrivate: boolean } {
    return {
      allowHttp: this.NODE_ENV === 'development' || this.NODE_ENV === 'test',
      allowPrivate: this.WEBHOOK_ALLOW_PRIVATE_NETWORKS === 'true',
    };
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`,
    );
    this.name = 'ConfigValidationError';
  }
}

/** Every environment variable the apps read; `.env.example` and docker-compose.yml are checked against it. */
export const CONFIG_KEYS = [
  'NODE_ENV',
  'LOG_LEVEL',
  ...HTTP_CONFIG_KEYS,
  ...OBSERVABILITY_CONFIG_KEYS,
  ...DATABASE_CONFIG_KEYS,
  ...TEMPORAL_CONFIG_KEYS,
  ...SECURITY_CONFIG_KEYS,
  ...RETENTION_CONFIG_KEYS,
  ...MAIL_CONFIG_KEYS,
  ...TEMPORAL_DEADLINE_CONFIG_KEYS,
] as const satisfies readonly (keyof AppConfig)[];

/** Reads and validates the configuration; throws one error naming every bad or missing variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // An empty variable counts as unset, as in docker-compose files and copied .env templates.
  const picked = Object.fromEntries(
    CONFIG_KEYS.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]),
  );
  const config = plainToInstance(AppConfig, picked, { exposeDefaultValues: true });
  // Name the variable and the rule; never echo values: some are secrets.
  const problems = validateSync(config).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? m : `${e.property}: ${m}`)),
  );
  if (config.NODE_ENV === 'production' && config.DEV_LOGIN === 'true') {
    problems.push('DEV_LOGIN must not be true in production: tokens come from the identity provider there');
  }
  if (config.AUTH_JWKS_URL) problems.push(...jwksProblems(config));
  if (config.AUTH_JWKS_URL && config.DEV_LOGIN === 'true') {
    problems.push('DEV_LOGIN must not be true with AUTH_JWKS_URL: tokens come from the identity provider');
  }
  if (config.NODE_ENV === 'production' && !problems.length) problems.push(...weakSecrets(config));
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return config;
}

/** `10s`, `500ms`, `5m`, `72h`, `3d` → milliseconds. */
export function durationMs(value: string): number {
  const match = /^(\d+)\s*(ms|s|m|h|d)$/.exec(value.trim());
  if (!match) throw new RangeError(`not a duration: ${value}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}
