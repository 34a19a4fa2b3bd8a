import { IsIn, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PREVIOUS_KEYS_PATTERN } from './key-ring';
import { TemporalSettings } from './temporal-config';

/**
 * Who may call the API (tokens: a shared secret or an identity provider's keys) and the keys that protect data
 * at rest (Temporal payloads, partner secrets, the BSN hash), each with its id and the rotated-out keys still
 * needed to read. Part of {@link AppConfig}.
 */
export class SecuritySettings extends TemporalSettings {
  @ValidateIf((c: SecuritySettings) => c.AUTH_JWKS_URL === undefined || c.AUTH_JWT_SECRET !== undefined)
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

  /**
   * The web UI's sign-in offers demo identities that mint any token: only when explicitly `true` — `npm start`
   * sets it for its development stack — and never in production or next to an identity provider.
   */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'DEV_LOGIN must be true or false' })
  DEV_LOGIN?: 'true' | 'false';

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

  /** After a secret rotation, how long the previous partner secret stays valid. */
  @Matches(/^\d+\s*(m|h|d)$/, { message: "PARTNER_SECRET_OVERLAP must be a duration like '72h'" })
  PARTNER_SECRET_OVERLAP = '72h';

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
}

export const SECURITY_CONFIG_KEYS = [
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
  'PARTNER_SECRET_OVERLAP',
  'DEV_LOGIN',
] as const;
