import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUrl, Matches, Max, Min } from 'class-validator';
import { SecuritySettings } from './security-config';
import { toInt } from './to-int';

/** The API's HTTP side: its port, its limits, the codec server's callers, and the webhooks it sends. */
export class HttpSettings extends SecuritySettings {
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

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
}

export const HTTP_CONFIG_KEYS = [
  'PORT',
  'PUBLIC_BASE_URL',
  'CODEC_CORS_ORIGINS',
  'WEBHOOK_ALLOW_PRIVATE_NETWORKS',
  'RATE_LIMIT_PER_TOKEN',
  'RATE_LIMIT_PER_IP',
  'WEBHOOK_TIMEOUT',
] as const;
