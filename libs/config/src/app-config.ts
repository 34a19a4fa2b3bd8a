import { plainToInstance, Transform } from 'class-transformer';
import { jwksProblems, weakSecrets } from './config-checks';
import { PREVIOUS_KEYS_PATTERN } from './key-ring';
import { MAIL_CONFIG_KEYS } from './mail-config';
import { RETENTION_CONFIG_KEYS } from './retention-config';
import { TEMPORAL_DEADLINE_CONFIG_KEYS, TemporalDeadlineSettings } from './temporal-deadlines';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;

/**
 * Every setting of both apps, read once from the environment at start-up and validated (the retention settings
 * are grouped in {@link RetentionSettings}, the e-mail settings in {@link MailSettings}, how long to wait for
 * Temporal in {@link TemporalDeadlineSettings}).
 * `.env.example` lists them all with their defaults; nothing else in the code reads `process.env`.
 */
export class AppConfig extends TemporalDeadlineSettings {
  /** The compiled apps behave as production unless told otherwise; `npm start` says `development`. */
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'production';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Matches(/^[^:\s]+:\d+$/, { message: 'TEMPORAL_ADDRESS must be host:port, e.g. 127.0.0.1:7233' })
  TEMPORAL_ADDRESS = '127.0.0.1:7233';

  @IsString()
  @MinLength(1)
  TEMPORAL_NAMESPACE = 'default';

  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'TEMPORAL_TASK_QUEUE may hold letters, digits, dot, dash, underscore' })
  TEMPORAL_TASK_QUEUE = 'terugkeer-detentions';

  /** mTLS to Temporal: the CA that signed the server's certificate (PEM file); with it, TLS is on. */
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  TEMPORAL_TLS_CA_FILE?: string;

  /** mTLS to Temporal: this client's certificate and key (PEM files), both or neither. */
  @ValidateIf((c: AppConfig) => c.TEMPORAL_TLS_KEY_FILE !== undefined || c.TEMPORAL_TLS_CERT_FILE !== undefined)
  @IsString({ message: 'TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE go together' })
  @MaxLength(4096)
  TEMPORAL_TLS_CERT_FILE?: string;

  @ValidateIf((c: AppConfig) => c.TEMPORAL_TLS_KEY_FILE !== undefined || c.TEMPORAL_TLS_CERT_FILE !== undefined)
  @IsString({ message: 'TEMPORAL_TLS_KEY_FILE and TEMPORAL_TLS_CERT_FILE go together' })
  @MaxLength(4096)
  TEMPORAL_TLS_KEY_FILE?: string;

  /** The name the server's certificate carries, when it differs from the host of TEMPORAL_ADDRESS. */
  @IsOptional()
  @IsString()
  @MaxLength(253)
  TEMPORAL_TLS_SERVER_NAME?: string;

  /** An API key for Temporal (Temporal Cloud and clusters that use them); implies TLS. */
  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'TEMPORAL_API_KEY looks too short to be an API key' })
  TEMPORAL_API_KEY?: string;

  @ValidateIf((c: AppConfig) => c.AUTH_JWKS_URL === undefined || c.AUTH_JWT_SECRET !== undefined)
  @IsString({ message: 'AUTH_JWT_SECRET must be set (or AUTH_JWKS_URL for RS256 tokens)' })
  @MinLength(32, { message: 'AUTH_JWT_SECRET must be at least 32 characters long' })
  AUTH_JWT_SECRET?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'AUTH_JWKS_URL must be an http(s) URL' })
  AUTH_JWKS_URL?: string;

  /** When set, a token's `iss` must be this (always required with AUTH_JWKS_URL). */
  @IsOptional()
  @MaxLength(500, { message: 'AUTH_JWT_ISSUER must be at most 500 characters' })
  AUTH_JWT_ISSUER?: string;

  /** When set, a token's `aud` must include this (always required with AUTH_JWKS_URL). */
  @IsOptional()
  @MaxLength(500, { message: 'AUTH_JWT_AUDIENCE must be at most 500 characters' })
  AUTH_JWT_AUDIENCE?: string;

  /** Tokens that live longer than this (from `iat`, or from now without it) are refused. */
  @Matches(/^\d+\s*(m|h)$/, { message: "AUTH_MAX_TOKEN_LIFETIME must be a duration like '12h' or '90m'" })
  AUTH_MAX_TOKEN_LIFETIME = '12h';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  WORKER_MAX_CACHED_WORKFLOWS = 1000;

  /** AES-256 key (base64 of 32 bytes) that encrypts every Temporal payload: histories hold personal data. */
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message: 'TEMPORAL_PAYLOAD_KEY must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)',
  })
  TEMPORAL_PAYLOAD_KEY: string;

  @Matches(/^[A-Za-z0-9._-]{1,32}$/, { message: 'TEMPORAL_PAYLOAD_KEY_ID must be a short identifier' })
  TEMPORAL_PAYLOAD_KEY_ID = 'k1';

  /** Keys rotated out, still needed to read histories written with them: `id=base64,id=base64`. */
  @IsOptional()
  @Matches(PREVIOUS_KEYS_PATTERN, {
    message: 'TEMPORAL_PAYLOAD_PREVIOUS_KEYS must be `id=<base64 of 32 bytes>` entries separated by commas',
  })
  TEMPORAL_PAYLOAD_PREVIOUS_KEYS?: string;

  /** AES-256 key (base64 of 32 bytes) for the partner secrets stored in the registry. Required in production. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'PARTNER_SECRET_KEY must be 32 random bytes in base64' })
  PARTNER_SECRET_KEY?: string;

  @Matches(/^[A-Za-z0-9._-]{1,32}$/, { message: 'PARTNER_SECRET_KEY_ID must be a short identifier' })
  PARTNER_SECRET_KEY_ID = 'p1';

  @IsOptional()
  @Matches(PREVIOUS_KEYS_PATTERN, {
    message: 'PARTNER_SECRET_PREVIOUS_KEYS must be `id=<base64 of 32 bytes>` entries separated by commas',
  })
  PARTNER_SECRET_PREVIOUS_KEYS?: string;

  /** HMAC key (base64 of 32 bytes) for the BSN hash that recognises a re-detention. Required in production. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'BSN_HASH_KEY must be 32 random bytes in base64' })
  BSN_HASH_KEY?: string;

  @Matches(/^[A-Za-z0-9._-]{1,32}$/, { message: 'BSN_HASH_KEY_ID must be a short identifier' })
  BSN_HASH_KEY_ID = 'b1';

  @IsOptional()
  @Matches(PREVIOUS_KEYS_PATTERN, {
    message: 'BSN_HASH_PREVIOUS_KEYS must be `id=<base64 of 32 bytes>` entries separated by commas',
  })
  BSN_HASH_PREVIOUS_KEYS?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS = 40;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  WORKER_MAX_CONCURRENT_ACTIVITIES = 100;

  @Matches(/^\d+\s*(ms|s|m)$/, { message: "WORKER_SHUTDOWN_GRACE_TIME must be a duration like '10s'" })
  WORKER_SHUTDOWN_GRACE_TIME = '10s';

  /**
   * Origins (comma-separated) that may call the codec server from a browser with the codec cookie: the Temporal
   * UI's, e.g. `http://localhost:8233`. Unset: none.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s,/]+(,https?:\/\/[^\s,/]+)*$/, {
    message: 'CODEC_CORS_ORIGINS must be origins like https://temporal.example.org, separated by commas',
  })
  CODEC_CORS_ORIGINS?: string;

  /**
   * `true` lets webhooks go to loopback and private network addresses (a partner simulator on this machine, an
   * internal network you trust). Default: refused, so that a changed URL cannot reach internal services.
   */
  @IsIn(['true', 'false'], { message: 'WEBHOOK_ALLOW_PRIVATE_NETWORKS must be true or false' })
  WEBHOOK_ALLOW_PRIVATE_NETWORKS = 'false';

  /** Requests per minute one token may make (all routes together); 429 with Retry-After beyond. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_TOKEN = 600;

  /** Requests per minute from one address (all routes together). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_IP = 1200;

  /** Where partners reach the API: the base of the `respondUrl` in webhooks. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'PUBLIC_BASE_URL must be an http(s) URL' })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /** How long one webhook POST may take before it counts as failed (and is retried). */
  @Matches(/^\d+\s*(ms|s)$/, { message: "WEBHOOK_TIMEOUT must be a duration like '10s'" })
  WEBHOOK_TIMEOUT = '10s';

  /**
   * The web UI's sign-in offers demo identities that mint any token: only when explicitly `true` — `npm start`
   * sets it for its development stack — and never in production or next to an identity provider.
   */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'DEV_LOGIN must be true or false' })
  DEV_LOGIN?: 'true' | 'false';

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

  /** After a secret rotation, how long the previous partner secret stays valid. */
  @Matches(/^\d+\s*(m|h|d)$/, { message: "PARTNER_SECRET_OVERLAP must be a duration like '72h'" })
  PARTNER_SECRET_OVERLAP = '72h';

  @IsOptional()
  @IsString()
  @MaxLength(4096)
  WORKFLOW_BUNDLE_PATH?: string;

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
  'PORT',
  'LOG_LEVEL',
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_TASK_QUEUE',
  'TEMPORAL_TLS_CA_FILE',
  'TEMPORAL_TLS_CERT_FILE',
  'TEMPORAL_TLS_KEY_FILE',
  'TEMPORAL_TLS_SERVER_NAME',
  'TEMPORAL_API_KEY',
  'TEMPORAL_PAYLOAD_KEY',
  'TEMPORAL_PAYLOAD_KEY_ID',
  'TEMPORAL_PAYLOAD_PREVIOUS_KEYS',
  'PARTNER_SECRET_KEY',
  'PARTNER_SECRET_KEY_ID',
  'PARTNER_SECRET_PREVIOUS_KEYS',
  'BSN_HASH_KEY',
  'BSN_HASH_KEY_ID',
  'BSN_HASH_PREVIOUS_KEYS',
  'AUTH_JWT_SECRET',
  'AUTH_JWKS_URL',
  'AUTH_JWT_ISSUER',
  'AUTH_JWT_AUDIENCE',
  'AUTH_MAX_TOKEN_LIFETIME',
  'WORKER_MAX_CACHED_WORKFLOWS',
  'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS',
  'WORKER_MAX_CONCURRENT_ACTIVITIES',
  'WORKER_SHUTDOWN_GRACE_TIME',
  'WORKFLOW_BUNDLE_PATH',
  'PUBLIC_BASE_URL',
  'CODEC_CORS_ORIGINS',
  'WEBHOOK_ALLOW_PRIVATE_NETWORKS',
  'RATE_LIMIT_PER_TOKEN',
  'RATE_LIMIT_PER_IP',
  'WEBHOOK_TIMEOUT',
  'PARTNER_SECRET_OVERLAP',
  'DEV_LOGIN',
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
